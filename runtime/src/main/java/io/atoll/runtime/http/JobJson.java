package io.atoll.runtime.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atoll.protocol.job.JobDefinition;
import io.atoll.protocol.job.JobMetrics;
import io.atoll.protocol.job.JobSummary;
import io.atoll.protocol.job.Secrets;
import io.atoll.runtime.job.config.Problem;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The job bodies of the REST API, in SeaTunnel REST API v2's shapes: job ids and metric values
 * are JSON strings (an 18-digit id does not survive a JavaScript number), times are
 * {@code yyyy-MM-dd HH:mm:ss} in the master's time zone, metrics carry SeaTunnel's names.
 */
final class JobJson {
  static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

  private JobJson() {}

  /** {@code POST /submit-job}'s answer. */
  /** With {@code warnings} (origin, line, where, message each) when the parser had any; SeaTunnel's shape otherwise. */
  static ObjectNode submitted(long jobId, String jobName, List<Problem> warnings) {
    ObjectNode o = Json.object();
    o.put("jobId", Long.toString(jobId));
    o.put("jobName", jobName);
    if (!warnings.isEmpty()) {
      ArrayNode array = o.putArray("warnings");
      for (Problem w : warnings) {
        array.addObject().put("origin", w.origin()).put("line", w.line()).put("where", w.where())
            .put("message", w.message());
      }
    }
    return o;
  }

  /** {@code POST /stop-job}'s answer. */
  static ObjectNode stopped(long jobId) {
    ObjectNode o = Json.object();
    o.put("jobId", Long.toString(jobId));
    return o;
  }

  /** An element of {@code GET /running-jobs}. */
  static ObjectNode running(JobSummary job, long now) {
    ObjectNode o = common(job, now);
    o.set("envOptions", env(job.definition()));
    o.putArray("pluginJarsUrls");
    o.put("isStartWithSavePoint", false);
    return o;
  }

  /**
   * {@code GET /job-info/{jobId}} (and {@code /running-job/{jobId}}), as SeaTunnel's handler answers
   * it: a job not yet ended as an element of {@code /running-jobs} (with {@code envOptions},
   * {@code pluginJarsUrls}, {@code isStartWithSavePoint}), an ended one as an element of
   * {@code /finished-jobs} (with {@code errorMsg} and {@code finishTime}).
   */
  static ObjectNode info(JobSummary job, long now) {
    return job.status().isTerminal() ? finished(job) : running(job, now);
  }

  /** SeaTunnel's answer for a job id it does not know: 200 with the id alone. */
  static ObjectNode unknown(long jobId) {
    ObjectNode o = Json.object();
    o.put("jobId", Long.toString(jobId));
    return o;
  }

  /** An element of {@code GET /finished-jobs[/state]}. */
  static ObjectNode finished(JobSummary job) {
    ObjectNode o = common(job, job.finishTime());
    o.put("errorMsg", Secrets.of(job.definition()).mask(job.errorMessage()));
    o.put("finishTime", time(job.finishTime()));
    o.putArray("pluginJarsUrls");
    return o;
  }

  private static ObjectNode common(JobSummary job, long now) {
    ObjectNode o = Json.object();
    o.put("jobId", Long.toString(job.jobId()));
    o.put("jobName", job.jobName());
    o.put("jobStatus", job.status().name());
    o.put("createTime", time(job.createTime()));
    o.set("jobDag", JobDag.of(job.jobId(), job.definition()));
    o.set("metrics", metrics(job, now));
    return o;
  }

  /** The env as the job file gave it (every value a string), sorted by key; passwords masked ({@link Secrets}). */
  static ObjectNode env(JobDefinition definition) {
    ObjectNode o = Json.object();
    if (definition != null) {
      Secrets.of(definition).maskValues(definition.env()).forEach(o::put);
    }
    return o;
  }

  /**
   * SeaTunnel's job metrics. Atoll counts per job, not per table, so the {@code Table*} breakdowns
   * are present (clients index them) but empty. Rates are averages over the job's run time so far,
   * not SeaTunnel's moving rates.
   */
  static ObjectNode metrics(JobSummary job, long now) {
    JobMetrics m = job.metrics();
    long end = job.finishTime() > 0 ? job.finishTime() : now;
    double seconds = Math.max(1, end - job.createTime()) / 1000.0;
    ObjectNode o = Json.object();
    o.put("SourceReceivedCount", Long.toString(m.rowsRead()));
    o.put("SourceReceivedQPS", rate(m.rowsRead(), seconds));
    o.put("SourceReceivedBytes", Long.toString(m.bytesRead()));
    o.put("SourceReceivedBytesPerSeconds", rate(m.bytesRead(), seconds));
    o.put("SinkWriteCount", Long.toString(m.rowsWritten()));
    o.put("SinkWriteQPS", rate(m.rowsWritten(), seconds));
    o.put("SinkWriteBytes", Long.toString(m.bytesWritten()));
    o.put("SinkWriteBytesPerSeconds", rate(m.bytesWritten(), seconds));
    for (String table : new String[] {"TableSourceReceivedCount", "TableSourceReceivedBytes",
        "TableSourceReceivedBytesPerSeconds", "TableSourceReceivedQPS", "TableSinkWriteCount",
        "TableSinkWriteQPS", "TableSinkWriteBytes", "TableSinkWriteBytesPerSeconds"}) {
      o.putObject(table);
    }
    return o;
  }

  static String time(long epochMillis) {
    return TIME.format(Instant.ofEpochMilli(epochMillis));
  }

  private static String rate(long amount, double seconds) {
    return String.format(Locale.ROOT, "%.2f", amount / seconds);
  }
}
