package io.atoll.protocol.event;

import io.atoll.protocol.WireMessage;

/**
 * What a {@link JobEvent} reports. The {@code LIFECYCLE_*} names are Apache SeaTunnel's
 * ({@code org.apache.seatunnel.api.event.EventType}), so receivers written for SeaTunnel read them
 * unchanged; the others name the job, pipeline, task, checkpoint or worker and what happened to it.
 * Stored in the journal and posted as text: never rename a constant, add new ones at the end.
 */
public enum EventType implements WireMessage {
  JOB_SUBMITTED,
  JOB_FINISHED,
  JOB_FAILED,
  JOB_CANCELED,
  PIPELINE_SCHEDULED,
  PIPELINE_RUNNING,
  PIPELINE_FINISHED,
  PIPELINE_FAILED,
  PIPELINE_CANCELED,
  TASK_SCHEDULED,
  TASK_RUNNING,
  TASK_FINISHED,
  TASK_FAILED,
  TASK_CANCELED,
  LIFECYCLE_ENUMERATOR_OPEN,
  LIFECYCLE_ENUMERATOR_CLOSE,
  LIFECYCLE_READER_OPEN,
  LIFECYCLE_READER_CLOSE,
  LIFECYCLE_WRITER_CLOSE,
  CHECKPOINT_COMPLETED,
  CHECKPOINT_FAILED,
  WORKER_LOST,
  JOB_SCHEDULED,
  JOB_RUNNING
}
