package io.atoll.runtime.master.job;

import io.atoll.persistence.job.JobMasterEvent;
import io.atoll.persistence.job.JobMasterState;
import io.atoll.persistence.job.PipelineState;
import io.atoll.protocol.connector.SinkEnd;
import io.atoll.protocol.execution.JobMasterProtocol;
import io.atoll.protocol.execution.JobMasterProtocol.CancelJob;
import io.atoll.protocol.execution.JobMasterProtocol.CheckpointAck;
import io.atoll.protocol.execution.JobMasterProtocol.ReaderInputEnded;
import io.atoll.protocol.execution.JobMasterProtocol.StartJob;
import io.atoll.protocol.execution.JobMasterProtocol.TaskGroupMetrics;
import io.atoll.protocol.execution.JobMasterProtocol.TaskGroupStateChanged;
import io.atoll.protocol.execution.TaskGroupId;
import io.atoll.protocol.execution.TaskSnapshot;
import io.atoll.protocol.job.JobCoordinatorProtocol;
import io.atoll.protocol.job.JobDefinition;
import io.atoll.protocol.job.JobMetrics;
import io.atoll.protocol.job.JobStatus;
import io.atoll.protocol.resource.SlotReply;
import io.atoll.protocol.resource.WorkerLost;
import io.atoll.runtime.config.JobSettings;
import io.atoll.runtime.job.plan.PipelinePlan;
import io.atoll.runtime.job.plan.PipelinePlanner;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A job as its JobMaster runs it (pure: no actor, time passed in): its pipelines (one
 * {@link PipelineExecution} each), its terminal state, its slot bookkeeping (requests in flight,
 * slots held for task groups that never confirmed a cancel) and its counters. Every command is
 * decided against the persisted {@link JobMasterState} and returns a {@link Decision}; volatile
 * facts (checkpoints in flight, when task groups were last heard from, counters) live here and are
 * rebuilt after a restart, never journalled.
 */
final class JobExecution {
  private static final Logger log = LoggerFactory.getLogger(JobExecution.class);
  static final String REPORT_CHECK_KEY = "report-check";
  static final String HELD_CANCELS_KEY = HeldSlots.RESEND_KEY;

  private final long jobId;
  private final JobSettings settings;
  private final Map<Integer, PipelineExecution> pipelines = new HashMap<>();
  private final JobMetricsTotals metrics;
  private final JobSavepoint savepoint;
  /** This incarnation restored the job from its savepoint: a Resume queued behind that restore has nothing left to do. */
  private boolean restoredHere;
  /** Slot requests not yet answered: the job master outlives its job until they are, so slots
   * allocated to a job that ended meanwhile are handed back instead of leaking. */
  private int slotRequestsInFlight;

  JobExecution(long jobId, JobSettings settings) {
    this.jobId = jobId;
    this.settings = settings;
    this.metrics = new JobMetricsTotals(jobId);
    this.savepoint = new JobSavepoint(jobId);
  }

  /** The pipeline's execution; plans are derived from the definition, so a recovered job derives them again. */
  PipelineExecution pipeline(JobMasterState state, int pipelineId) {
    if (pipelines.isEmpty()) {
      for (PipelinePlan plan : PipelinePlanner.plan(state.definition())) {
        pipelines.put(plan.pipelineId(), new PipelineExecution(jobId, plan, settings));
      }
    }
    PipelineExecution p = pipelines.get(pipelineId);
    if (p == null) {
      throw new IllegalArgumentException("job " + jobId + " has no pipeline " + pipelineId);
    }
    return p;
  }

  int slotRequestsInFlight() {
    return slotRequestsInFlight;
  }

  /** The job has ended and nothing it asked for or holds is outstanding: its entity may stop. */
  boolean mayPassivate(JobMasterState state) {
    return state.started() && state.status().isTerminal() && slotRequestsInFlight == 0 && state.heldSlots().isEmpty();
  }

  // ---- commands ----

  Decision onStart(JobMasterState state, StartJob start, long nowMillis) {
    return start(state, start.definition(), nowMillis);
  }

