package io.atoll.persistence.job;

import io.atoll.protocol.WireMessage;
import io.atoll.protocol.job.JobMetrics;
import io.atoll.protocol.job.JobStatus;
import io.atoll.protocol.job.JobSummary;

/** What the JobCoordinator records; applied by {@link CoordinatorState#apply}. Append-only. */
public sealed interface CoordinatorEvent extends WireMessage {
  record JobSubmitted(JobSummary job) implements CoordinatorEvent {}

  /** The job left the queue: its JobMaster was started. */
  record JobAdmitted(long jobId) implements CoordinatorEvent {}

  record JobStatusUpdated(long jobId, JobStatus status, String error, JobMetrics metrics, long time)
      implements CoordinatorEvent {}

  /**
   * A job that ended SAVEPOINT_DONE was submitted again with isStartWithSavePoint: its summary starts
   * over (PENDING) and its JobMaster restores it at once; it does not queue (the JobMaster waits for
   * slots itself).
   */
  record JobRestoreSubmitted(JobSummary job) implements CoordinatorEvent {}

  /** A finished job dropped out of history after {@code history-job-expire-minutes}. */
  record JobExpired(long jobId) implements CoordinatorEvent {}
}
