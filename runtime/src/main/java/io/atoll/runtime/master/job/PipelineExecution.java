package io.atoll.runtime.master.job;

import akka.actor.typed.ActorRef;
import io.atoll.persistence.job.JobMasterEvent;
import io.atoll.persistence.job.PipelineState;
import io.atoll.protocol.execution.JobMasterProtocol.TaskGroupStateChanged;
import io.atoll.protocol.execution.SplitProtocol;
import io.atoll.protocol.execution.TaskGroupDescriptor;
import io.atoll.protocol.execution.TaskGroupId;
import io.atoll.protocol.job.JobDefinition;
import io.atoll.protocol.job.JobMode;
import io.atoll.protocol.job.JobStatus;
import io.atoll.protocol.job.Secrets;
import io.atoll.protocol.resource.SlotProfile;
import io.atoll.protocol.resource.WorkerLost;
import io.atoll.runtime.config.JobSettings;
import io.atoll.protocol.job.PluginDefinition;
import io.atoll.runtime.job.plan.PipelinePlan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pipeline of a job (pure: no actor, time passed in): its attempts, the state of each task
 * group of the current attempt, its restart policy, when each task group was last heard from, and
 * its {@link CheckpointCoordinator}. Reports of an earlier attempt are ignored (fenced by attempt
 * number).
 *
 * <p>Restarts caused by infrastructure — a lost worker, a silent task group, a deploy or command
 * refused by a worker's fencing, task groups gone after a master restart — are forgiven: they do
 * not use up {@code job.retry.times}. A task group's own failure does.
 */
final class PipelineExecution {
  private static final Logger log = LoggerFactory.getLogger(PipelineExecution.class);
  /** How a worker's TaskExecutor words a command it refused (fencing): not the pipeline's fault. */
  static final String REFUSED_BY_WORKER = "refused by worker";

  private final long jobId;
  private final int pipelineId;
  private final JobSettings settings;
  private final PipelinePlan plan;
  private final CheckpointCoordinator checkpoints;
  private final TaskLiveness liveness = new TaskLiveness();

  PipelineExecution(long jobId, PipelinePlan plan, JobSettings settings) {
    this.jobId = jobId;
    this.pipelineId = plan.pipelineId();
    this.settings = settings;
    this.plan = plan;
    this.checkpoints = new CheckpointCoordinator(jobId, pipelineId, settings);
  }

  int pipelineId() {
    return pipelineId;
  }

  CheckpointCoordinator checkpoints() {
    return checkpoints;
  }

  String slotsKey() {
    return "slots-" + pipelineId;
  }

  String restartKey() {
    return "restart-" + pipelineId;
  }

  String cancelKey() {
    return "cancel-" + pipelineId;
  }

  private TaskGroupId id(PipelineState p, int index) {
    return new TaskGroupId(jobId, pipelineId, p.attempt(), index);
  }

  // ---- attempts and slots ----

  void startAttempt(Step step) {
    JobStatus job = step.state().status();
    if (job.isTerminal() || job == JobStatus.CANCELING) {
      return;
    }
    checkpoints.forget(step);
    liveness.clear();
    step.record(new JobMasterEvent.PipelineAttemptStarted(pipelineId, step.pipeline(pipelineId).attempt() + 1));
    requestSlots(step, step.pipeline(pipelineId).attempt());
  }

  void requestSlots(Step step, int attempt) {
    PipelineState p = step.pipeline(pipelineId);
    if (p.attempt() != attempt || p.status() != JobStatus.PENDING) {
      return;
    }
    JobDefinition def = step.state().definition();
    step.effect(new JobMasterEffect.RequestSlots(pipelineId, attempt, 1 + def.parallelism(), def.tagFilter()));
  }

  /** The pipeline's sinks, as the job file defines them. */
  List<PluginDefinition> sinks() {
    return plan.sinks();
  }

  /** True while the pipeline waits for the slots of attempt {@code attempt}. */
  boolean waitsForSlots(Step step, int attempt) {
    PipelineState p = step.pipeline(pipelineId);
    JobStatus job = step.state().status();
    return p.attempt() == attempt && p.status() == JobStatus.PENDING && !job.isTerminal() && job != JobStatus.CANCELING;
  }