  /** Plans the job and starts every pipeline's first attempt; a repeated start is ignored. */
  Decision start(JobMasterState state, JobDefinition definition, long nowMillis) {
    if (state.started()) {
      log.debug("job {} already started; repeated start ignored", jobId);
      return Decision.NONE;
    }
    List<PipelinePlan> planned = PipelinePlanner.plan(definition);
    Step step = new Step(state);
    step.record(new JobMasterEvent.JobStarted(jobId, definition, planned.size(), nowMillis));
    log.info("job {} ({}) started: {} pipeline(s), parallelism {}",
        jobId, definition.jobName(), planned.size(), definition.parallelism());
    reportJob(step, JobStatus.PENDING, null, nowMillis);
    for (PipelinePlan plan : planned) {
      pipeline(step.state(), plan.pipelineId()).startAttempt(step);
    }
    armReportCheck(step);
    return settle(step, nowMillis);
  }

  Decision onSlotAnswer(JobMasterState state, JobMasterInternal.SlotAnswer answer, long nowMillis) {
    slotRequestsInFlight--;
    Step step = new Step(state);
    PipelineExecution pipeline = pipeline(state, answer.pipelineId());
    boolean current = pipeline.waitsForSlots(step, answer.attempt());
    if (answer.reply() instanceof SlotReply.SlotsAllocated allocated) {
      if (current) {
        pipeline.onSlotsAssigned(step, answer.attempt(), allocated.slots(), nowMillis);
      } else {
        step.effect(new JobMasterEffect.ReleaseSlots(allocated.slots()));
      }
      return settle(step, nowMillis);
    }
    if (!current) {
      return Decision.NONE;
    }
    String reason = answer.reply() instanceof SlotReply.NotEnoughSlots notEnough
        ? notEnough.reason()
        : "the resource manager did not answer: " + answer.failure();
    if (settings.scheduleStrategy() == JobSettings.ScheduleStrategy.REJECT) {
      log.warn("job {} rejected: {}", jobId, reason);
      failJob(step, "not enough slots (schedule strategy REJECT): " + reason, nowMillis);
    } else {
      log.debug("job {} pipeline {} waits for slots: {}", jobId, answer.pipelineId(), reason);
      step.effect(new JobMasterEffect.StartTimer(pipeline.slotsKey(),
          new JobMasterInternal.RetrySlots(answer.pipelineId(), answer.attempt()), settings.slotRetryInterval()));
    }
    return settle(step, nowMillis);
  }

  Decision onRetrySlots(JobMasterState state, JobMasterInternal.RetrySlots retry, long nowMillis) {
    return onPipeline(state, retry.pipelineId(), nowMillis, (p, step) -> p.requestSlots(step, retry.attempt()));
  }

  Decision onRestartPipeline(JobMasterState state, JobMasterInternal.RestartPipeline restart, long nowMillis) {
    return onPipeline(state, restart.pipelineId(), nowMillis, (p, step) -> p.startAttempt(step));
  }

  Decision onTaskGroupState(JobMasterState state, TaskGroupStateChanged report, long nowMillis) {
    Step step = new Step(state);
    TaskGroupId id = report.id();
    if (report.state().isTerminal()) {
      HeldSlots.confirmed(step, id, "confirmed " + report.state(), jobId);
    }
    PipelineState p = state.pipelines().get(id.pipelineId());
    if (p == null) {
      return settle(step, nowMillis);
    }
    if (p.attempt() == id.attempt()) {
      metrics.update(id, report.metrics());
    }
    pipeline(state, id.pipelineId()).onTaskGroupState(step, report, nowMillis);
    return settle(step, nowMillis);
  }

  Decision onMetrics(JobMasterState state, TaskGroupMetrics update, long nowMillis) {
    Step step = new Step(state);
    metrics.update(update.id(), update.metrics());
    heard(step, update.id(), nowMillis);
    step.effect(new JobMasterEffect.ReportToCoordinator(
        new JobCoordinatorProtocol.JobMetricsUpdated(jobId, totalMetrics(state))));
    return step.decision();
  }

  Decision onWorkerLost(JobMasterState state, WorkerLost lost, long nowMillis) {
    Step step = new Step(state);
    HeldSlots.workerLost(step, lost, jobId);
    for (int pipelineId : new TreeMap<>(state.pipelines()).keySet()) {
      pipeline(state, pipelineId).onWorkerLost(step, lost);
    }
    return settle(step, nowMillis);
  }

