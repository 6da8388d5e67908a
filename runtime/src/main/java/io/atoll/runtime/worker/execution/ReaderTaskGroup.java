package io.atoll.runtime.worker.execution;

import akka.actor.NoSerializationVerificationNeeded;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.PostStop;
import akka.actor.typed.RecipientRef;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.javadsl.TimerScheduler;
import io.atoll.protocol.event.EventType;
import io.atoll.protocol.event.JobEvent;
import io.atoll.runtime.event.Events;
import io.atoll.protocol.connector.JobContext;
import io.atoll.protocol.connector.ReaderContext;
import io.atoll.protocol.connector.ResourceScope;
import io.atoll.protocol.connector.Source;
import io.atoll.protocol.connector.SourceReader;
import io.atoll.protocol.execution.JobMasterProtocol;
import io.atoll.protocol.execution.ReaderCommand;
import io.atoll.protocol.execution.ReaderProtocol;
import io.atoll.protocol.execution.SplitProtocol;
import io.atoll.protocol.execution.TaskGroupDescriptor;
import io.atoll.protocol.execution.TaskSnapshot;
import io.atoll.protocol.job.JobStatus;
import io.atoll.protocol.job.Secrets;
import io.atoll.runtime.connector.PluginRegistry;
import io.atoll.runtime.resource.ResourceTrackers;
import java.time.Duration;

/**
 * Runs one reader task group: source reader → transforms → sink writers, fused in this actor and
 * run on the task dispatcher (plugin code may block). Rows are pulled in batches by {@code Poll}
 * messages to itself rather than a loop, so a cancel is handled between two batches. An idle reader
 * (waiting for splits, or a source pausing between splits) is polled again after a short timer;
 * {@code read_limit.rows_per_second} is kept the same way.
 *
 * <p>Checkpoints: a barrier from the enumerator makes it snapshot its reader's splits and have its
 * writers prepare their output, and acknowledge to the JobMaster; the JobMaster's "checkpoint
 * complete" makes the writers commit. A bounded reader that has read everything flushes its
 * writers, tells the JobMaster (which starts a checkpoint at once) and waits: it finishes when the
 * first checkpoint taken after its input ended is complete and committed. A pipeline restored
 * from a checkpoint gives its reader the snapshotted splits and its writers their states.
 *
 * <p>Reports RUNNING, then FINISHED (after its final checkpoint committed), FAILED (writers
 * aborted) or CANCELED to its JobMaster, and its metrics every metrics interval while it runs (the
 * JobMaster takes a task group silent for its report timeout for lost). If its node dies nothing is
 * reported; the ResourceManager's worker-lost notice tells the JobMaster instead.
 */
final class ReaderTaskGroup extends AbstractBehavior<ReaderCommand> {
  static final Duration IDLE_POLL = Duration.ofMillis(10);

  /** Its own timers; never leave this actor. */
  private sealed interface Private extends ReaderCommand, NoSerializationVerificationNeeded {}

  private enum Poll implements Private {
    INSTANCE
  }

  private enum ReportMetrics implements Private {
    INSTANCE
  }

  private final TaskGroupDescriptor descriptor;
  private final ActorRef<TaskExecutor.TaskGroupEnded> executor;
  private final TimerScheduler<ReaderCommand> timers;
  private final TaskGroupReports reports;
  private final TaskCounters counters;
  private final long nanosPerRow;
  private SourceReader reader;
  private PipelineChain chain;
  private boolean noMoreElements;
  /** Input ended and the writers flushed: waiting for the final checkpoint. */
  private boolean inputEnded;
  /** The first checkpoint taken after the input ended; -1 until then. */
  private long finalCheckpoint = -1;
  private ActorRef<SplitProtocol> enumerator;
  private TaskGroupResources resources;
  private boolean ended;
  private long nextAllowedNanos = System.nanoTime();

  static Behavior<ReaderCommand> create(
      TaskGroupDescriptor descriptor,
      PluginRegistry registry,
      RecipientRef<JobMasterProtocol> jobMaster,
      Duration metricsInterval,
      ActorRef<TaskExecutor.TaskGroupEnded> executor) {
    return Behaviors.setup(context -> Behaviors.withTimers(timers -> {
      ReaderTaskGroup group = new ReaderTaskGroup(context, descriptor, timers, jobMaster, executor);
      timers.startTimerWithFixedDelay(ReportMetrics.INSTANCE, metricsInterval);
      return group.start(registry);
    }));
  }

