package io.atoll.runtime.master.job;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.DispatcherSelector;
import akka.actor.typed.SupervisorStrategy;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.TimerScheduler;
import akka.cluster.sharding.typed.javadsl.ClusterSharding;
import akka.cluster.sharding.typed.javadsl.EntityTypeKey;
import akka.persistence.typed.PersistenceId;
import akka.persistence.typed.RecoveryCompleted;
import akka.persistence.typed.javadsl.CommandHandler;
import akka.persistence.typed.javadsl.Effect;
import akka.persistence.typed.javadsl.EffectBuilder;
import akka.persistence.typed.javadsl.EventHandler;
import akka.persistence.typed.javadsl.EventSourcedBehavior;
import akka.persistence.typed.javadsl.RetentionCriteria;
import akka.persistence.typed.javadsl.SignalHandler;
import io.atoll.persistence.job.JobMasterEvent;
import io.atoll.persistence.job.JobMasterState;
import io.atoll.protocol.execution.JobMasterCommand;
import io.atoll.protocol.execution.JobMasterProtocol;
import io.atoll.protocol.execution.JobMasterProtocol.CancelJob;
import io.atoll.protocol.execution.JobMasterProtocol.CheckpointAck;
import io.atoll.protocol.execution.JobMasterProtocol.GetJobStatus;
import io.atoll.protocol.execution.JobMasterProtocol.ReaderInputEnded;
import io.atoll.protocol.execution.JobMasterProtocol.RestoreJob;
import io.atoll.protocol.execution.JobMasterProtocol.StopWithSavepoint;
import io.atoll.protocol.execution.JobMasterProtocol.StartJob;
import io.atoll.protocol.execution.JobMasterProtocol.TaskGroupMetrics;
import io.atoll.protocol.execution.JobMasterProtocol.TaskGroupStateChanged;
import io.atoll.protocol.execution.JobMasterProtocol.WorkerLostNotice;
import io.atoll.protocol.execution.TaskExecutorProtocol;
import io.atoll.protocol.job.JobCoordinatorProtocol;
import io.atoll.protocol.job.JobMetrics;
import io.atoll.protocol.job.JobStatus;
import io.atoll.protocol.resource.JobId;
import io.atoll.protocol.resource.ResourceManagerProtocol;
import io.atoll.protocol.resource.SlotProfile;
import io.atoll.protocol.resource.SlotReply;
import io.atoll.runtime.config.JobSettings;
import io.atoll.runtime.event.Events;
import io.atoll.runtime.logging.JobLogs;
import io.atoll.runtime.master.job.JobMasterInternal.CancelTimedOut;
import io.atoll.runtime.master.job.JobMasterInternal.CheckReports;
import io.atoll.runtime.master.job.JobMasterInternal.CheckpointTick;
import io.atoll.runtime.master.job.JobMasterInternal.CheckpointTimedOut;
import io.atoll.runtime.master.job.JobMasterInternal.ResendCancels;
import io.atoll.runtime.master.job.JobMasterInternal.RestartPipeline;
import io.atoll.runtime.master.job.JobMasterInternal.Resume;
import io.atoll.runtime.master.job.JobMasterInternal.RetrySlots;
import io.atoll.runtime.master.job.JobMasterInternal.SlotAnswer;
import io.atoll.runtime.master.job.JobMasterInternal.TaskGroupsFound;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Runs one job. A sharded, remembered entity (entity id = job id), so workers reach it through
 * sharding wherever it runs, and event-sourced: its {@link JobMasterState} changes only by
 * journalled {@link JobMasterEvent}s.
 *
 * <p>This class only routes, persists and performs. Each command goes to {@link JobExecution} (which
 * holds a {@link PipelineExecution} per pipeline, each with its {@link CheckpointCoordinator}), a
 * pure decision comes back, its events are persisted, and only then are its effects performed:
 * slot requests to the ResourceManager, deploys and cancels to the TaskExecutor of the slot's
 * worker incarnation, reports to the JobCoordinator, lifecycle events, timers. Recovery replays the
 * events with the same pure {@link JobMasterState#apply} and performs nothing; afterwards the job
 * asks the workers of its slots which task groups still run, adopts those, restarts the others from
 * their pipeline's last checkpoint, and re-arms its timers.
 *
 * <p>It passivates when the job has ended, no slot request is in flight and it holds no slot of a
 * task group that never confirmed its cancel.
 */
public final class JobMaster extends EventSourcedBehavior<JobMasterCommand, JobMasterEvent, JobMasterState> {

  public static final EntityTypeKey<JobMasterProtocol> TYPE_KEY =
      EntityTypeKey.create(JobMasterProtocol.class, "JobMaster");

  /** How long a recovering job master waits for a worker to say which task groups still run. */
  static final Duration RECOVERY_QUERY_TIMEOUT = Duration.ofSeconds(5);

  /** How long the report of a job's end waits for its sinks to settle ({@link SinkSettler}). */
  static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(30);

  private final long jobId;
  private final JobSettings settings;
  private final ActorContext<JobMasterCommand> context;
  private final TimerScheduler<JobMasterCommand> timers;
  private final ActorRef<ResourceManagerProtocol> resourceManager;
  private final ActorRef<JobCoordinatorProtocol> coordinator;
  private final Function<SlotProfile, ActorRef<TaskExecutorProtocol>> taskExecutors;
  private final ActorRef<ClusterSharding.ShardCommand> shard;
  private final SinkSettler settler;
  private final LongSupplier clock;
  private final Events events;
  private final JobExecution execution;
  private final EffectPerformer performer = new EffectPerformer();
  /** It asked its shard to passivate it: what it gets until it stops belongs to its next incarnation. */
  private boolean passivating;

  /**
   * @param coordinator the JobCoordinator singleton's proxy
   * @param taskExecutors the TaskExecutor of the worker incarnation that holds a slot
   * @param shard the entity's shard, to passivate when the job has ended; null outside sharding
   */
  public static Behavior<JobMasterProtocol> create(
      long jobId,
      JobSettings settings,
      ActorRef<ResourceManagerProtocol> resourceManager,
      ActorRef<JobCoordinatorProtocol> coordinator,
      Function<SlotProfile, ActorRef<TaskExecutorProtocol>> taskExecutors,
      ActorRef<ClusterSharding.ShardCommand> shard) {
    return create(jobId, settings, resourceManager, coordinator, taskExecutors, shard, SinkSettler.NONE);
  }

  /** @param settler settles the sinks of pipelines that end without finishing (see {@link SinkSettler}) */
  public static Behavior<JobMasterProtocol> create(
      long jobId,
      JobSettings settings,
      ActorRef<ResourceManagerProtocol> resourceManager,
      ActorRef<JobCoordinatorProtocol> coordinator,
      Function<SlotProfile, ActorRef<TaskExecutorProtocol>> taskExecutors,
      ActorRef<ClusterSharding.ShardCommand> shard,
      SinkSettler settler) {
    return create(jobId, settings, resourceManager, coordinator, taskExecutors, shard, settler,
        System::currentTimeMillis);
  }

  /** @param clock the time the job master notes task groups were heard at (tests pass ManualTime's) */
  static Behavior<JobMasterProtocol> create(
      long jobId,
      JobSettings settings,
      ActorRef<ResourceManagerProtocol> resourceManager,
      ActorRef<JobCoordinatorProtocol> coordinator,
      Function<SlotProfile, ActorRef<TaskExecutorProtocol>> taskExecutors,
      ActorRef<ClusterSharding.ShardCommand> shard,
      SinkSettler settler,
      LongSupplier clock) {
    // its lines carry the job id in the MDC, set by commandHandler and perform: the job's own log
    // file gets them (see JobLogs)
    return Behaviors.<JobMasterCommand>setup(context -> Behaviors.withTimers(timers -> new JobMaster(
            jobId, settings, context, timers, resourceManager, coordinator, taskExecutors, shard, settler, clock)))
        .narrow();
  }

  private JobMaster(
      long jobId,
      JobSettings settings,
      ActorContext<JobMasterCommand> context,
      TimerScheduler<JobMasterCommand> timers,
      ActorRef<ResourceManagerProtocol> resourceManager,
      ActorRef<JobCoordinatorProtocol> coordinator,
      Function<SlotProfile, ActorRef<TaskExecutorProtocol>> taskExecutors,
      ActorRef<ClusterSharding.ShardCommand> shard,
      SinkSettler settler,
      LongSupplier clock) {
    super(PersistenceId.of(TYPE_KEY.name(), Long.toString(jobId)),
        SupervisorStrategy.restartWithBackoff(Duration.ofMillis(200), Duration.ofSeconds(10), 0.2));
    this.jobId = jobId;
    this.settings = settings;
    this.context = context;
    this.timers = timers;
    this.resourceManager = resourceManager;
    this.coordinator = coordinator;
    this.taskExecutors = taskExecutors;
    this.shard = shard;
    this.settler = settler;
    this.clock = clock;
    this.events = Events.get(context.getSystem());
    this.execution = new JobExecution(jobId, settings);
  }

  @Override
  public JobMasterState emptyState() {
    return JobMasterState.EMPTY;
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(100, 2).withDeleteEventsOnSnapshot();
  }

  @Override
  public EventHandler<JobMasterState, JobMasterEvent> eventHandler() {
    return newEventHandlerBuilder().forAnyState().onAnyEvent(JobMasterState::apply);
  }

  @Override
  public SignalHandler<JobMasterState> signalHandler() {
    return newSignalHandlerBuilder().onSignal(RecoveryCompleted.instance(), recovered -> {
      if (recovered.started() && (!recovered.status().isTerminal() || !recovered.heldSlots().isEmpty()
          || recovered.status() == JobStatus.FAILED || recovered.status() == JobStatus.CANCELED
          || recovered.status() == JobStatus.SAVEPOINT_DONE)) {
        context.getSelf().tell(new Resume());
      }
    }).build();
  }

  /**
   * Every command handled with the job's id in the MDC. Not only through {@link JobLogs#around}:
   * commands that arrive while events are persisted are stashed, and handled on the journal's reply,
   * which is not a command.
   */
  @Override
  public CommandHandler<JobMasterCommand, JobMasterEvent, JobMasterState> commandHandler() {
    CommandHandler<JobMasterCommand, JobMasterEvent, JobMasterState> handler = commands();
    return (state, command) -> JobLogs.call(jobId, () -> handler.apply(state, command));
  }

  private CommandHandler<JobMasterCommand, JobMasterEvent, JobMasterState> commands() {
    return newCommandHandlerBuilder().forAnyState()
        .onCommand(StartJob.class, (state, c) -> perform(state, execution.onStart(state, c, now())))
        .onCommand(CancelJob.class, (state, c) -> ifStarted(state, () -> execution.onCancel(state, c, now())))
        .onCommand(StopWithSavepoint.class, this::onStopWithSavepoint)
        .onCommand(RestoreJob.class, this::onRestore)
        .onCommand(TaskGroupStateChanged.class,
            (state, c) -> ifStarted(state, () -> execution.onTaskGroupState(state, c, now())))
        .onCommand(TaskGroupMetrics.class, (state, c) -> ifStarted(state, () -> execution.onMetrics(state, c, now())))
        .onCommand(CheckpointAck.class, (state, c) -> ifStarted(state, () -> execution.onCheckpointAck(state, c, now())))
        .onCommand(ReaderInputEnded.class,
            (state, c) -> ifStarted(state, () -> execution.onReaderInputEnded(state, c, now())))
        .onCommand(WorkerLostNotice.class,
            (state, c) -> ifStarted(state, () -> execution.onWorkerLost(state, c.notice(), now())))
        .onCommand(GetJobStatus.class, this::onGetJobStatus)
        .onCommand(SlotAnswer.class, (state, c) -> perform(state, execution.onSlotAnswer(state, c, now())))
        .onCommand(RetrySlots.class, (state, c) -> perform(state, execution.onRetrySlots(state, c, now())))
        .onCommand(RestartPipeline.class, (state, c) -> perform(state, execution.onRestartPipeline(state, c, now())))
        .onCommand(CancelTimedOut.class, (state, c) -> perform(state, execution.onCancelTimedOut(state, c, now())))
        .onCommand(ResendCancels.class, (state, c) -> perform(state, execution.onResendCancels(state, now())))
        .onCommand(TaskGroupsFound.class, (state, c) -> perform(state, execution.onTaskGroupsFound(state, c, now())))
        .onCommand(Resume.class, (state, c) -> perform(state, execution.onResume(state, now())))
        .onCommand(CheckpointTick.class, (state, c) -> perform(state, execution.onCheckpointTick(state, c, now())))
        .onCommand(CheckpointTimedOut.class,
            (state, c) -> perform(state, execution.onCheckpointTimedOut(state, c, now())))
        .onCommand(CheckReports.class, (state, c) -> perform(state, execution.onCheckReports(state, now())))
        .build();
  }

  /** Answered even when this entity never ran the job, so the coordinator's ask does not wait in vain. */
  private Effect<JobMasterEvent, JobMasterState> onStopWithSavepoint(JobMasterState state, StopWithSavepoint request) {
    if (!state.started()) {
      request.replyTo().tell(new JobCoordinatorProtocol.CancelReply(jobId, false,
          "the job master of job " + jobId + " does not run it; nothing was stopped"));
      return stop(Effect().none());
    }
    return perform(state, execution.onStopWithSavepoint(state, request, now()));
  }

  /** A job master without a record of the job has no savepoint: the coordinator hears so, and it stops. */
  private Effect<JobMasterEvent, JobMasterState> onRestore(JobMasterState state, RestoreJob restore) {
    if (passivating) {
      // A restore soon after the savepoint finds this incarnation stopping: through sharding, the
      // shard holds it until this one has stopped and hands it to the next, which recovers the savepoint.
      context.getLog().debug("job master {} is passivating; its next incarnation restores the job", jobId);
      try {
        ClusterSharding.get(context.getSystem()).entityRefFor(TYPE_KEY, Long.toString(jobId)).tell(restore);
      } catch (RuntimeException noSharding) { // a local run hosts job masters without sharding
        restore.coordinator().tell(new JobCoordinatorProtocol.JobStatusChanged(jobId, JobStatus.SAVEPOINT_DONE,
            "not restored: its job master was stopping (" + noSharding + "); submit it again",
            JobMetrics.ZERO));
      }
      return Effect().none();
    }
    if (!state.started()) {
      restore.coordinator().tell(new JobCoordinatorProtocol.JobStatusChanged(jobId, JobStatus.FAILED,
          "no savepoint to restore: the job master of job " + jobId + " has no record of the job",
          JobMetrics.ZERO));
      return stop(Effect().none());
    }
    return perform(state, execution.onRestore(state, restore, now()));
  }

  private long now() {
    return clock.getAsLong();
  }

  /**
   * Answered even for a job this entity never started ({@code status} null), so the coordinator
   * can tell "unknown job" from "still recovering"; such an entity then stops.
   */
  private Effect<JobMasterEvent, JobMasterState> onGetJobStatus(JobMasterState state, GetJobStatus get) {
    if (!state.started()) {
      get.replyTo().tell(new JobMasterProtocol.JobMasterStatus(jobId, null));
      return stop(Effect().none());
    }
    get.replyTo().tell(new JobMasterProtocol.JobMasterStatus(jobId, state.status()));
    return Effect().none();
  }

  /** A message for a job this entity never started (e.g. a late report after it ended and was forgotten): stop. */
  private Effect<JobMasterEvent, JobMasterState> ifStarted(JobMasterState state,
      java.util.function.Supplier<Decision> decide) {
    if (!state.started()) {
      context.getLog().debug("job master {} got a message for a job it does not run; stopping", jobId);
      return stop(Effect().none());
    }
    return perform(state, decide.get());
  }

  /**
   * Persists the decision's events, and only then performs its effects: nothing is said that the
   * journal does not back.
   */
  private Effect<JobMasterEvent, JobMasterState> perform(JobMasterState before, Decision decision) {
    EffectBuilder<JobMasterEvent, JobMasterState> effect =
        decision.events().isEmpty() ? Effect().none() : Effect().persist(decision.events());
    // after the journal's reply, not one of this actor's commands: the job id goes in the MDC here
    effect = effect.thenRun(after -> JobLogs.run(jobId, () -> decision.effects().forEach(e -> e.performBy(performer))));
    JobMasterState after = before;
    for (JobMasterEvent e : decision.events()) {
      after = after.apply(e);
    }
    return execution.mayPassivate(after) ? stop(effect) : effect;
  }

  private Effect<JobMasterEvent, JobMasterState> stop(EffectBuilder<JobMasterEvent, JobMasterState> effect) {
    EffectBuilder<JobMasterEvent, JobMasterState> ended =
        effect.thenRun(after -> JobLogs.ended(jobId, "its job master stops: the job ended"));
    return shard == null ? ended.thenStop()
        : ended.thenRun(after -> {
          passivating = true;
          shard.tell(new ClusterSharding.Passivate<>(context.getSelf().narrow()));
        });
  }

  /** Performs effects, after their decision's events are persisted. */
  private final class EffectPerformer implements JobMasterEffect.Performer {
    @Override
    public void requestSlots(JobMasterEffect.RequestSlots r) {
      context.ask(SlotReply.class, resourceManager, settings.slotRequestTimeout(),
          replyTo -> new ResourceManagerProtocol.RequestSlots(JobId.of(jobId), r.count(), r.tagFilter(), replyTo),
          (reply, failure) -> new SlotAnswer(r.pipelineId(), r.attempt(), reply,
              failure == null ? null : failure.toString()));
    }

    @Override
    public void releaseSlots(JobMasterEffect.ReleaseSlots r) {
      resourceManager.tell(new ResourceManagerProtocol.ReleaseSlots(JobId.of(jobId), r.slots()));
    }

    @Override
    public void deploy(JobMasterEffect.Deploy d) {
      taskExecutors.apply(d.descriptor().slot()).tell(new TaskExecutorProtocol.DeployTaskGroup(d.descriptor()));
    }

    @Override
    public void cancelTaskGroup(JobMasterEffect.CancelTaskGroup c) {
      taskExecutors.apply(c.slot()).tell(new TaskExecutorProtocol.CancelTaskGroup(c.id(), c.reason()));
    }

    @Override
    public void triggerCheckpoint(JobMasterEffect.TriggerCheckpoint t) {
      taskExecutors.apply(t.slot()).tell(new TaskExecutorProtocol.TriggerCheckpoint(t.enumerator(), t.checkpointId()));
    }

    @Override
    public void notifyCheckpointComplete(JobMasterEffect.NotifyCheckpointComplete n) {
      taskExecutors.apply(n.slot()).tell(new TaskExecutorProtocol.NotifyCheckpointComplete(n.reader(), n.checkpointId()));
    }

    @Override
    public void queryWorker(JobMasterEffect.QueryWorker q) {
      SlotProfile slot = q.slot();
      context.ask(TaskExecutorProtocol.TaskGroupsRunning.class, taskExecutors.apply(slot), RECOVERY_QUERY_TIMEOUT,
          replyTo -> new TaskExecutorProtocol.QueryTaskGroups(jobId, replyTo),
          (reply, failure) -> new TaskGroupsFound(q.pipelineId(), q.attempt(), slot.worker(), slot.sequence(),
              reply == null ? List.of() : reply.running(), reply != null));
    }

    @Override
    public void publish(JobMasterEffect.Publish p) {
      events.publish(p.event());
    }

    @Override
    public void reportToCoordinator(JobMasterEffect.ReportToCoordinator r) {
      coordinator.tell(r.message());
    }

    @Override
    public void reply(JobMasterEffect.Reply r) {
      r.to().tell(r.reply());
    }

    @Override
    public void startTimer(JobMasterEffect.StartTimer t) {
      timers.startSingleTimer(t.key(), t.message(), t.delay());
    }

    @Override
    public void cancelTimer(JobMasterEffect.CancelTimer t) {
      timers.cancel(t.key());
    }

    /**
     * Off the actor thread (sinks talk to external systems, e.g. a database's prepared
     * transactions); the coordinator hears of the job's end once they are done, or after
     * {@link #SETTLE_TIMEOUT} when one hangs (it goes on, and its outcome is logged).
     */
    @Override
    public void settleSinks(JobMasterEffect.SettleSinks s) {
      CompletableFuture.runAsync(() -> s.pipelines().forEach(p -> settler.settle(p.sinks(), p.end())),
              context.getSystem().dispatchers().lookup(DispatcherSelector.blocking()))
          .orTimeout(SETTLE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
          .whenComplete((done, failure) -> {
            if (failure != null) {
              context.getSystem().log().warn("job {}: settling its sinks did not end within {} s ({}); reporting"
                  + " the job's end anyway", jobId, SETTLE_TIMEOUT.toSeconds(), failure.toString());
            }
            coordinator.tell(s.report());
          });
    }
  }
}