  Decision onCancelTimedOut(JobMasterState state, JobMasterInternal.CancelTimedOut timeout, long nowMillis) {
    return onPipeline(state, timeout.pipelineId(), nowMillis, (p, step) -> p.onCancelTimedOut(step, timeout));
  }

  /** Sends the cancel again to task groups whose slots are held; keeps doing so while any is. */
  Decision onResendCancels(JobMasterState state, long nowMillis) {
    if (state.heldSlots().isEmpty()) {
      return Decision.NONE;
    }
    Step step = new Step(state);
    log.info("job {}: cancelling again task groups that never confirmed, their slots held: {}", jobId,
        state.heldSlots().keySet());
    HeldSlots.resend(step, settings.cancelTimeout());
    return step.decision();
  }

  Decision onCancel(JobMasterState state, CancelJob cancel, long nowMillis) {
    if (state.status().isTerminal() || state.status() == JobStatus.CANCELING) {
      return Decision.NONE;
    }
    Step step = new Step(state);
    log.info("job {} cancelling: {}", jobId, cancel.reason());
    reportJob(step, JobStatus.CANCELING, cancel.reason(), nowMillis);
    for (int pipelineId : new TreeMap<>(state.pipelines()).keySet()) {
      pipeline(state, pipelineId).cancel(step, "job cancelled: " + cancel.reason());
    }
    return settle(step, nowMillis);
  }

  /**
   * Stop with a savepoint: refused unless the job and each pipeline that has not finished run;
   * otherwise the job is DOING_SAVEPOINT and every running pipeline takes a checkpoint. Once all have
   * completed theirs ({@link #progressSavepoint}), the pipelines are cancelled and the job ends
   * SAVEPOINT_DONE.
   */
  Decision onStopWithSavepoint(JobMasterState state, JobMasterProtocol.StopWithSavepoint request, long nowMillis) {
    Step step = new Step(state);
    Optional<String> refusal = savepoint.refusal(step, id -> pipeline(state, id));
    if (refusal.isPresent()) {
      log.info("job {}: stop with a savepoint refused: {}", jobId, refusal.get());
      step.effect(new JobMasterEffect.Reply(request.replyTo(),
          new JobCoordinatorProtocol.CancelReply(jobId, false, refusal.get())));
      return step.decision();
    }
    reportJob(step, JobStatus.DOING_SAVEPOINT, null, nowMillis);
    Map<Integer, Long> targets = savepoint.begin(step, id -> pipeline(state, id));
    step.effect(new JobMasterEffect.Reply(request.replyTo(), new JobCoordinatorProtocol.CancelReply(jobId, true,
        "savepoint of job " + jobId + " under way (checkpoints " + targets.values() + ")")));
    return settle(step, nowMillis);
  }

  /**
   * Run a job that ended SAVEPOINT_DONE again from its savepoint; the definition must plan to the
   * same pipelines and parallelism (the coordinator checks that before; checked again here).
   */
  Decision onRestore(JobMasterState state, JobMasterProtocol.RestoreJob restore, long nowMillis) {
    if (state.status() != JobStatus.SAVEPOINT_DONE) {
      log.info("job {} is {}, not SAVEPOINT_DONE; restore ignored (a repeated restore)", jobId, state.status());
      return Decision.NONE;
    }
    Optional<String> mismatch = JobSavepoint.restoreMismatch(state.definition(), restore.definition());
    if (mismatch.isPresent()) {
      Step step = new Step(state);
      log.warn("job {}: restore refused: {}", jobId, mismatch.get());
      // the job stays stopped with its savepoint, so a job file that fits can still restore it
      step.effect(new JobMasterEffect.ReportToCoordinator(new JobCoordinatorProtocol.JobStatusChanged(jobId,
          JobStatus.SAVEPOINT_DONE, "not restored from the savepoint: " + mismatch.get(), JobMetrics.ZERO)));
      return step.decision();
    }
    pipelines.clear(); // planned again from the definition restored with
    restoredHere = true;
    Step step = new Step(state);
    step.record(new JobMasterEvent.JobRestored(restore.definition(), nowMillis));
    log.info("job {} ({}) restored from its savepoint: {}", jobId, restore.definition().jobName(),
        JobSavepoint.describe(step.state()));
    reportJob(step, JobStatus.PENDING, null, nowMillis);
    for (int pipelineId : pipelineIds(step.state())) {
      if (step.pipeline(pipelineId).status() != JobStatus.FINISHED) {
        pipeline(step.state(), pipelineId).startAttempt(step);
      }
    }
    armReportCheck(step);
    return settle(step, nowMillis);
  }

