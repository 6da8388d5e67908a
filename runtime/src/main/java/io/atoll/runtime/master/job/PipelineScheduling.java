package io.atoll.runtime.master.job;

import akka.actor.typed.ActorRef;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.TimerScheduler;
import io.atoll.persistence.job.JobMasterEvent;
import io.atoll.persistence.job.PipelineState;
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

/** A job master's scheduling: starting attempts, asking for slots, deploying, following task group reports. */
abstract class PipelineScheduling extends PipelineStops {
  PipelineScheduling(
      ActorContext<Object> context,
      long jobId,
      JobSettings settings,
      ActorRef<ResourceManagerProtocol> resourceManager,
      ActorRef<JobCoordinatorProtocol> coordinator,
      Function<String, ActorRef<TaskExecutorProtocol>> taskExecutors,
      TimerScheduler<Object> timers) {
    super(context, jobId, settings, resourceManager, coordinator, taskExecutors, timers);
  }

  void onStart(StartJob start) {
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

  void startAttempt(int pipelineId) {
    if (state.status().isTerminal() || state.status() == JobStatus.CANCELING) {
      return;
    }
    forgetCheckpoints(pipelineId);
    int attempt = state.pipeline(pipelineId).attempt() + 1;
    apply(new JobMasterEvent.PipelineAttemptStarted(pipelineId, attempt));
    requestSlots(pipelineId, attempt);
  }

  void requestSlots(int pipelineId, int attempt) {
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

  void onSlotAnswer(SlotAnswer answer) {
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

  void deploy(int pipelineId, int index, ActorRef<SplitProtocol> enumerator) {
    PipelineState p = state.pipeline(pipelineId);
    PipelinePlan plan = plan(pipelineId);
    JobDefinition def = state.definition();
    SlotProfile slot = p.slots().get(index);
    TaskGroupDescriptor descriptor = new TaskGroupDescriptor(
        new TaskGroupId(jobId, pipelineId, p.attempt(), index), def.jobName(), def.mode() == JobMode.STREAMING,
        def.parallelism(), plan.source(), plan.transforms(), plan.sinks(), def.readLimitRowsPerSecond(), slot, enumerator,
        restoreOf(p, index));
    taskExecutors(slot.worker()).tell(new TaskExecutorProtocol.DeployTaskGroup(descriptor));
  }

  // ---- task group reports ----

  void onTaskGroupState(TaskGroupStateChanged report) {
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
      case FINISHED -> {
        checkpointTaskFinished(id);
        onTaskEnded(id.pipelineId());
      }
      case CANCELED -> onTaskEnded(id.pipelineId());
      default -> { }
    }
    return;
  }

  void onTaskRunning(TaskGroupId id, ActorRef<SplitProtocol> enumerator) {
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
  void maybeRunning(int pipelineId) {
    PipelineState p = state.pipeline(pipelineId);
    boolean allStarted = !p.taskGroups().isEmpty() && p.taskGroups().values().stream()
        .allMatch(s -> s == JobStatus.RUNNING || s == JobStatus.FINISHED);
    if (p.status() == JobStatus.SCHEDULED && allStarted) {
      apply(new JobMasterEvent.PipelineStatusChanged(pipelineId, JobStatus.RUNNING, null));
      scheduleCheckpoints(pipelineId);
      if (state.status() == JobStatus.SCHEDULED || state.status() == JobStatus.PENDING) {
        reportJob(JobStatus.RUNNING, null);
      }
    }
  }

  void onTaskEnded(int pipelineId) {
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

  void onMetrics(TaskGroupMetrics update) {
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

  void onWorkerLost(WorkerLostNotice lost) {
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
}