  /** The slots came: record them and deploy the enumerator (the readers follow once it runs). */
  void onSlotsAssigned(Step step, int attempt, List<SlotProfile> slots, long nowMillis) {
    step.record(new JobMasterEvent.PipelineSlotsAssigned(pipelineId, attempt, slots));
    deploy(step, 0, null, nowMillis);
  }

  void deploy(Step step, int index, ActorRef<SplitProtocol> enumerator, long nowMillis) {
    PipelineState p = step.pipeline(pipelineId);
    JobDefinition def = step.state().definition();
    TaskGroupDescriptor descriptor = new TaskGroupDescriptor(id(p, index), def.jobName(),
        def.mode() == JobMode.STREAMING, def.parallelism(), plan.source(), plan.transforms(), plan.sinks(),
        def.readLimitRowsPerSecond(), p.slots().get(index), enumerator, CheckpointCoordinator.restoreOf(p, index));
    step.effect(new JobMasterEffect.Deploy(descriptor));
    liveness.deployed(index, nowMillis); // silence is counted from the deploy on
  }

  /** Gives the pipeline's slots back, except those held for task groups that never confirmed a cancel. */
  void releaseSlots(Step step) {
    PipelineState p = step.pipeline(pipelineId);
    if (p.slots().isEmpty()) {
      return;
    }
    List<SlotProfile> free = new ArrayList<>();
    for (int index = 0; index < p.slots().size(); index++) {
      if (!step.state().heldSlots().containsKey(id(p, index))) {
        free.add(p.slots().get(index));
      }
    }
    if (!free.isEmpty()) {
      step.effect(new JobMasterEffect.ReleaseSlots(free));
    }
    step.record(new JobMasterEvent.PipelineSlotsReleased(pipelineId));
  }

  // ---- task group reports ----

  /** Anything carrying a task group's id shows it is alive. Only the current attempt counts. */
  void heard(Step step, TaskGroupId id, long nowMillis) {
    if (id.attempt() == step.pipeline(pipelineId).attempt()) {
      liveness.heard(id.index(), nowMillis);
    }
  }

  void onTaskGroupState(Step step, TaskGroupStateChanged report, long nowMillis) {
    TaskGroupId id = report.id();
    PipelineState before = step.pipeline(pipelineId);
    if (before.attempt() != id.attempt()) {
      log.debug("job {}: ignoring report of an earlier attempt {}: {}", jobId, id, report.state());
      return;
    }
    heard(step, id, nowMillis);
    JobStatus known = before.taskGroups().getOrDefault(id.index(), JobStatus.CREATED);
    if (known.isTerminal() || known == report.state()) {
      // ended already (e.g. marked lost with its worker, then a late report arrives), or a repeat:
      // redelivery is normal after a failover, and a repeated RUNNING must not deploy readers twice
      return;
    }
    step.record(new JobMasterEvent.TaskGroupStateRecorded(pipelineId, id.attempt(), id.index(), report.state()));
    switch (report.state()) {
      case RUNNING -> onTaskRunning(step, id, report.enumerator(), nowMillis);
      case FAILED -> {
        String error = report.error() == null ? "task group " + id + " failed" : report.error();
        fail(step, error, error.startsWith(REFUSED_BY_WORKER));
      }
      case FINISHED -> {
        checkpoints.onTaskFinished(step, id);
        onTaskEnded(step);
      }
      case CANCELED -> onTaskEnded(step);
      default -> { }
    }
  }

  private void onTaskRunning(Step step, TaskGroupId id, ActorRef<SplitProtocol> enumerator, long nowMillis) {
    PipelineState p = step.pipeline(pipelineId);
    if (p.status() != JobStatus.SCHEDULED && p.status() != JobStatus.RUNNING) {
      return;
    }
    if (id.index() == 0 && enumerator != null) {
      for (int i = 1; i < p.slots().size(); i++) {
        deploy(step, i, enumerator, nowMillis);
      }
    }
    maybeRunning(step);
  }

  /**
   * A pipeline runs once every task group has started; some may already have finished (an
   * enumerator often hands out all splits before the last reader reports RUNNING).
   */
  private void maybeRunning(Step step) {
    PipelineState p = step.pipeline(pipelineId);
    boolean allStarted = !p.taskGroups().isEmpty() && p.taskGroups().values().stream()
        .allMatch(s -> s == JobStatus.RUNNING || s == JobStatus.FINISHED);
    if (p.status() == JobStatus.SCHEDULED && allStarted) {
      step.record(new JobMasterEvent.PipelineStatusChanged(pipelineId, JobStatus.RUNNING, null));
      checkpoints.schedule(step);
    }
  }

