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
import io.atoll.protocol.event.EventType;
import io.atoll.protocol.event.JobEvent;
import io.atoll.runtime.event.Events;
import io.atoll.protocol.connector.EnumeratorContext;
import io.atoll.protocol.connector.JobContext;
import io.atoll.protocol.connector.ResourceScope;
import io.atoll.protocol.connector.Source;
import io.atoll.protocol.connector.SourceSplit;
import io.atoll.protocol.connector.SplitEnumerator;
import io.atoll.protocol.execution.EnumeratorCommand;
import io.atoll.protocol.execution.JobMasterProtocol;
import io.atoll.protocol.execution.ReaderProtocol;
import io.atoll.protocol.execution.SplitProtocol;
import io.atoll.protocol.execution.TaskGroupDescriptor;
import io.atoll.protocol.execution.TaskSnapshot;
import io.atoll.protocol.job.JobMetrics;
import io.atoll.protocol.job.JobStatus;
import io.atoll.protocol.job.Secrets;
import io.atoll.runtime.connector.PluginRegistry;
import io.atoll.runtime.resource.ResourceTrackers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs a pipeline's split enumerator in a worker slot, on the task dispatcher. Readers (anywhere in
 * the cluster) register and ask for splits; assignments for a reader that has not registered yet
 * are held until it does.
 *
 * <p>Checkpoints start here: on the JobMaster's trigger it snapshots the splits it has not
 * assigned, acknowledges, and relays a barrier to every reader on the same path as its
 * assignments (held with them for a reader that has not registered), so a split is always in
 * exactly one of the snapshots: the enumerator's, or that of the reader it was assigned to. A
 * restored pipeline's enumerator hands out the splits of its snapshot instead of listing afresh.
 *
 * <p>A bounded source's enumerator finishes once every reader has finished (committed its final
 * checkpoint); until then it relays barriers. While it runs it sends (empty) metrics to its JobMaster
 * every metrics interval, as readers do: the JobMaster takes a task group silent for its report
 * timeout for lost, and an enumerator may otherwise have nothing to say for a long while.
 */
final class EnumeratorTaskGroup extends AbstractBehavior<EnumeratorCommand> {

  /** Its own timer; never leaves this actor. */
  private sealed interface Private extends EnumeratorCommand, NoSerializationVerificationNeeded {}

  private enum ReportAlive implements Private {
    INSTANCE
  }

  private final TaskGroupDescriptor descriptor;
  private final TaskGroupReports reports;
  private final ActorRef<TaskExecutor.TaskGroupEnded> executor;
  private TaskGroupResources resources;
  private final Map<Integer, ActorRef<ReaderProtocol>> readers = new HashMap<>();
  private final Map<Integer, List<ReaderProtocol>> held = new HashMap<>();
  private final Set<Integer> doneReaders = new HashSet<>();
  private SplitEnumerator enumerator;
  private boolean bounded;
  private boolean closed;

  static Behavior<EnumeratorCommand> create(
      TaskGroupDescriptor descriptor,
      PluginRegistry registry,
      RecipientRef<JobMasterProtocol> jobMaster,
      Duration metricsInterval,
      ActorRef<TaskExecutor.TaskGroupEnded> executor) {
    return Behaviors.setup(context -> Behaviors.withTimers(timers -> {
      timers.startTimerWithFixedDelay(ReportAlive.INSTANCE, metricsInterval);
      return new EnumeratorTaskGroup(context, descriptor, jobMaster, executor).start(registry);
    }));
  }

  private EnumeratorTaskGroup(
      ActorContext<EnumeratorCommand> context,
      TaskGroupDescriptor descriptor,
      RecipientRef<JobMasterProtocol> jobMaster,
      ActorRef<TaskExecutor.TaskGroupEnded> executor) {
    super(context);
    this.descriptor = descriptor;
    this.executor = executor;
    this.reports = new TaskGroupReports(descriptor.id(), jobMaster);
  }

  private Behavior<EnumeratorCommand> start(PluginRegistry registry) {
    JobContext job = new JobContext(descriptor.id().jobId(), descriptor.jobName(), descriptor.streaming(),
        descriptor.id().pipelineId(), descriptor.id().attempt());
    try {
      resources = new TaskGroupResources(ResourceTrackers.get(getContext().getSystem()), descriptor.id(),
          getContext().getSystem().name());
      Source source = registry.source(descriptor.source().name()).createSource(PipelineChain.config(descriptor.source()));
      bounded = source.boundedness() == Source.Boundedness.BOUNDED;
      enumerator = source.createEnumerator(new EnumeratorContext() {
        @Override
        public JobContext job() {
          return job;
        }

        @Override
        public int parallelism() {
          return descriptor.parallelism();
        }

        @Override
        public void assignSplits(int subtask, List<SourceSplit> splits) {
          send(subtask, new ReaderProtocol.AssignSplits(splits));
        }

        @Override
        public void signalNoMoreSplits(int subtask) {
          send(subtask, ReaderProtocol.NoMoreSplits.INSTANCE);
        }

        @Override
        public Optional<List<SourceSplit>> restoredSplits() {
          return Optional.ofNullable(descriptor.restore()).map(TaskSnapshot::splits);
        }

        @Override
        public ResourceScope resources() {
          return resources.scope();
        }
      });
      enumerator.open();
      announce(EventType.LIFECYCLE_ENUMERATOR_OPEN);
    } catch (Exception | LinkageError e) {
      return fail("cannot start the split enumerator " + descriptor.id() + ": " + TaskGroupReports.describe(e), e);
    }
    reports.enumeratorRunning(getContext().getSelf().narrow());
    return this;
  }

