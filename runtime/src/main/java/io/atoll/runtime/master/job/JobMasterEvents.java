package io.atoll.runtime.master.job;

import io.atoll.persistence.job.JobMasterEvent;
import io.atoll.protocol.event.EventType;
import io.atoll.protocol.event.JobEvent;
import io.atoll.protocol.execution.TaskGroupId;
import java.util.Optional;

/**
 * Which lifecycle event (if any) a job master's journal event announces. Pure, so the mapping is
 * tested apart; {@link Step#record} turns the result into a Publish effect, performed once the journal event is persisted.
 * A pipeline is reported failed when it starts failing (the reason is known then); whether it is
 * retried shows in the PIPELINE_SCHEDULED that follows.
 */
final class JobMasterEvents {
  private JobMasterEvents() {}

  static Optional<JobEvent> announce(long jobId, JobMasterEvent event) {
    if (event instanceof JobMasterEvent.PipelineSlotsAssigned e) {
      return Optional.of(JobEvent.pipeline(EventType.PIPELINE_SCHEDULED, jobId, e.pipelineId(), null));
    }
    if (event instanceof JobMasterEvent.PipelineStatusChanged e) {
      EventType type = switch (e.status()) {
        case RUNNING -> EventType.PIPELINE_RUNNING;
        case FINISHED -> EventType.PIPELINE_FINISHED;
        case FAILING -> EventType.PIPELINE_FAILED;
        case CANCELED -> EventType.PIPELINE_CANCELED;
        default -> null;
      };
      return Optional.ofNullable(type).map(t -> JobEvent.pipeline(t, jobId, e.pipelineId(), e.error()));
    }
    if (event instanceof JobMasterEvent.TaskGroupStateRecorded e) {
      EventType type = switch (e.state()) {
        case SCHEDULED -> EventType.TASK_SCHEDULED;
        case RUNNING -> EventType.TASK_RUNNING;
        case FINISHED -> EventType.TASK_FINISHED;
        case FAILED -> EventType.TASK_FAILED;
        case CANCELED -> EventType.TASK_CANCELED;
        default -> null;
      };
      return Optional.ofNullable(type)
          .map(t -> JobEvent.task(t, new TaskGroupId(jobId, e.pipelineId(), e.attempt(), e.index()), null));
    }
    if (event instanceof JobMasterEvent.CheckpointCompleted e) {
      return Optional.of(JobEvent.checkpoint(EventType.CHECKPOINT_COMPLETED, jobId, e.pipelineId(),
          e.checkpoint().checkpointId(), null));
    }
    return Optional.empty();
  }
}