  private void onTaskEnded(Step step) {
    PipelineState p = step.pipeline(pipelineId);
    if (p.status() == JobStatus.FAILING || p.status() == JobStatus.CANCELING) {
      if (p.allTaskGroupsEnded()) {
        stopped(step);
      }
      return;
    }
    if (p.allTaskGroupsIn(JobStatus.FINISHED)) {
      maybeRunning(step); // a pipeline too quick to be seen running still passes through RUNNING
      releaseSlots(step);
      step.record(new JobMasterEvent.PipelineStatusChanged(pipelineId, JobStatus.FINISHED, null));
      log.info("job {} pipeline {} finished", jobId, pipelineId);
    } else if (p.allTaskGroupsEnded()) {
      fail(step, "a task group of pipeline " + pipelineId + " was cancelled outside the job", false);
    } else {
      maybeRunning(step);
    }
  }

  /** The ResourceManager lost a worker: its task groups of the current attempt failed, not by their fault. */
  void onWorkerLost(Step step, WorkerLost lost) {
    PipelineState p = step.pipeline(pipelineId);
    List<Integer> gone = WorkerIncarnations.lostWith(p, lost);
    for (int index : gone) {
      step.record(new JobMasterEvent.TaskGroupStateRecorded(pipelineId, p.attempt(), index, JobStatus.FAILED));
    }
    if (!gone.isEmpty()) {
      fail(step, "worker " + lost.worker() + " lost (" + lost.reason() + ")", true);
    }
  }

  // ---- failing, stopping, retrying ----

  /**
   * The current attempt failed: cancel what still runs, then retry or fail. {@code forgiven}: not
   * the pipeline's fault, so this restart does not use up {@code job.retry.times}.
   */
  void fail(Step step, String reported, boolean forgiven) {
    // the error goes to the log, the journal, /job-info and events: never with the job's passwords
    String error = Secrets.of(step.state().definition()).mask(reported);
    PipelineState p = step.pipeline(pipelineId);
    if (p.status() == JobStatus.FAILING || p.status() == JobStatus.CANCELING || p.status().isTerminal()) {
      if (p.allTaskGroupsEnded() && !p.status().isTerminal()) {
        stopped(step);
      }
      return;
    }
    log.warn("job {} pipeline {} attempt {} failed{}: {}", jobId, pipelineId, p.attempt(),
        forgiven ? " (not its fault: the restart is free)" : "", error);
    if (forgiven) {
      step.record(new JobMasterEvent.PipelineRestartForgiven(pipelineId));
    }
    step.record(new JobMasterEvent.PipelineStatusChanged(pipelineId, JobStatus.FAILING, error));
    stop(step, "pipeline " + pipelineId + " failed: " + error);
  }

  /** The job is cancelled or failed elsewhere: stop this pipeline for good. */
  void cancel(Step step, String reason) {
    PipelineState p = step.pipeline(pipelineId);
    if (p.status().isTerminal()) {
      return;
    }
    step.record(new JobMasterEvent.PipelineStatusChanged(pipelineId, JobStatus.CANCELING, null));
    step.effect(new JobMasterEffect.CancelTimer(slotsKey()));
    step.effect(new JobMasterEffect.CancelTimer(restartKey()));
    stop(step, reason);
  }

  /** Cancels every task group of the pipeline that still runs; continues when all have ended. */
  void stop(Step step, String reason) {
    checkpoints.forget(step);
    PipelineState p = step.pipeline(pipelineId);
    for (Map.Entry<Integer, JobStatus> task : new TreeMap<>(p.taskGroups()).entrySet()) {
      if (!task.getValue().isTerminal()) {
        step.effect(new JobMasterEffect.CancelTaskGroup(p.slots().get(task.getKey()), id(p, task.getKey()), reason));
      }
    }
    if (p.allTaskGroupsEnded() || p.taskGroups().isEmpty()) {
      stopped(step);
    } else {
      step.effect(new JobMasterEffect.StartTimer(cancelKey(),
          new JobMasterInternal.CancelTimedOut(pipelineId, p.attempt()), settings.cancelTimeout()));
    }
  }