  private ReaderTaskGroup(
      ActorContext<ReaderCommand> context,
      TaskGroupDescriptor descriptor,
      TimerScheduler<ReaderCommand> timers,
      RecipientRef<JobMasterProtocol> jobMaster,
      ActorRef<TaskExecutor.TaskGroupEnded> executor) {
    super(context);
    this.descriptor = descriptor;
    this.executor = executor;
    this.timers = timers;
    this.reports = new TaskGroupReports(descriptor.id(), jobMaster);
    this.counters = descriptor.restore() == null ? new TaskCounters() : new TaskCounters(descriptor.restore().metrics());
    this.nanosPerRow = descriptor.readLimitRowsPerSecond() > 0 ? 1_000_000_000L / descriptor.readLimitRowsPerSecond() : 0;
  }

  private Behavior<ReaderCommand> start(PluginRegistry registry) {
    JobContext job = new JobContext(descriptor.id().jobId(), descriptor.jobName(), descriptor.streaming(),
        descriptor.id().pipelineId(), descriptor.id().attempt());
    ActorRef<ReaderProtocol> self = getContext().getSelf().narrow();
    enumerator = descriptor.enumerator();
    try {
      resources = new TaskGroupResources(ResourceTrackers.get(getContext().getSystem()), descriptor.id(),
          getContext().getSystem().name());
      Source source = registry.source(descriptor.source().name()).createSource(PipelineChain.config(descriptor.source()));
      chain = new PipelineChain(descriptor, source, registry, job, counters, resources.scope());
      reader = source.createReader(new ReaderContext() {
        @Override
        public JobContext job() {
          return job;
        }

        @Override
        public int subtaskIndex() {
          return descriptor.subtask();
        }

        @Override
        public int parallelism() {
          return descriptor.parallelism();
        }

        @Override
        public void sendSplitRequest() {
          enumerator.tell(new SplitProtocol.RequestSplit(descriptor.subtask()));
        }

        @Override
        public void signalNoMoreElement() {
          noMoreElements = true;
        }

        @Override
        public ResourceScope resources() {
          return resources.scope();
        }
      });
      chain.open();
      if (descriptor.restore() != null) {
        reader.addSplits(descriptor.restore().splits());
      }
      reader.open();
      announce(EventType.LIFECYCLE_READER_OPEN);
    } catch (Exception | LinkageError e) {
      return fail("cannot start reader task group " + descriptor.id() + ": " + TaskGroupReports.describe(e), e);
    }
    enumerator.tell(new SplitProtocol.RegisterReader(descriptor.subtask(), self));
    reports.state(JobStatus.RUNNING, null, counters.snapshot());
    getContext().getSelf().tell(Poll.INSTANCE);
    return this;
  }

  @Override
  public Receive<ReaderCommand> createReceive() {
    return newReceiveBuilder()
        .onMessageEquals(Poll.INSTANCE, this::onPoll)
        .onMessage(ReaderProtocol.AssignSplits.class, this::onSplits)
        .onMessage(ReaderProtocol.CheckpointBarrier.class, this::onBarrier)
        .onMessage(TaskGroupCommand.CheckpointComplete.class, this::onCheckpointComplete)
        .onMessageEquals(ReaderProtocol.NoMoreSplits.INSTANCE, this::onNoMoreSplits)
        .onMessageEquals(ReportMetrics.INSTANCE, this::onReportMetrics)
        .onMessage(TaskGroupCommand.Cancel.class, this::onCancel)
        .onSignal(PostStop.class, signal -> onPostStop())
        .build();
  }

  private Behavior<ReaderCommand> onPoll() {
    if (inputEnded) {
      return this;
    }
    if (noMoreElements) {
      return endInput();
    }
    long before = counters.snapshot().rowsRead();
    try {
      reader.pollNext(chain.source());
    } catch (Exception | LinkageError e) {
      return fail("task group " + descriptor.id() + " failed: " + TaskGroupReports.describe(e), e);
    }
    if (noMoreElements) {
      return endInput();
    }
    long emitted = counters.snapshot().rowsRead() - before;
    long now = System.nanoTime();
    if (nanosPerRow > 0) {
      nextAllowedNanos = Math.max(nextAllowedNanos, now - 1_000_000_000L) + emitted * nanosPerRow;
    }
    if (nanosPerRow > 0 && nextAllowedNanos > now) {
      timers.startSingleTimer(Poll.INSTANCE, Duration.ofNanos(nextAllowedNanos - now));
    } else if (emitted == 0) {
      timers.startSingleTimer(Poll.INSTANCE, IDLE_POLL);
    } else {
      getContext().getSelf().tell(Poll.INSTANCE);
    }
    return this;
  }

  private Behavior<ReaderCommand> onSplits(ReaderProtocol.AssignSplits splits) {
    reader.addSplits(splits.splits());
    return this;
  }

