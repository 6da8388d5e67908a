package io.atoll.protocol.job;

import io.atoll.protocol.WireMessage;
import java.util.Objects;

/**
 * What the coordinator knows of one job: enough for {@code list}, {@code status}, the REST API's
 * job lists and a run's closing statistics.
 *
 * @param finishTime epoch ms, 0 while the job runs
 * @param errorMessage why the job failed or was cancelled; null otherwise
 */
public record JobSummary(
    long jobId,
    String jobName,
    JobStatus status,
    long createTime,
    long finishTime,
    String errorMessage,
    JobMetrics metrics,
    JobDefinition definition)
    implements WireMessage {
  public JobSummary {
    Objects.requireNonNull(jobName, "jobName");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(metrics, "metrics");
  }

  public JobSummary with(JobStatus newStatus, String error, long now) {
    return new JobSummary(jobId, jobName, newStatus, createTime,
        newStatus.isTerminal() ? now : finishTime, error == null ? errorMessage : error, metrics, definition);
  }

  public JobSummary withMetrics(JobMetrics newMetrics) {
    return new JobSummary(jobId, jobName, status, createTime, finishTime, errorMessage, newMetrics, definition);
  }
}