  /**
   * Task groups that did not confirm the cancel may still run: their slots stay held by the job
   * (journalled) until they confirm or their worker is lost, while the pipeline moves on — it may
   * restart on other slots meanwhile, so a stuck cancel never blocks a restart.
   */
  void onCancelTimedOut(Step step, JobMasterInternal.CancelTimedOut timeout) {
    PipelineState p = step.pipeline(pipelineId);
    if (p.attempt() != timeout.attempt() || p.status().isTerminal() || p.allTaskGroupsEnded()
        || (p.status() != JobStatus.FAILING && p.status() != JobStatus.CANCELING)) {
      return;
    }
    Map<Integer, JobStatus> unconfirmed = new TreeMap<>(p.taskGroups());
    unconfirmed.values().removeIf(JobStatus::isTerminal);
    log.warn("job {} pipeline {}: task groups {} did not confirm the cancel within {}; holding their slots until they do",
        jobId, pipelineId, unconfirmed.keySet(), settings.cancelTimeout());
    for (int index : unconfirmed.keySet()) {
      step.record(new JobMasterEvent.TaskGroupSlotHeld(id(p, index), p.slots().get(index)));
      step.record(new JobMasterEvent.TaskGroupStateRecorded(pipelineId, p.attempt(), index, JobStatus.CANCELED));
    }
    stopped(step);
  }

  /** Every task group of a failing or cancelling pipeline has ended: free slots, then retry or end. */
  private void stopped(Step step) {
    step.effect(new JobMasterEffect.CancelTimer(cancelKey()));
    releaseSlots(step);
    PipelineState p = step.pipeline(pipelineId);
    if (p.status() == JobStatus.CANCELING) {
      step.record(new JobMasterEvent.PipelineStatusChanged(pipelineId, JobStatus.CANCELED, null));
      return;
    }
    JobDefinition def = step.state().definition();
    int retriesUsed = p.retriesUsed();
    if (step.state().status() != JobStatus.FAILING && retriesUsed < def.retryTimes()) {
      step.record(new JobMasterEvent.PipelineStatusChanged(pipelineId, JobStatus.PENDING, null));
      log.info("job {} pipeline {}: restarting (retry {} of {}) in {} s, {}", jobId, pipelineId,
          retriesUsed + 1, def.retryTimes(), def.retryIntervalSeconds(),
          p.checkpoint() == null ? "from the start (no checkpoint completed)"
              : "from checkpoint " + p.checkpoint().checkpointId());
      step.effect(new JobMasterEffect.StartTimer(restartKey(), new JobMasterInternal.RestartPipeline(pipelineId),
          Duration.ofSeconds(def.retryIntervalSeconds())));
      return;
    }
    step.record(new JobMasterEvent.PipelineStatusChanged(pipelineId, JobStatus.FAILED, null));
  }

  // ---- liveness ----

  /**
   * Fails over the pipeline if a deployed task group of the current attempt has not been heard
   * from for {@code atoll.job.task-report-timeout}: a live one reports at least every
   * metrics interval, so it is lost (its worker or the path to it), whatever the cluster says.
   */
  void checkReports(Step step, long nowMillis) {
    PipelineState p = step.pipeline(pipelineId);
    if (p.status() != JobStatus.SCHEDULED && p.status() != JobStatus.RUNNING) {
      return;
    }
    Map<Integer, Long> silent = liveness.silent(p, nowMillis, settings.taskReportTimeout().toMillis());
    if (silent.isEmpty()) {
      checkStarted(step, p, nowMillis);
      return;
    }
    List<String> described = new ArrayList<>();
    silent.forEach((index, millis) -> described.add(id(p, index) + " on " + p.slots().get(index) + " for " + millis + " ms"));
    log.warn("job {} pipeline {}: task groups silent past the report timeout ({}): {}; failing over from {}", jobId,
        pipelineId, settings.taskReportTimeout(), described,
        p.checkpoint() == null ? "the start" : "checkpoint " + p.checkpoint().checkpointId());
    for (int index : silent.keySet()) {
      // silent is not proven dead (its reports may be what is lost): cancel it, and keep its slot
      // held until it confirms or its worker is declared lost, as for a cancel never confirmed
      step.effect(new JobMasterEffect.CancelTaskGroup(p.slots().get(index), id(p, index),
          "no report for longer than " + settings.taskReportTimeout()));
      step.record(new JobMasterEvent.TaskGroupSlotHeld(id(p, index), p.slots().get(index)));
      step.record(new JobMasterEvent.TaskGroupStateRecorded(pipelineId, p.attempt(), index, JobStatus.FAILED));
    }
    fail(step, "task groups " + silent.keySet() + " sent no report for longer than " + settings.taskReportTimeout(), true);
  }

