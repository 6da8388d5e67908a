package io.atoll.runtime.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.atoll.protocol.job.JobMetrics;
import io.atoll.protocol.job.JobStatus;
import io.atoll.protocol.job.JobSummary;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Reads a job of the REST API ({@code /job-info}, {@code /running-jobs}, {@code /finished-jobs})
 * back into a {@link JobSummary}, so the cluster commands print progress and statistics with the
 * same code as {@code atoll run}. Times are read in this machine's zone, and {@link JobStatistics}
 * prints them in it again, so they show as the master wrote them.
 */
final class JobInfoJson {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private JobInfoJson() {}

  /**
   * Whether {@code /job-info/{id}} answered for a job the cluster does not know: SeaTunnel answers
   * such an id with 200 and only {@code {"jobId": ...}}, Atoll with 404.
   */
  static boolean unknownJob(JsonNode job) {
    return !job.hasNonNull("jobStatus");
  }

  /** The job's summary, without its definition. @throws ClusterException for a malformed job */
  static JobSummary summary(JsonNode job) {
    long jobId = number(job, "jobId", job.get("jobId"));
    if (!job.has("jobStatus")) { // SeaTunnel's answer (200, the id alone) for a job the cluster does not know
      throw new ClusterException("no job " + jobId + " on the cluster (never submitted, or expired from its job "
          + "history); 'atoll list' shows the known jobs");
    }
    String status = job.path("jobStatus").asText();
    JobStatus jobStatus;
    try {
      jobStatus = JobStatus.valueOf(status);
    } catch (IllegalArgumentException e) {
      throw new ClusterException("job " + jobId + " has status '" + status + "', which this client does not know");
    }
    JsonNode metrics = job.path("metrics");
    JobMetrics counts = new JobMetrics(
        number(job, "SourceReceivedCount", metrics.get("SourceReceivedCount")),
        number(job, "SourceReceivedBytes", metrics.get("SourceReceivedBytes")),
        number(job, "SinkWriteCount", metrics.get("SinkWriteCount")),
        number(job, "SinkWriteBytes", metrics.get("SinkWriteBytes")));
    JsonNode error = job.get("errorMsg");
    return new JobSummary(jobId, job.path("jobName").asText(""), jobStatus, time(job, "createTime"),
        time(job, "finishTime"), error == null || error.isNull() ? null : error.asText(), counts, null);
  }

  /** A number the API writes as a string (or as a number); absent counts as 0. */
  private static long number(JsonNode job, String field, JsonNode value) {
    if (value == null || value.isNull()) {
      return 0;
    }
    try {
      return Long.parseLong(value.asText().trim());
    } catch (NumberFormatException e) {
      throw new ClusterException("the cluster sent '" + value.asText() + "' as " + field + " of job "
          + job.path("jobId").asText() + "; expected a whole number");
    }
  }

  /** Epoch millis of a {@code yyyy-MM-dd HH:mm:ss} field; absent (a running job's end) is 0. */
  private static long time(JsonNode job, String field) {
    JsonNode value = job.get(field);
    if (value == null || value.isNull() || value.asText().isBlank()) {
      return 0;
    }
    try {
      return LocalDateTime.parse(value.asText(), TIME).atZone(ZoneId.systemDefault()).toInstant().toEpochMilli();
    } catch (DateTimeParseException e) {
      throw new ClusterException("the cluster sent '" + value.asText() + "' as " + field + " of job "
          + job.path("jobId").asText() + "; expected yyyy-MM-dd HH:mm:ss");
    }
  }
}