  @Override
  public Receive<EnumeratorCommand> createReceive() {
    return newReceiveBuilder()
        .onMessage(SplitProtocol.RegisterReader.class, this::onRegister)
        .onMessage(SplitProtocol.RequestSplit.class, this::onRequest)
        .onMessage(SplitProtocol.ReaderDone.class, this::onReaderDone)
        .onMessage(TaskGroupCommand.TriggerCheckpoint.class, this::onTriggerCheckpoint)
        .onMessage(TaskGroupCommand.Cancel.class, this::onCancel)
        .onMessageEquals(ReportAlive.INSTANCE, this::onReportAlive)
        .onSignal(PostStop.class, signal -> {
          close("STOPPED (its node or TaskExecutor stopped)");
          return this;
        })
        .build();
  }

  private Behavior<EnumeratorCommand> onRegister(SplitProtocol.RegisterReader register) {
    readers.put(register.subtask(), register.reader());
    for (ReaderProtocol message : held.getOrDefault(register.subtask(), List.of())) {
      register.reader().tell(message);
    }
    held.remove(register.subtask());
    try {
      enumerator.registerReader(register.subtask());
    } catch (Exception | LinkageError e) {
      return fail("split enumerator " + descriptor.id() + " failed to register reader " + register.subtask()
          + ": " + TaskGroupReports.describe(e), e);
    }
    return this;
  }

  private Behavior<EnumeratorCommand> onRequest(SplitProtocol.RequestSplit request) {
    try {
      enumerator.handleSplitRequest(request.subtask());
    } catch (Exception | LinkageError e) {
      return fail("split enumerator " + descriptor.id() + " failed on a request of reader " + request.subtask()
          + ": " + TaskGroupReports.describe(e), e);
    }
    return this;
  }

  private Behavior<EnumeratorCommand> onTriggerCheckpoint(TaskGroupCommand.TriggerCheckpoint trigger) {
    long id = trigger.checkpointId();
    List<SourceSplit> unassigned;
    try {
      unassigned = enumerator.snapshotState(id);
    } catch (Exception | LinkageError e) {
      return fail("split enumerator " + descriptor.id() + " failed to take checkpoint " + id + ": "
          + TaskGroupReports.describe(e), e);
    }
    reports.checkpointAck(id, new TaskSnapshot(unassigned, List.of(), false));
    for (int subtask = 0; subtask < descriptor.parallelism(); subtask++) {
      if (!doneReaders.contains(subtask)) {
        send(subtask, new ReaderProtocol.CheckpointBarrier(id));
      }
    }
    return this;
  }

  private Behavior<EnumeratorCommand> onReaderDone(SplitProtocol.ReaderDone done) {
    doneReaders.add(done.subtask());
    return maybeDone();
  }

  private void send(int subtask, ReaderProtocol message) {
    ActorRef<ReaderProtocol> reader = readers.get(subtask);
    if (reader == null) {
      held.computeIfAbsent(subtask, k -> new ArrayList<>()).add(message);
    } else {
      reader.tell(message);
    }
  }

  /** Every reader of a bounded source has finished: nothing is left to do. */
  private Behavior<EnumeratorCommand> maybeDone() {
    if (bounded && doneReaders.size() == descriptor.parallelism()) {
      close(JobStatus.FINISHED.name());
      getContext().getLog().info("split enumerator {}: every reader finished", descriptor.id());
      reports.state(JobStatus.FINISHED, null, JobMetrics.ZERO);
      return Behaviors.stopped();
    }
    return this;
  }

  /** An enumerator counts no rows: its metrics only say it is alive. */
  private Behavior<EnumeratorCommand> onReportAlive() {
    reports.metrics(JobMetrics.ZERO);
    return this;
  }

  private Behavior<EnumeratorCommand> onCancel(TaskGroupCommand.Cancel cancel) {
    close(JobStatus.CANCELED.name());
    reports.state(JobStatus.CANCELED, cancel.reason(), JobMetrics.ZERO);
    return Behaviors.stopped();
  }

  private Behavior<EnumeratorCommand> fail(String raw, Throwable e) {
    // for the log and the master: no password of the job's plugins
    String message = Secrets.of(descriptor.source(), descriptor.transforms(), descriptor.sinks()).mask(raw);
    getContext().getLog().error(message, e);
    close(JobStatus.FAILED.name());
    reports.state(JobStatus.FAILED, message, JobMetrics.ZERO);
    return Behaviors.stopped();
  }

  /** Closes the enumerator, then reports what the task group still holds as leaked, and tells the TaskExecutor. */
  private void close(String state) {
    if (closed) {
      return;
    }
    closed = true;
    if (enumerator != null) {
      try {
        enumerator.close();
      } catch (Exception e) {
        getContext().getLog().warn("closing split enumerator {} failed", descriptor.id(), e);
      }
      announce(EventType.LIFECYCLE_ENUMERATOR_CLOSE);
    }
    if (resources != null) {
      resources.end(state);
    }
    executor.tell(new TaskExecutor.TaskGroupEnded(descriptor.id(), state));
  }

  private void announce(EventType type) {
    Events.get(getContext().getSystem()).publish(JobEvent.task(type, descriptor.id(), null));
  }
}
