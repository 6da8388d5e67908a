package io.atoll.runtime.cli;

import io.atoll.protocol.job.JobSummary;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** The closing block of a run, in SeaTunnel's "Job Statistic Information" layout. */
final class JobStatistics {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

  private JobStatistics() {}

  static void print(JobSummary job, PrintWriter out) {
    long end = job.finishTime() > 0 ? job.finishTime() : System.currentTimeMillis();
    long failed = Math.max(0, job.metrics().rowsRead() - job.metrics().rowsWritten());
    String rule = "***********************************************";
    out.println(rule);
    out.println("           Job Statistic Information");
    out.println(rule);
    out.printf("%-26s: %s%n", "Job Id", job.jobId());
    out.printf("%-26s: %s%n", "Job Status", job.status());
    out.printf("%-26s: %s%n", "Start Time", TIME.format(Instant.ofEpochMilli(job.createTime())));
    out.printf("%-26s: %s%n", "End Time", TIME.format(Instant.ofEpochMilli(end)));
    out.printf("%-26s: %d%n", "Total Time(s)", Math.round((end - job.createTime()) / 1000.0));
    out.printf("%-26s: %d%n", "Total Read Count", job.metrics().rowsRead());
    out.printf("%-26s: %d%n", "Total Write Count", job.metrics().rowsWritten());
    out.printf("%-26s: %d%n", "Total Failed Count", failed);
    out.println(rule);
    out.flush();
  }
}