  Decision onCheckpointAck(JobMasterState state, CheckpointAck ack, long nowMillis) {
    return onPipeline(state, ack.id().pipelineId(), nowMillis, (p, step) -> {
      p.heard(step, ack.id(), nowMillis);
      p.checkpoints().onAck(step, ack);
    });
  }

  Decision onReaderInputEnded(JobMasterState state, ReaderInputEnded ended, long nowMillis) {
    return onPipeline(state, ended.id().pipelineId(), nowMillis, (p, step) -> {
      p.heard(step, ended.id(), nowMillis);
      p.checkpoints().onInputEnded(step, ended.id());
    });
  }

  Decision onCheckpointTick(JobMasterState state, JobMasterInternal.CheckpointTick tick, long nowMillis) {
    return onPipeline(state, tick.pipelineId(), nowMillis, (p, step) -> p.checkpoints().onTick(step, tick));
  }

  Decision onCheckpointTimedOut(JobMasterState state, JobMasterInternal.CheckpointTimedOut timeout, long nowMillis) {
    return onPipeline(state, timeout.pipelineId(), nowMillis, (p, step) ->
        p.checkpoints().onTimedOut(step, timeout).ifPresent(reason -> p.fail(step, reason, false)));
  }

  Decision onTaskGroupsFound(JobMasterState state, JobMasterInternal.TaskGroupsFound found, long nowMillis) {
    return onPipeline(state, found.pipelineId(), nowMillis, (p, step) -> p.onTaskGroupsFound(step, found));
  }

  /** The periodic liveness check: every pipeline fails over its silent task groups. */
  Decision onCheckReports(JobMasterState state, long nowMillis) {
    Step step = new Step(state);
    if (state.status().isTerminal()) {
      return Decision.NONE;
    }
    for (int pipelineId : new TreeMap<>(state.pipelines()).keySet()) {
      pipeline(state, pipelineId).checkReports(step, nowMillis);
    }
    armReportCheck(step);
    return settle(step, nowMillis);
  }

  /**
   * What a recovered job needs: its status reported again, pipelines waiting for slots ask again,
   * workers of running ones are asked which task groups still run (silence counted from now),
   * stopping ones are stopped again, held slots are cancelled again, and the timers re-armed.
   */
  Decision onResume(JobMasterState state, long nowMillis) {
    if (restoredHere) {
      return Decision.NONE; // the restore, handled first after recovery, started every pipeline afresh
    }
    Step step = new Step(state);
    if (!state.status().isTerminal()) {
      log.info("job {} recovered in state {}; checking its task groups", jobId, state.status());
      reportJob(step, state.status(), null, nowMillis);
      for (int pipelineId : new TreeMap<>(state.pipelines()).keySet()) {
        pipeline(state, pipelineId).resume(step, nowMillis);
      }
      armReportCheck(step);
    }
    if (state.status() == JobStatus.FAILED || state.status() == JobStatus.CANCELED
        || state.status() == JobStatus.SAVEPOINT_DONE) {
      // The master may have stopped while the sinks were being settled: settle again (it is
      // idempotent) and tell the coordinator again (it ignores the end of a job it knows ended).
      step.effect(new JobMasterEffect.SettleSinks(settlements(step, state.status()),
          new JobCoordinatorProtocol.JobStatusChanged(jobId, state.status(), state.error(), totalMetrics(state))));
    }
    if (!state.heldSlots().isEmpty()) {
      log.info("job {} recovered holding slots of task groups that never confirmed a cancel: {}", jobId,
          state.heldSlots().keySet());
      HeldSlots.resend(step, settings.cancelTimeout());
    }
    return settle(step, nowMillis);
  }

  // ---- job level ----