  /**
   * Live task groups are not enough: a pipeline whose task groups all report but that has not come
   * to RUNNING within the report timeout of its deploy makes no progress either (a start report
   * lost on its way, or a task group that never got going), so the attempt is failed and retried
   * — counted against job.retry.times, since the cause may be the job's own — rather than left
   * SCHEDULED for good.
   */
  private void checkStarted(Step step, PipelineState p, long nowMillis) {
    long since = liveness.sinceDeployed(nowMillis);
    if (p.status() != JobStatus.SCHEDULED || since <= settings.taskReportTimeout().toMillis()) {
      return;
    }
    fail(step, "pipeline " + pipelineId + " did not start running within " + settings.taskReportTimeout()
        + " of its deploy (task groups " + new java.util.TreeMap<>(p.taskGroups()) + ")", false);
  }

  // ---- after a master restart ----

  /**
   * After a restart: a pipeline waiting for slots asks again (or starts its next attempt); for a
   * running one every worker incarnation holding a task group is asked which still run; a
   * stopping one is stopped again.
   */
  void resume(Step step, long nowMillis) {
    PipelineState p = step.pipeline(pipelineId);
    switch (p.status()) {
      case CREATED -> startAttempt(step);
      case PENDING -> {
        if (p.attempt() > 0 && p.taskGroups().isEmpty()) {
          requestSlots(step, p.attempt());
        } else {
          startAttempt(step); // the stopped attempt's restart timer died with the master
        }
      }
      case SCHEDULED, RUNNING -> {
        liveness.restartedAt(p, nowMillis);
        queryWorkers(step);
      }
      case FAILING, CANCELING -> stop(step, "resumed after a master restart");
      default -> { }
    }
  }

  private void queryWorkers(Step step) {
    PipelineState p = step.pipeline(pipelineId);
    WorkerIncarnations.toAsk(p).forEach(slot ->
        step.effect(new JobMasterEffect.QueryWorker(pipelineId, p.attempt(), slot)));
  }

  /**
   * The master may have died between journalling a checkpoint as completed and telling the readers:
   * an adopted reader then still holds that checkpoint's output prepared but not committed, and a
   * later cancel (a restore) would throw it away although the restore starts after it. So adopted
   * readers hear of the last completed checkpoint again; a writer commits a checkpoint once, so a
   * repeated notice changes nothing.
   */
  private void renotifyLastCheckpoint(Step step, PipelineState p, JobMasterInternal.TaskGroupsFound found) {
    if (p.checkpoint() == null) {
      return;
    }
    for (int index : found.running().stream().filter(id -> id.pipelineId() == pipelineId && id.attempt() == p.attempt()
        && id.index() > 0).map(TaskGroupId::index).sorted().toList()) {
      step.effect(new JobMasterEffect.NotifyCheckpointComplete(p.slots().get(index),
          new TaskGroupId(jobId, pipelineId, p.attempt(), index), p.checkpoint().checkpointId()));
    }
  }

  /** A worker answered (or not) which task groups still run: adopt those, restart if any is gone. */
  void onTaskGroupsFound(Step step, JobMasterInternal.TaskGroupsFound found) {
    PipelineState p = step.pipeline(pipelineId);
    if (p.attempt() != found.attempt() || p.status().isTerminal()
        || (p.status() != JobStatus.SCHEDULED && p.status() != JobStatus.RUNNING)) {
      return;
    }
    List<Integer> missing = WorkerIncarnations.missing(jobId, p, found);
    for (int index : missing) {
      step.record(new JobMasterEvent.TaskGroupStateRecorded(pipelineId, p.attempt(), index, JobStatus.FAILED));
    }
    boolean lost = !missing.isEmpty();
    if (lost) {
      fail(step, "task groups on " + found.worker() + (found.answered() ? " stopped while the master was down"
          : " could not be asked after a master restart (no answer)"), true);
    } else {
      log.info("job {} pipeline {}: adopted its task groups on {}", jobId, pipelineId, found.worker());
      renotifyLastCheckpoint(step, p, found);
      checkpoints.schedule(step);
    }
  }
}
