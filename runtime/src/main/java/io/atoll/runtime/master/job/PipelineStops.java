package io.atoll.runtime.master.job;

import akka.actor.typed.ActorRef;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.TimerScheduler;
import io.atoll.persistence.job.JobMasterEvent;
import io.atoll.persistence.job.PipelineState;
import io.atoll.protocol.execution.JobMasterProtocol.CancelJob;
import io.atoll.protocol.execution.TaskExecutorProtocol;
import io.atoll.protocol.execution.TaskGroupId;
import io.atoll.protocol.job.JobCoordinatorProtocol;
import io.atoll.protocol.job.JobStatus;
import io.atoll.protocol.resource.ResourceManagerProtocol;
import io.atoll.protocol.resource.SlotProfile;
import io.atoll.runtime.config.JobSettings;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

/** A job master's failure handling: failing, stopping, retrying and cancelling pipelines, ending the job. */
abstract class PipelineStops extends PipelineCheckpoints {
  PipelineStops(
      ActorContext<Object> context,
      long jobId,
      JobSettings settings,
      ActorRef<ResourceManagerProtocol> resourceManager,
      ActorRef<JobCoordinatorProtocol> coordinator,
      Function<String, ActorRef<TaskExecutorProtocol>> taskExecutors,
      TimerScheduler<Object> timers) {
    super(context, jobId, settings, resourceManager, coordinator, taskExecutors, timers);
  }

  @Override
  void pipelineFailed(int pipelineId, String error) {
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
  void stopPipeline(int pipelineId, String reason) {
    forgetCheckpoints(pipelineId);
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

  void onCancelTimedOut(CancelTimedOut timeout) {
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
  void pipelineStopped(int pipelineId) {
    timers.cancel("cancel-" + pipelineId);
    releaseSlots(pipelineId);
    PipelineState p = state.pipeline(pipelineId);
    if (p.status() == JobStatus.CANCELING) {
      apply(new JobMasterEvent.PipelineStatusChanged(pipelineId, JobStatus.CANCELED, null));
      maybeEndJob();
      return;
    }
    int retriesUsed = p.retriesUsed();
    if (state.status() != JobStatus.FAILING && retriesUsed < state.definition().retryTimes()) {
      apply(new JobMasterEvent.PipelineStatusChanged(pipelineId, JobStatus.PENDING, null));
      context.getLog().info("job {} pipeline {}: restarting (retry {} of {}) in {} s, {}", jobId, pipelineId,
          retriesUsed + 1, state.definition().retryTimes(), state.definition().retryIntervalSeconds(),
          p.checkpoint() == null ? "from the start (no checkpoint completed)"
              : "from checkpoint " + p.checkpoint().checkpointId());
      timers.startSingleTimer("restart-" + pipelineId, new RestartPipeline(pipelineId),
          java.time.Duration.ofSeconds(state.definition().retryIntervalSeconds()));
      return;
    }
    apply(new JobMasterEvent.PipelineStatusChanged(pipelineId, JobStatus.FAILED, null));
    failJob(state.pipeline(pipelineId).error());
  }

  void onCancel(CancelJob cancel) {
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
  void failJob(String error) {
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

  void maybeEndJob() {
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
}