  /**
   * The job's counters: those of the current attempt of each pipeline. A restored reader counts on
   * from its checkpoint's counters, so earlier attempts are covered and rows read again after a
   * restore are not counted twice.
   */
  JobMetrics totalMetrics(JobMasterState state) {
    return metrics.total(state);
  }

  private Decision onPipeline(JobMasterState state, int pipelineId, long nowMillis,
      BiConsumer<PipelineExecution, Step> handler) {
    if (!state.pipelines().containsKey(pipelineId)) {
      log.warn("job {} has no pipeline {}; message ignored", jobId, pipelineId);
      return Decision.NONE;
    }
    Step step = new Step(state);
    handler.accept(pipeline(state, pipelineId), step);
    return settle(step, nowMillis);
  }

  private void heard(Step step, TaskGroupId id, long nowMillis) {
    if (step.state().pipelines().containsKey(id.pipelineId())) {
      pipeline(step.state(), id.pipelineId()).heard(step, id, nowMillis);
    }
  }

  private void armReportCheck(Step step) {
    step.effect(new JobMasterEffect.StartTimer(REPORT_CHECK_KEY, new JobMasterInternal.CheckReports(),
        reportCheckInterval()));
  }

  /** Often enough that a silent task group is found within 1.5 report timeouts. */
  java.time.Duration reportCheckInterval() {
    return settings.taskReportTimeout().dividedBy(2);
  }

  /**
   * What the pipelines' decisions mean for the job: SCHEDULED once one has slots, RUNNING once one
   * runs, FAILING when one failed for good (the others are cancelled), ended when all have ended;
   * also counts the slot requests going out and keeps re-sending held cancels while slots are held.
   */
  private Decision settle(Step step, long nowMillis) {
    JobMasterState s = step.state();
    if (s.started() && !s.status().isTerminal()) {
      if (s.status() == JobStatus.PENDING && s.pipelines().values().stream().anyMatch(p -> p.status() == JobStatus.SCHEDULED
          || p.status() == JobStatus.RUNNING || p.status() == JobStatus.FINISHED)) {
        reportJob(step, JobStatus.SCHEDULED, null, nowMillis);
      }
      if ((step.state().status() == JobStatus.SCHEDULED) && step.state().pipelines().values().stream()
          .anyMatch(p -> p.status() == JobStatus.RUNNING || p.status() == JobStatus.FINISHED)) {
        reportJob(step, JobStatus.RUNNING, null, nowMillis);
      }
      new TreeMap<>(step.state().pipelines()).values().stream()
          .filter(p -> p.status() == JobStatus.FAILED).findFirst()
          .ifPresent(p -> failJob(step, p.error(), nowMillis));
      progressSavepoint(step, nowMillis);
      maybeEndJob(step, nowMillis);
    }
    for (JobMasterEffect effect : step.effects()) {
      if (effect instanceof JobMasterEffect.RequestSlots) {
        slotRequestsInFlight++;
      }
    }
    if (step.events().stream().anyMatch(e -> e instanceof JobMasterEvent.TaskGroupSlotHeld)) {
      HeldSlots.armResend(step, settings.cancelTimeout());
    }
    return step.decision();
  }

  /**
   * While the job is DOING_SAVEPOINT: once every running pipeline has completed its savepoint
   * checkpoint (the readers were told to commit it), the pipelines are cancelled — what they prepared
   * after it is discarded, the restored job reads it again — and the job ends SAVEPOINT_DONE. If a
   * pipeline fails or restarts first, the savepoint has failed: the job goes back to RUNNING with the
   * reason as its error (the coordinator tells the requester), its pipelines restarting as usual.
   * After a master restart the savepoint is the next checkpoint of each running pipeline.
   */
  private void progressSavepoint(Step step, long nowMillis) {
    JobSavepoint.Outcome outcome = savepoint.progress(step.state());
    if (outcome.kind() == JobSavepoint.Outcome.Kind.FAILED) {
      log.warn("job {}: {}", jobId, outcome.reason());
      reportJob(step, JobStatus.RUNNING, outcome.reason(), nowMillis);
    } else if (outcome.kind() == JobSavepoint.Outcome.Kind.COMPLETE) {
      for (int pipelineId : pipelineIds(step.state())) {
        if (step.pipeline(pipelineId).status() == JobStatus.RUNNING) {
          pipeline(step.state(), pipelineId).cancel(step, "job stopped with a savepoint (checkpoint "
              + step.pipeline(pipelineId).checkpoint().checkpointId() + ")");
        }
      }
    }
  }

