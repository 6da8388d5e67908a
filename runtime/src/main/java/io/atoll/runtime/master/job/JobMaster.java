package io.atoll.runtime.master.job;

import akka.actor.NoSerializationVerificationNeeded;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.javadsl.TimerScheduler;
import akka.cluster.sharding.typed.javadsl.EntityTypeKey;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Runs one job: plans its pipelines, asks the ResourceManager for 1 + parallelism slots per
 * pipeline (honouring the job's tag filter), deploys the enumerator and then the readers to the
 * workers' TaskExecutors, follows every task group's state, retries a failed pipeline up to
 * {@code job.retry.times}, cancels on request, and gives every slot back when a pipeline ends.
 *
 * <p>A sharded entity (entity id = job id), so workers reach it through sharding wherever it runs.
 * Its state lives in a {@link JobMasterState} changed only by {@link JobMasterEvent}s, which the
 * next step journals; until then a JobMaster whose node dies loses its job.
 *
 * <p>Reports from an earlier attempt of a pipeline are ignored (fenced by attempt number).
 */
public final class JobMaster extends AbstractBehavior<Object> {

  public static final EntityTypeKey<JobMasterProtocol> TYPE_KEY =
      EntityTypeKey.create(JobMasterProtocol.class, "JobMaster");

  private record SlotAnswer(int pipelineId, int attempt, SlotReply reply, Throwable failure)
      implements NoSerializationVerificationNeeded {}

  private record RetrySlots(int pipelineId, int attempt) implements NoSerializationVerificationNeeded {}

  private record RestartPipeline(int pipelineId) implements NoSerializationVerificationNeeded {}

  private record CancelTimedOut(int pipelineId, int attempt) implements NoSerializationVerificationNeeded {}

  private final long jobId;
  private final JobSettings settings;
  private final ActorRef<ResourceManagerProtocol> resourceManager;
  private final Function<String, ActorRef<TaskExecutorProtocol>> taskExecutors;
  private final TimerScheduler<Object> timers;
  private JobMasterState state = JobMasterState.EMPTY;
  private ActorRef<JobCoordinatorProtocol> coordinator;
  private Map<Integer, PipelinePlan> plans = Map.of();
  private final Map<TaskGroupId, JobMetrics> metrics = new HashMap<>();
  /** Slot requests not yet answered: the job master outlives its job until they are, so slots
   * allocated to a job that ended meanwhile are handed back instead of leaking. */
  private int slotRequestsInFlight;

  /**
   * @param taskExecutors the TaskExecutor of a worker, by the worker's address
   */
  public static Behavior<JobMasterProtocol> create(
      long jobId,
      JobSettings settings,
      ActorRef<ResourceManagerProtocol> resourceManager,
      Function<String, ActorRef<TaskExecutorProtocol>> taskExecutors) {
    return Behaviors.<Object>setup(context -> Behaviors.withTimers(timers ->
            new JobMaster(context, jobId, settings, resourceManager, taskExecutors, timers)))
        .narrow();
  }

  private JobMaster(
      ActorContext<Object> context,
      long jobId,
      JobSettings settings,
      ActorRef<ResourceManagerProtocol> resourceManager,
      Function<String, ActorRef<TaskExecutorProtocol>> taskExecutors,
      TimerScheduler<Object> timers) {
    super(context);
    this.jobId = jobId;
    this.settings = settings;
    this.resourceManager = resourceManager;
    this.taskExecutors = taskExecutors;
    this.timers = timers;
  }

  @Override
  public Receive<Object> createReceive() {
    return newReceiveBuilder()
        .onMessage(StartJob.class, this::onStart)
        .onMessage(SlotAnswer.class, this::onSlotAnswer)
        .onMessage(RetrySlots.class, r -> {
          requestSlots(r.pipelineId(), r.attempt());
          return next();
        })
        .onMessage(TaskGroupStateChanged.class, this::onTaskGroupState)
        .onMessage(TaskGroupMetrics.class, this::onMetrics)
        .onMessage(WorkerLostNotice.class, this::onWorkerLost)
        .onMessage(RestartPipeline.class, r -> {
          startAttempt(r.pipelineId());
          return next();
        })
        .onMessage(CancelTimedOut.class, this::onCancelTimedOut)
        .onMessage(CancelJob.class, this::onCancel)
        .onMessage(JobMasterProtocol.GetJobStatus.class, get -> {
          if (!state.started()) {
            return stopIfUnknown(); // no answer: the asker's timeout means "no job master"
          }
          get.replyTo().tell(new JobMasterProtocol.JobMasterStatus(jobId, state.status()));
          return this;
        })
        .build();
  }

  // ---- start and slots ----

  private Behavior<Object> onStart(StartJob start) {
    if (state.started()) {
      getContext().getLog().debug("job {} already started; repeated start ignored", jobId);
      return next();
    }
    coordinator = start.coordinator();
    List<PipelinePlan> planned = PipelinePlanner.plan(start.definition());
    Map<Integer, PipelinePlan> byId = new HashMap<>();
    planned.forEach(p -> byId.put(p.pipelineId(), p));
    plans = byId;
    apply(new JobMasterEvent.JobStarted(jobId, start.definition(), planned.size(), System.currentTimeMillis()));
    getContext().getLog().info("job {} ({}) started: {} pipeline(s), parallelism {}",
        jobId, start.definition().jobName(), planned.size(), start.definition().parallelism());
    reportJob(JobStatus.PENDING, null);
    planned.forEach(p -> startAttempt(p.pipelineId()));
    return next();
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
    getContext().ask(SlotReply.class, resourceManager, settings.slotRequestTimeout(),
        replyTo -> new ResourceManagerProtocol.RequestSlots(JobId.of(jobId), count, def.tagFilter(), replyTo),
        (reply, failure) -> new SlotAnswer(pipelineId, attempt, reply, failure));
  }

  private Behavior<Object> onSlotAnswer(SlotAnswer answer) {
    slotRequestsInFlight--;
    PipelineState p = state.pipeline(answer.pipelineId());
    boolean current = p.attempt() == answer.attempt() && p.status() == JobStatus.PENDING
        && !state.status().isTerminal() && state.status() != JobStatus.CANCELING;
    if (answer.reply() instanceof SlotReply.SlotsAllocated allocated) {
      if (!current) {
        resourceManager.tell(new ResourceManagerProtocol.ReleaseSlots(JobId.of(jobId), allocated.slots()));
        return next();
      }
      apply(new JobMasterEvent.PipelineSlotsAssigned(answer.pipelineId(), answer.attempt(), allocated.slots()));
      if (state.status() == JobStatus.PENDING) {
        reportJob(JobStatus.SCHEDULED, null);
      }
      deploy(answer.pipelineId(), 0, null);
      return next();
    }
    if (!current) {
      return next();
    }
    String reason = answer.reply() instanceof SlotReply.NotEnoughSlots notEnough
        ? notEnough.reason()
        : "the resource manager did not answer: " + answer.failure();
    if (settings.scheduleStrategy() == JobSettings.ScheduleStrategy.REJECT) {
      getContext().getLog().warn("job {} rejected: {}", jobId, reason);
      failJob("not enough slots (schedule strategy REJECT): " + reason);
    } else {
      getContext().getLog().debug("job {} pipeline {} waits for slots: {}", jobId, answer.pipelineId(), reason);
      timers.startSingleTimer("slots-" + answer.pipelineId(), new RetrySlots(answer.pipelineId(), answer.attempt()),
          settings.slotRetryInterval());
    }
    return next();
  }

  private void deploy(int pipelineId, int index, ActorRef<SplitProtocol> enumerator) {
    PipelineState p = state.pipeline(pipelineId);
    PipelinePlan plan = plans.get(pipelineId);
    JobDefinition def = state.definition();
    SlotProfile slot = p.slots().get(index);
    TaskGroupDescriptor descriptor = new TaskGroupDescriptor(
        new TaskGroupId(jobId, pipelineId, p.attempt(), index), def.jobName(), def.mode() == JobMode.STREAMING,
        def.parallelism(), plan.source(), plan.transforms(), plan.sinks(), def.readLimitRowsPerSecond(), slot, enumerator);
    taskExecutors.apply(slot.worker()).tell(new TaskExecutorProtocol.DeployTaskGroup(descriptor));
  }

  // ---- task group reports ----

  private Behavior<Object> onTaskGroupState(TaskGroupStateChanged report) {
    TaskGroupId id = report.id();
    if (!state.started() || state.pipeline(id.pipelineId()).attempt() != id.attempt()) {
      getContext().getLog().debug("job {}: ignoring report of an earlier attempt {}: {}", jobId, id, report.state());
      return stopIfUnknown();
    }
    metrics.put(id, report.metrics());
    PipelineState before = state.pipeline(id.pipelineId());
    if (before.taskGroups().getOrDefault(id.index(), JobStatus.CREATED).isTerminal()) {
      return next(); // e.g. marked lost with its worker, then a late report arrives
    }
    apply(new JobMasterEvent.TaskGroupStateRecorded(id.pipelineId(), id.attempt(), id.index(), report.state()));
    switch (report.state()) {
      case RUNNING -> onTaskRunning(id, report.enumerator());
      case FAILED -> pipelineFailed(id.pipelineId(), report.error() == null ? "task group " + id + " failed" : report.error());
      case FINISHED, CANCELED -> onTaskEnded(id.pipelineId());
      default -> { }
    }
    return next();
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
      getContext().getLog().info("job {} pipeline {} finished", jobId, pipelineId);
      maybeEndJob();
    } else if (p.allTaskGroupsEnded()) {
      pipelineFailed(pipelineId, "a task group of pipeline " + pipelineId + " was cancelled outside the job");
    } else {
      maybeRunning(pipelineId);
    }
  }

  private Behavior<Object> onMetrics(TaskGroupMetrics update) {
    if (!state.started()) {
      return stopIfUnknown();
    }
    metrics.put(update.id(), update.metrics());
    coordinator.tell(new JobCoordinatorProtocol.JobMetricsUpdated(jobId, totalMetrics()));
    return next();
  }

  private Behavior<Object> onWorkerLost(WorkerLostNotice lost) {
    if (!state.started()) {
      return stopIfUnknown();
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
    return next();
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
    getContext().getLog().warn("job {} pipeline {} attempt {} failed: {}", jobId, pipelineId, p.attempt(), error);
    apply(new JobMasterEvent.PipelineStatusChanged(pipelineId, JobStatus.FAILING, error));
    stopPipeline(pipelineId, "pipeline " + pipelineId + " failed: " + error);
  }

  /** Cancels every task group of the pipeline that still runs; continues when all have ended. */
  private void stopPipeline(int pipelineId, String reason) {
    PipelineState p = state.pipeline(pipelineId);
    for (Map.Entry<Integer, JobStatus> task : p.taskGroups().entrySet()) {
      if (!task.getValue().isTerminal()) {
        SlotProfile slot = p.slots().get(task.getKey());
        taskExecutors.apply(slot.worker()).tell(new TaskExecutorProtocol.CancelTaskGroup(
            new TaskGroupId(jobId, pipelineId, p.attempt(), task.getKey()), reason));
      }
    }
    if (p.allTaskGroupsEnded() || p.taskGroups().isEmpty()) {
      pipelineStopped(pipelineId);
    } else {
      timers.startSingleTimer("cancel-" + pipelineId, new CancelTimedOut(pipelineId, p.attempt()), settings.cancelTimeout());
    }
  }

  private Behavior<Object> onCancelTimedOut(CancelTimedOut timeout) {
    PipelineState p = state.pipeline(timeout.pipelineId());
    if (p.attempt() != timeout.attempt() || p.status().isTerminal() || p.allTaskGroupsEnded()) {
      return next();
    }
    getContext().getLog().warn("job {} pipeline {}: task groups {} did not confirm the cancel within {}; freeing their slots",
        jobId, p.pipelineId(), p.taskGroups(), settings.cancelTimeout());
    p.taskGroups().forEach((index, s) -> {
      if (!s.isTerminal()) {
        apply(new JobMasterEvent.TaskGroupStateRecorded(p.pipelineId(), p.attempt(), index, JobStatus.CANCELED));
      }
    });
    pipelineStopped(p.pipelineId());
    return next();
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
      getContext().getLog().info("job {} pipeline {}: restarting (retry {} of {}) in {} s", jobId, pipelineId,
          retriesUsed + 1, state.definition().retryTimes(), state.definition().retryIntervalSeconds());
      timers.startSingleTimer("restart-" + pipelineId, new RestartPipeline(pipelineId),
          java.time.Duration.ofSeconds(state.definition().retryIntervalSeconds()));
      return;
    }
    apply(new JobMasterEvent.PipelineStatusChanged(pipelineId, JobStatus.FAILED, null));
    failJob(state.pipeline(pipelineId).error());
  }

  private Behavior<Object> onCancel(CancelJob cancel) {
    if (!state.started()) {
      return stopIfUnknown();
    }
    if (state.status().isTerminal() || state.status() == JobStatus.CANCELING) {
      return next();
    }
    getContext().getLog().info("job {} cancelling: {}", jobId, cancel.reason());
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
    return next();
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
    getContext().getLog().info("job {} {} ({})", jobId, end, totalMetrics());
  }

  // ---- helpers ----

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

  private void apply(JobMasterEvent event) {
    state = state.apply(event);
  }

  /** Once the job has ended and told the coordinator, this entity has nothing left to do. */
  private Behavior<Object> next() {
    return state.started() && state.status().isTerminal() && slotRequestsInFlight == 0 ? Behaviors.stopped() : this;
  }

  /** A message for a job this entity never started (e.g. a late report after it ended): stop. */
  private Behavior<Object> stopIfUnknown() {
    if (!state.started()) {
      getContext().getLog().debug("job master {} got a message for a job it does not run; stopping", jobId);
      return Behaviors.stopped();
    }
    return this;
  }
}
