package io.atoll.runtime.master.job;

import akka.actor.NoSerializationVerificationNeeded;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.RecipientRef;
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
import io.atoll.persistence.job.PipelineState;
import io.atoll.protocol.execution.JobMasterProtocol;
import io.atoll.protocol.execution.JobMasterProtocol.CancelJob;
import io.atoll.protocol.execution.JobMasterProtocol.StartJob;
import io.atoll.protocol.execution.JobMasterProtocol.TaskGroupMetrics;
import io.atoll.protocol.execution.JobMasterProtocol.TaskGroupStateChanged;
import io.atoll.protocol.execution.JobMasterProtocol.WorkerLostNotice;
import io.atoll.protocol.execution.SplitProtocol;
import io.atoll.protocol.execution.TaskExecutorProtocol;
import io.atoll.protocol.execution.TaskGroupDescriptor;
import io.atoll.protocol.execution.TaskGroupId;
import io.atoll.protocol.job.JobCoordinatorProtocol;
import io.atoll.protocol.job.JobDefinition;
import io.atoll.protocol.job.JobMetrics;
import io.atoll.protocol.job.JobMode;
import io.atoll.protocol.job.JobStatus;
import io.atoll.protocol.resource.JobId;
import io.atoll.protocol.resource.ResourceManagerProtocol;
import io.atoll.protocol.resource.SlotProfile;
import io.atoll.protocol.resource.SlotReply;
import io.atoll.runtime.config.JobSettings;
import io.atoll.runtime.job.plan.PipelinePlan;
import io.atoll.runtime.job.plan.PipelinePlanner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Runs one job: plans its pipelines, asks the ResourceManager for 1 + parallelism slots per
 * pipeline (honouring the job's tag filter), deploys the enumerator and then the readers to the
 * workers' TaskExecutors, follows every task group's state, retries a failed pipeline up to
 * {@code job.retry.times}, cancels on request, and gives every slot back when a pipeline ends.
 *
 * <p>A sharded, remembered entity (entity id = job id), so workers reach it through sharding
 * wherever it runs, and event-sourced: its {@link JobMasterState} changes only by journalled
 * {@link JobMasterEvent}s, and messages go out only after the events behind them are persisted.
 * After a master restart sharding starts it again; it recovers its state, asks the workers of its
 * slots which task groups still run, adopts those and restarts pipelines that lost one.
 *
 * <p>Reports from an earlier attempt of a pipeline are ignored (fenced by attempt number).
 */
public final class JobMaster extends EventSourcedBehavior<Object, JobMasterEvent, JobMasterState> {

  public static final EntityTypeKey<JobMasterProtocol> TYPE_KEY =
      EntityTypeKey.create(JobMasterProtocol.class, "JobMaster");

  private record SlotAnswer(int pipelineId, int attempt, SlotReply reply, Throwable failure)
      implements NoSerializationVerificationNeeded {}

  private record RetrySlots(int pipelineId, int attempt) implements NoSerializationVerificationNeeded {}

  private record RestartPipeline(int pipelineId) implements NoSerializationVerificationNeeded {}

  private record CancelTimedOut(int pipelineId, int attempt) implements NoSerializationVerificationNeeded {}

  private record TaskGroupsFound(int pipelineId, int attempt, String worker, List<TaskGroupId> running)
      implements NoSerializationVerificationNeeded {}

  private enum Resume implements NoSerializationVerificationNeeded {
    INSTANCE
  }

  static final Duration RECOVERY_QUERY_TIMEOUT = Duration.ofSeconds(5);

  private final long jobId;
  private final JobSettings settings;
  private final ActorContext<Object> context;
  private final Deferred<ResourceManagerProtocol> resourceManager;
  private final ActorRef<ResourceManagerProtocol> resourceManagerRef;
  private final Deferred<JobCoordinatorProtocol> coordinator;
  private final Function<String, ActorRef<TaskExecutorProtocol>> taskExecutorRefs;
  private final DeferredTimers timers;
  private final ActorRef<ClusterSharding.ShardCommand> shard;
  private Map<Integer, PipelinePlan> plans = Map.of();
  private final Map<TaskGroupId, JobMetrics> metrics = new HashMap<>();
  /** Slot requests not yet answered: the job master outlives its job until they are, so slots
   * allocated to a job that ended meanwhile are handed back instead of leaking. */
  private int slotRequestsInFlight;

  // The command being handled: a working copy of the state with the events so far applied, the
  // events to persist and the side effects to run once they are persisted.
  private JobMasterState state = JobMasterState.EMPTY;
  private final List<JobMasterEvent> pending = new ArrayList<>();
  private final List<Runnable> effects = new ArrayList<>();
  private boolean unknownJob;

  /** A message target whose sends wait until this command's events are persisted. */
  @FunctionalInterface
  private interface Deferred<T> {
    void tell(T message);
  }

  /** Timers started or cancelled once this command's events are persisted. */
  private final class DeferredTimers {
    private final TimerScheduler<Object> timers;

    DeferredTimers(TimerScheduler<Object> timers) {
      this.timers = timers;
    }

    void startSingleTimer(Object key, Object message, Duration delay) {
      effects.add(() -> timers.startSingleTimer(key, message, delay));
    }

    void cancel(Object key) {
      effects.add(() -> timers.cancel(key));
    }
  }

  /**
   * @param coordinator the JobCoordinator singleton's proxy
   * @param taskExecutors the TaskExecutor of a worker, by the worker's address
   * @param shard the entity's shard, to passivate when the job has ended; null outside sharding
   */
  public static Behavior<JobMasterProtocol> create(
      long jobId,
      JobSettings settings,
      ActorRef<ResourceManagerProtocol> resourceManager,
      ActorRef<JobCoordinatorProtocol> coordinator,
      Function<String, ActorRef<TaskExecutorProtocol>> taskExecutors,
      ActorRef<ClusterSharding.ShardCommand> shard) {
    return Behaviors.<Object>setup(context -> Behaviors.withTimers(timers ->
            new JobMaster(context, jobId, settings, resourceManager, coordinator, taskExecutors, timers, shard)))
        .narrow();
  }

  private JobMaster(
      ActorContext<Object> context,
      long jobId,
      JobSettings settings,
      ActorRef<ResourceManagerProtocol> resourceManager,
      ActorRef<JobCoordinatorProtocol> coordinator,
      Function<String, ActorRef<TaskExecutorProtocol>> taskExecutors,
      TimerScheduler<Object> timers,
      ActorRef<ClusterSharding.ShardCommand> shard) {
    super(PersistenceId.of(TYPE_KEY.name(), Long.toString(jobId)),
        SupervisorStrategy.restartWithBackoff(Duration.ofMillis(200), Duration.ofSeconds(10), 0.2));
    this.context = context;
    this.jobId = jobId;
    this.settings = settings;
    this.resourceManagerRef = resourceManager;
    this.resourceManager = deferred(resourceManager);
    this.coordinator = deferred(coordinator);
    this.taskExecutorRefs = taskExecutors;
    this.timers = new DeferredTimers(timers);
    this.shard = shard;
  }

  private <T> Deferred<T> deferred(RecipientRef<T> target) {
    return message -> effects.add(() -> target.tell(message));
  }

  private Deferred<TaskExecutorProtocol> taskExecutors(String worker) {
    return deferred(taskExecutorRefs.apply(worker));
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
      if (recovered.started() && !recovered.status().isTerminal()) {
        context.getLog().info("job {} recovered in state {}; checking its task groups", jobId, recovered.status());
        context.getSelf().tell(Resume.INSTANCE);
      }
    }).build();
  }

  @Override
  public CommandHandler<Object, JobMasterEvent, JobMasterState> commandHandler() {
    return newCommandHandlerBuilder().forAnyState().onAnyCommand(this::handle);
  }

  /**
   * Runs the command against a working copy of the state, then persists the events it produced and
   * only afterwards sends its messages and starts its timers: nothing is said that the journal
   * does not back.
   */
  private Effect<JobMasterEvent, JobMasterState> handle(JobMasterState current, Object command) {
    state = current;
    pending.clear();
    effects.clear();
    unknownJob = false;
    dispatch(command);
    List<Runnable> run = List.copyOf(effects);
    EffectBuilder<JobMasterEvent, JobMasterState> effect =
        pending.isEmpty() ? Effect().none() : Effect().persist(List.copyOf(pending));
    effect = effect.thenRun(after -> run.forEach(Runnable::run));
    if (unknownJob || (state.started() && state.status().isTerminal() && slotRequestsInFlight == 0)) {
      return shard == null ? effect.thenStop() : effect.thenRun(after -> shard.tell(
          new ClusterSharding.Passivate<>(context.getSelf().narrow())));
    }
    return effect;
  }

  private void dispatch(Object command) {
    if (command instanceof StartJob start) {
      onStart(start);
    } else if (command instanceof SlotAnswer answer) {
      onSlotAnswer(answer);
    } else if (command instanceof RetrySlots r) {
      requestSlots(r.pipelineId(), r.attempt());
    } else if (command instanceof TaskGroupStateChanged report) {
      onTaskGroupState(report);
    } else if (command instanceof TaskGroupMetrics update) {
      onMetrics(update);
    } else if (command instanceof WorkerLostNotice lost) {
      onWorkerLost(lost);
    } else if (command instanceof RestartPipeline r) {
      startAttempt(r.pipelineId());
    } else if (command instanceof CancelTimedOut timeout) {
      onCancelTimedOut(timeout);
    } else if (command instanceof CancelJob cancel) {
      onCancel(cancel);
    } else if (command instanceof JobMasterProtocol.GetJobStatus get) {
      if (!state.started()) {
        stopIfUnknown(); // no answer: the asker's timeout means "no job master"
      } else {
        get.replyTo().tell(new JobMasterProtocol.JobMasterStatus(jobId, state.status()));
      }
    } else if (command == Resume.INSTANCE) {
      onResume();
    } else if (command instanceof TaskGroupsFound found) {
      onTaskGroupsFound(found);
    } else {
      context.getLog().warn("job master {} ignores unexpected {}", jobId, command);
    }
  }

  // ---- recovery ----

  /**
   * After a restart: pipelines waiting for slots ask again; for running ones, every worker holding
   * a task group is asked which still run. Those are adopted as they are (their reports reach this
   * entity through sharding); the others are lost and their pipeline restarts.
   */
  private void onResume() {
    reportJob(state.status(), null);
    for (PipelineState p : state.pipelines().values()) {
      switch (p.status()) {
        case CREATED -> startAttempt(p.pipelineId());
        case PENDING -> {
          if (p.attempt() == 0) {
            startAttempt(p.pipelineId());
          } else {
            requestSlots(p.pipelineId(), p.attempt());
          }
        }
        case SCHEDULED, RUNNING -> queryWorkers(p);
        case FAILING, CANCELING -> stopPipeline(p.pipelineId(), "resumed after a master restart");
        default -> { }
      }
    }
  }

  private void queryWorkers(PipelineState p) {
    Set<String> workers = new HashSet<>();
    p.taskGroups().forEach((index, s) -> {
      if (!s.isTerminal()) {
        workers.add(p.slots().get(index).worker());
      }
    });
    for (String worker : workers) {
      int pipelineId = p.pipelineId();
      int attempt = p.attempt();
      effects.add(() -> context.ask(TaskExecutorProtocol.TaskGroupsRunning.class, taskExecutorRefs.apply(worker),
          RECOVERY_QUERY_TIMEOUT, replyTo -> new TaskExecutorProtocol.QueryTaskGroups(jobId, replyTo),
          (reply, failure) -> new TaskGroupsFound(pipelineId, attempt, worker,
              reply == null ? List.of() : reply.running())));
    }
  }

  private void onTaskGroupsFound(TaskGroupsFound found) {
    PipelineState p = state.pipeline(found.pipelineId());
    if (p.attempt() != found.attempt() || p.status().isTerminal()) {
      return;
    }
    boolean lost = false;
    for (Map.Entry<Integer, JobStatus> task : p.taskGroups().entrySet()) {
      TaskGroupId id = new TaskGroupId(jobId, p.pipelineId(), p.attempt(), task.getKey());
      if (!task.getValue().isTerminal() && p.slots().get(task.getKey()).worker().equals(found.worker())
          && !found.running().contains(id)) {
        apply(new JobMasterEvent.TaskGroupStateRecorded(p.pipelineId(), p.attempt(), task.getKey(), JobStatus.FAILED));
        lost = true;
      }
    }
    if (lost) {
      pipelineFailed(p.pipelineId(), "task groups on " + found.worker() + " stopped while the master was down");
    } else {
      context.getLog().info("job {} pipeline {}: adopted its task groups on {}", jobId, p.pipelineId(), found.worker());
    }
  }

  // ---- start and slots ----

  private void onStart(StartJob start) {
    if (state.started()) {
      context.getLog().debug("job {} already started; repeated start ignored", jobId);
      return;
    }
    List<PipelinePlan> planned = PipelinePlanner.plan(start.definition());
    Map<Integer, PipelinePlan> byId = new HashMap<>();
    planned.forEach(p -> byId.put(p.pipelineId(), p));
    plans = byId;
    apply(new JobMasterEvent.JobStarted(jobId, start.definition(), planned.size(), System.currentTimeMillis()));
    context.getLog().info("job {} ({}) started: {} pipeline(s), parallelism {}",
        jobId, start.definition().jobName(), planned.size(), start.definition().parallelism());
    reportJob(JobStatus.PENDING, null);
    planned.forEach(p -> startAttempt(p.pipelineId()));
    return;
  }

  private void startAttempt(int pipelineId) {
    if (state.status().isTerminal() || state.status() == JobStatus.CANCELING) {
      return;
    }
    int attempt = state.pipeline(pipelineId).attempt() + 1;
    apply(new JobMasterEvent.PipelineAttemptStarted(pipelineId, attempt));
    requestSlots(pipelineId, attempt);
  }

  private void requestSlots(int pipelineId, int attempt) {
    PipelineState p = state.pipeline(pipelineId);
    if (p.attempt() != attempt || p.status() != JobStatus.PENDING) {
      return;
    }
    JobDefinition def = state.definition();
    int count = 1 + def.parallelism();
    slotRequestsInFlight++;
    effects.add(() -> context.ask(SlotReply.class, resourceManagerRef, settings.slotRequestTimeout(),
        replyTo -> new ResourceManagerProtocol.RequestSlots(JobId.of(jobId), count, def.tagFilter(), replyTo),
        (reply, failure) -> new SlotAnswer(pipelineId, attempt, reply, failure)));
  }

  private void onSlotAnswer(SlotAnswer answer) {
    slotRequestsInFlight--;
    PipelineState p = state.pipeline(answer.pipelineId());
    boolean current = p.attempt() == answer.attempt() && p.status() == JobStatus.PENDING
        && !state.status().isTerminal() && state.status() != JobStatus.CANCELING;
    if (answer.reply() instanceof SlotReply.SlotsAllocated allocated) {
      if (!current) {
        resourceManager.tell(new ResourceManagerProtocol.ReleaseSlots(JobId.of(jobId), allocated.slots()));
        return;
      }
      apply(new JobMasterEvent.PipelineSlotsAssigned(answer.pipelineId(), answer.attempt(), allocated.slots()));
      if (state.status() == JobStatus.PENDING) {
        reportJob(JobStatus.SCHEDULED, null);
      }
      deploy(answer.pipelineId(), 0, null);
      return;
    }
    if (!current) {
      return;
    }
    String reason = answer.reply() instanceof SlotReply.NotEnoughSlots notEnough
        ? notEnough.reason()
        : "the resource manager did not answer: " + answer.failure();
    if (settings.scheduleStrategy() == JobSettings.ScheduleStrategy.REJECT) {
      context.getLog().warn("job {} rejected: {}", jobId, reason);
      failJob("not enough slots (schedule strategy REJECT): " + reason);
    } else {
      context.getLog().debug("job {} pipeline {} waits for slots: {}", jobId, answer.pipelineId(), reason);
      timers.startSingleTimer("slots-" + answer.pipelineId(), new RetrySlots(answer.pipelineId(), answer.attempt()),
          settings.slotRetryInterval());
    }
    return;
  }

  private void deploy(int pipelineId, int index, ActorRef<SplitProtocol> enumerator) {
    PipelineState p = state.pipeline(pipelineId);
    PipelinePlan plan = plan(pipelineId);
    JobDefinition def = state.definition();
    SlotProfile slot = p.slots().get(index);
    TaskGroupDescriptor descriptor = new TaskGroupDescriptor(
        new TaskGroupId(jobId, pipelineId, p.attempt(), index), def.jobName(), def.mode() == JobMode.STREAMING,
        def.parallelism(), plan.source(), plan.transforms(), plan.sinks(), def.readLimitRowsPerSecond(), slot, enumerator);
    taskExecutors(slot.worker()).tell(new TaskExecutorProtocol.DeployTaskGroup(descriptor));
  }

  // ---- task group reports ----

  private void onTaskGroupState(TaskGroupStateChanged report) {
    TaskGroupId id = report.id();
    if (!state.started() || state.pipeline(id.pipelineId()).attempt() != id.attempt()) {
      context.getLog().debug("job {}: ignoring report of an earlier attempt {}: {}", jobId, id, report.state());
      {
        stopIfUnknown();
        return;
      }
    }
    metrics.put(id, report.metrics());
    PipelineState before = state.pipeline(id.pipelineId());
    if (before.taskGroups().getOrDefault(id.index(), JobStatus.CREATED).isTerminal()) {
      return; // e.g. marked lost with its worker, then a late report arrives
    }
    apply(new JobMasterEvent.TaskGroupStateRecorded(id.pipelineId(), id.attempt(), id.index(), report.state()));
    switch (report.state()) {
      case RUNNING -> onTaskRunning(id, report.enumerator());
      case FAILED -> pipelineFailed(id.pipelineId(), report.error() == null ? "task group " + id + " failed" : report.error());
      case FINISHED, CANCELED -> onTaskEnded(id.pipelineId());
      default -> { }
    }
    return;
  }

  private void onTaskRunning(TaskGroupId id, ActorRef<SplitProtocol> enumerator) {
    PipelineState p = state.pipeline(id.pipelineId());
    if (p.status() != JobStatus.SCHEDULED && p.status() != JobStatus.RUNNING) {
      return;
    }
    if (id.index() == 0 && enumerator != null) {
      for (int i = 1; i < p.slots().size(); i++) {
        deploy(id.pipelineId(), i, enumerator);
      }
    }
    maybeRunning(id.pipelineId());
  }

  /**
   * A pipeline runs once every task group has started; some may already have finished (an
   * enumerator often hands out all splits before the last reader reports RUNNING).
   */
  private void maybeRunning(int pipelineId) {
    PipelineState p = state.pipeline(pipelineId);
    boolean allStarted = !p.taskGroups().isEmpty() && p.taskGroups().values().stream()
        .allMatch(s -> s == JobStatus.RUNNING || s == JobStatus.FINISHED);
    if (p.status() == JobStatus.SCHEDULED && allStarted) {
      apply(new JobMasterEvent.PipelineStatusChanged(pipelineId, JobStatus.RUNNING, null));
      if (state.status() == JobStatus.SCHEDULED || state.status() == JobStatus.PENDING) {
        reportJob(JobStatus.RUNNING, null);
      }
    }
  }

  private void onTaskEnded(int pipelineId) {
    PipelineState p = state.pipeline(pipelineId);
    if (p.status() == JobStatus.FAILING || p.status() == JobStatus.CANCELING) {
      if (p.allTaskGroupsEnded()) {
        pipelineStopped(pipelineId);
      }
      return;
    }
    if (p.allTaskGroupsIn(JobStatus.FINISHED)) {
      maybeRunning(pipelineId); // a pipeline too quick to be seen running still passes through RUNNING
      releaseSlots(pipelineId);
      apply(new JobMasterEvent.PipelineStatusChanged(pipelineId, JobStatus.FINISHED, null));
      context.getLog().info("job {} pipeline {} finished", jobId, pipelineId);
      maybeEndJob();
    } else if (p.allTaskGroupsEnded()) {
      pipelineFailed(pipelineId, "a task group of pipeline " + pipelineId + " was cancelled outside the job");
    } else {
      maybeRunning(pipelineId);
    }
  }

  private void onMetrics(TaskGroupMetrics update) {
    if (!state.started()) {
      {
        stopIfUnknown();
        return;
      }
    }
    metrics.put(update.id(), update.metrics());
    coordinator.tell(new JobCoordinatorProtocol.JobMetricsUpdated(jobId, totalMetrics()));
    return;
  }

  private void onWorkerLost(WorkerLostNotice lost) {
    if (!state.started()) {
      {
        stopIfUnknown();
        return;
      }
    }
    String worker = lost.notice().worker();
    for (PipelineState p : state.pipelines().values()) {
      for (int i = 0; i < p.slots().size(); i++) {
        if (p.slots().get(i).worker().equals(worker) && !p.taskGroups().getOrDefault(i, JobStatus.CREATED).isTerminal()) {
          apply(new JobMasterEvent.TaskGroupStateRecorded(p.pipelineId(), p.attempt(), i, JobStatus.FAILED));
        }
      }
      PipelineState after = state.pipeline(p.pipelineId());
      if (after != p) {
        pipelineFailed(p.pipelineId(), "worker " + worker + " lost (" + lost.notice().reason() + ")");
      }
    }
    return;
  }

  // ---- failure, retry, cancel ----

  private void pipelineFailed(int pipelineId, String error) {
    PipelineState p = state.pipeline(pipelineId);
    if (p.status() == JobStatus.FAILING || p.status() == JobStatus.CANCELING || p.status().isTerminal()) {
      if (p.allTaskGroupsEnded() && !p.status().isTerminal()) {
        pipelineStopped(pipelineId);
      }
      return;
    }
    context.getLog().warn("job {} pipeline {} attempt {} failed: {}", jobId, pipelineId, p.attempt(), error);
    apply(new JobMasterEvent.PipelineStatusChanged(pipelineId, JobStatus.FAILING, error));
    stopPipeline(pipelineId, "pipeline " + pipelineId + " failed: " + error);
  }

  /** Cancels every task group of the pipeline that still runs; continues when all have ended. */
  private void stopPipeline(int pipelineId, String reason) {
    PipelineState p = state.pipeline(pipelineId);
    for (Map.Entry<Integer, JobStatus> task : p.taskGroups().entrySet()) {
      if (!task.getValue().isTerminal()) {
        SlotProfile slot = p.slots().get(task.getKey());
        taskExecutors(slot.worker()).tell(new TaskExecutorProtocol.CancelTaskGroup(
            new TaskGroupId(jobId, pipelineId, p.attempt(), task.getKey()), reason));
      }
    }
    if (p.allTaskGroupsEnded() || p.taskGroups().isEmpty()) {
      pipelineStopped(pipelineId);
    } else {
      timers.startSingleTimer("cancel-" + pipelineId, new CancelTimedOut(pipelineId, p.attempt()), settings.cancelTimeout());
    }
  }

  private void onCancelTimedOut(CancelTimedOut timeout) {
    PipelineState p = state.pipeline(timeout.pipelineId());
    if (p.attempt() != timeout.attempt() || p.status().isTerminal() || p.allTaskGroupsEnded()) {
      return;
    }
    context.getLog().warn("job {} pipeline {}: task groups {} did not confirm the cancel within {}; freeing their slots",
        jobId, p.pipelineId(), p.taskGroups(), settings.cancelTimeout());
    p.taskGroups().forEach((index, s) -> {
      if (!s.isTerminal()) {
        apply(new JobMasterEvent.TaskGroupStateRecorded(p.pipelineId(), p.attempt(), index, JobStatus.CANCELED));
      }
    });
    pipelineStopped(p.pipelineId());
    return;
  }

  /** Every task group of a failing or cancelling pipeline has ended: free slots, then retry or end. */
  private void pipelineStopped(int pipelineId) {
    timers.cancel("cancel-" + pipelineId);
    releaseSlots(pipelineId);
    PipelineState p = state.pipeline(pipelineId);
    if (p.status() == JobStatus.CANCELING) {
      apply(new JobMasterEvent.PipelineStatusChanged(pipelineId, JobStatus.CANCELED, null));
      maybeEndJob();
      return;
    }
    int retriesUsed = p.attempt() - 1;
    if (state.status() != JobStatus.FAILING && retriesUsed < state.definition().retryTimes()) {
      apply(new JobMasterEvent.PipelineStatusChanged(pipelineId, JobStatus.PENDING, null));
      context.getLog().info("job {} pipeline {}: restarting (retry {} of {}) in {} s", jobId, pipelineId,
          retriesUsed + 1, state.definition().retryTimes(), state.definition().retryIntervalSeconds());
      timers.startSingleTimer("restart-" + pipelineId, new RestartPipeline(pipelineId),
          java.time.Duration.ofSeconds(state.definition().retryIntervalSeconds()));
      return;
    }
    apply(new JobMasterEvent.PipelineStatusChanged(pipelineId, JobStatus.FAILED, null));
    failJob(state.pipeline(pipelineId).error());
  }

  private void onCancel(CancelJob cancel) {
    if (!state.started()) {
      {
        stopIfUnknown();
        return;
      }
    }
    if (state.status().isTerminal() || state.status() == JobStatus.CANCELING) {
      return;
    }
    context.getLog().info("job {} cancelling: {}", jobId, cancel.reason());
    reportJob(JobStatus.CANCELING, cancel.reason());
    for (PipelineState p : state.pipelines().values()) {
      if (p.status().isTerminal()) {
        continue;
      }
      apply(new JobMasterEvent.PipelineStatusChanged(p.pipelineId(), JobStatus.CANCELING, null));
      timers.cancel("slots-" + p.pipelineId());
      timers.cancel("restart-" + p.pipelineId());
      stopPipeline(p.pipelineId(), "job cancelled: " + cancel.reason());
    }
    maybeEndJob();
    return;
  }

  /** A pipeline failed for good: the whole job fails; other pipelines are stopped first. */
  private void failJob(String error) {
    if (state.status().isTerminal()) {
      return;
    }
    if (state.status() != JobStatus.FAILING) {
      reportJob(JobStatus.FAILING, error);
    }
    for (PipelineState p : state.pipelines().values()) {
      if (!p.status().isTerminal() && p.status() != JobStatus.FAILING && p.status() != JobStatus.CANCELING) {
        apply(new JobMasterEvent.PipelineStatusChanged(p.pipelineId(), JobStatus.CANCELING, null));
        timers.cancel("slots-" + p.pipelineId());
        timers.cancel("restart-" + p.pipelineId());
        stopPipeline(p.pipelineId(), "another pipeline of the job failed");
      }
    }
    maybeEndJob();
  }

  private void maybeEndJob() {
    boolean allEnded = state.pipelines().values().stream().allMatch(p -> p.status().isTerminal());
    if (!allEnded || state.status().isTerminal()) {
      return;
    }
    JobStatus end;
    if (state.status() == JobStatus.FAILING) {
      end = JobStatus.FAILED;
    } else if (state.status() == JobStatus.CANCELING) {
      end = JobStatus.CANCELED;
    } else {
      end = JobStatus.FINISHED;
    }
    reportJob(end, null);
    context.getLog().info("job {} {} ({})", jobId, end, totalMetrics());
  }

  // ---- helpers ----

  /** Plans are derived from the definition, so a recovered job master derives them again. */
  private PipelinePlan plan(int pipelineId) {
    if (plans.isEmpty()) {
      Map<Integer, PipelinePlan> byId = new HashMap<>();
      PipelinePlanner.plan(state.definition()).forEach(p -> byId.put(p.pipelineId(), p));
      plans = byId;
    }
    return plans.get(pipelineId);
  }

  private void releaseSlots(int pipelineId) {
    PipelineState p = state.pipeline(pipelineId);
    if (!p.slots().isEmpty()) {
      resourceManager.tell(new ResourceManagerProtocol.ReleaseSlots(JobId.of(jobId), p.slots()));
      apply(new JobMasterEvent.PipelineSlotsReleased(pipelineId));
    }
  }

  private void reportJob(JobStatus status, String error) {
    apply(new JobMasterEvent.JobStatusRecorded(status, error, System.currentTimeMillis()));
    coordinator.tell(new JobCoordinatorProtocol.JobStatusChanged(jobId, status,
        status == JobStatus.FAILED ? state.error() : error, totalMetrics()));
  }

  private JobMetrics totalMetrics() {
    return metrics.values().stream().reduce(JobMetrics.ZERO, JobMetrics::plus);
  }

  /** Records an event: applied to the working state now, persisted when the command is done. */
  private void apply(JobMasterEvent event) {
    pending.add(event);
    state = state.apply(event);
  }

  /** A message for a job this entity never started (e.g. a late report after it ended): stop. */
  private void stopIfUnknown() {
    if (!state.started()) {
      context.getLog().debug("job master {} got a message for a job it does not run; stopping", jobId);
      unknownJob = true;
    }
  }
}