  /** A pipeline failed for good (or slots were refused under REJECT): the whole job fails; the other pipelines stop. */
  private void failJob(Step step, String error, long nowMillis) {
    if (step.state().status().isTerminal() || step.state().status() == JobStatus.FAILING) {
      return;
    }
    reportJob(step, JobStatus.FAILING, error, nowMillis);
    for (int pipelineId : new TreeMap<>(step.state().pipelines()).keySet()) {
      PipelineState p = step.pipeline(pipelineId);
      if (!p.status().isTerminal() && p.status() != JobStatus.FAILING && p.status() != JobStatus.CANCELING) {
        pipeline(step.state(), pipelineId).cancel(step, "another pipeline of the job failed");
      }
    }
  }

  private void maybeEndJob(Step step, long nowMillis) {
    JobMasterState s = step.state();
    boolean allEnded = s.pipelines().values().stream().allMatch(p -> p.status().isTerminal());
    if (!allEnded || s.status().isTerminal()) {
      return;
    }
    boolean savepointStopped = s.pipelines().values().stream().anyMatch(p -> p.status() == JobStatus.CANCELED);
    JobStatus end = switch (s.status()) {
      case FAILING -> JobStatus.FAILED;
      case CANCELING -> JobStatus.CANCELED;
      case DOING_SAVEPOINT -> savepointStopped ? JobStatus.SAVEPOINT_DONE : JobStatus.FINISHED;
      default -> JobStatus.FINISHED;
    };
    JobCoordinatorProtocol report = recordJob(step, end, null, nowMillis);
    List<JobMasterEffect.Settlement> settlements = end == JobStatus.FINISHED ? List.of() : settlements(step, end);
    // The coordinator (and a `run` waiting for the end) hears of the end once the sinks are settled.
    step.effect(settlements.isEmpty() ? new JobMasterEffect.ReportToCoordinator(report)
        : new JobMasterEffect.SettleSinks(settlements, report));
    step.effect(new JobMasterEffect.CancelTimer(REPORT_CHECK_KEY));
    log.info("job {} {} ({})", jobId, end, totalMetrics(step.state()));
  }

  /**
   * Each pipeline that did not finish will not run again: its sinks commit what its last completed
   * checkpoint covers and discard what else their writers prepared ({@link JobMasterEffect.SettleSinks}).
   */
  private List<JobMasterEffect.Settlement> settlements(Step step, JobStatus end) {
    List<JobMasterEffect.Settlement> settlements = new ArrayList<>();
    for (PipelineState p : new TreeMap<>(step.state().pipelines()).values()) {
      if (p.status() == JobStatus.FINISHED) {
        continue;
      }
      List<String> committed = new ArrayList<>();
      if (p.checkpoint() != null) {
        for (TaskSnapshot reader : new TreeMap<>(p.checkpoint().readers()).values()) {
          reader.writerStates().forEach(committed::addAll);
        }
      }
      settlements.add(new JobMasterEffect.Settlement(pipeline(step.state(), p.pipelineId()).sinks(),
          new SinkEnd(jobId, p.pipelineId(), end.name(), committed)));
    }
    return settlements;
  }

  private void reportJob(Step step, JobStatus status, String error, long nowMillis) {
    step.effect(new JobMasterEffect.ReportToCoordinator(recordJob(step, status, error, nowMillis)));
  }

  /** Records the job's new status; returns the report for the coordinator. */
  private JobCoordinatorProtocol recordJob(Step step, JobStatus status, String error, long nowMillis) {
    step.record(new JobMasterEvent.JobStatusRecorded(status, error, nowMillis));
    return new JobCoordinatorProtocol.JobStatusChanged(jobId, status,
        status == JobStatus.FAILED ? step.state().error() : error, totalMetrics(step.state()));
  }

  /** For tests: the pipelines' ids in order. */
  List<Integer> pipelineIds(JobMasterState state) {
    return new ArrayList<>(new TreeMap<>(state.pipelines()).keySet());
  }
}