  private Behavior<ReaderCommand> onNoMoreSplits() {
    reader.handleNoMoreSplits();
    return this;
  }

  private Behavior<ReaderCommand> onReportMetrics() {
    reports.metrics(counters.snapshot());
    if (inputEnded && finalCheckpoint < 0) {
      reports.inputEnded(); // again, in case the job master restarted and missed it
    }
    return this;
  }

  /** Everything is read: flush the writers and ask for the checkpoint that will commit the rest. */
  private Behavior<ReaderCommand> endInput() {
    try {
      chain.finish();
    } catch (Exception | LinkageError e) {
      return fail("task group " + descriptor.id() + " failed to flush its sinks: " + TaskGroupReports.describe(e), e);
    }
    inputEnded = true;
    getContext().getLog().debug("task group {} read everything; waiting for its final checkpoint", descriptor.id());
    reports.inputEnded();
    return this;
  }

  private Behavior<ReaderCommand> onBarrier(ReaderProtocol.CheckpointBarrier barrier) {
    if (ended) {
      return this;
    }
    long id = barrier.checkpointId();
    TaskSnapshot snapshot;
    try {
      snapshot = new TaskSnapshot(reader.snapshotState(id), chain.snapshotWriters(id), inputEnded, counters.snapshot());
    } catch (Exception | LinkageError e) {
      return fail("task group " + descriptor.id() + " failed to take checkpoint " + id + ": "
          + TaskGroupReports.describe(e), e);
    }
    if (inputEnded && finalCheckpoint < 0) {
      finalCheckpoint = id;
    }
    reports.checkpointAck(id, snapshot);
    return this;
  }

  private Behavior<ReaderCommand> onCheckpointComplete(TaskGroupCommand.CheckpointComplete complete) {
    if (ended) {
      return this;
    }
    try {
      chain.notifyCheckpointComplete(complete.checkpointId());
    } catch (Exception | LinkageError e) {
      return fail("task group " + descriptor.id() + " failed to commit checkpoint " + complete.checkpointId()
          + ": " + TaskGroupReports.describe(e), e);
    }
    if (finalCheckpoint >= 0 && complete.checkpointId() >= finalCheckpoint) {
      return finish();
    }
    return this;
  }

  private Behavior<ReaderCommand> onCancel(TaskGroupCommand.Cancel cancel) {
    getContext().getLog().info("task group {} cancelled: {}", descriptor.id(), cancel.reason());
    chain.cancel();
    closeAll(JobStatus.CANCELED.name());
    reports.state(JobStatus.CANCELED, cancel.reason(), counters.snapshot());
    return Behaviors.stopped();
  }

  /** The final checkpoint is committed: nothing is left to do. */
  private Behavior<ReaderCommand> finish() {
    closeAll(JobStatus.FINISHED.name());
    enumerator.tell(new SplitProtocol.ReaderDone(descriptor.subtask()));
    getContext().getLog().info("task group {} finished: {}", descriptor.id(), counters.snapshot());
    reports.state(JobStatus.FINISHED, null, counters.snapshot());
    return Behaviors.stopped();
  }

  private Behavior<ReaderCommand> fail(String raw, Throwable e) {
    // for the log and the master: no password of the job's plugins
    String message = Secrets.of(descriptor.source(), descriptor.transforms(), descriptor.sinks()).mask(raw);
    getContext().getLog().error(message, e);
    if (chain != null) {
      chain.abort();
    }
    closeAll(JobStatus.FAILED.name());
    reports.state(JobStatus.FAILED, message, counters.snapshot());
    return Behaviors.stopped();
  }

  /** Closes the plugins, then reports what the task group still holds as leaked, and tells the TaskExecutor. */
  private void closeAll(String state) {
    if (ended) {
      return;
    }
    ended = true;
    if (reader != null) {
      try {
        reader.close();
      } catch (Exception e) {
        getContext().getLog().warn("closing the reader of {} failed", descriptor.id(), e);
      }
      announce(EventType.LIFECYCLE_READER_CLOSE);
    }
    if (chain != null) {
      chain.close();
      announce(EventType.LIFECYCLE_WRITER_CLOSE);
    }
    if (resources != null) {
      resources.end(state);
    }
    executor.tell(new TaskExecutor.TaskGroupEnded(descriptor.id(), state));
  }

  private void announce(EventType type) {
    Events.get(getContext().getSystem()).publish(JobEvent.task(type, descriptor.id(), null));
  }

  /** Stopped from outside (node shutting down): undo uncommitted output, free resources. */
  private Behavior<ReaderCommand> onPostStop() {
    if (!ended && chain != null) {
      chain.abort();
    }
    closeAll("STOPPED (its node or TaskExecutor stopped)");
    return this;
  }
}
