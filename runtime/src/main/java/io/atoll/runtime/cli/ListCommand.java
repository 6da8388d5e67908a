package io.atoll.runtime.cli;

import io.atoll.protocol.job.JobSummary;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code atoll list --cluster HOST:PORT}: the cluster's running jobs, then its ended ones, as a table. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "List the jobs of a running cluster: running ones first, then those that ended.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:the jobs were listed", "1:the cluster could not be reached or answered an error", "2:a wrong flag"})
public final class ListCommand extends ClusterCommand {
  static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());
  private static final String[] HEADER = {"JOB ID", "NAME", "STATUS", "CREATED", "ENDED", "READ", "WRITTEN"};

  @Override
  int run(ClusterClient client, PrintWriter out, PrintWriter err) {
    List<JobSummary> jobs = new ArrayList<>(jobs(client, "/running-jobs"));
    jobs.addAll(jobs(client, "/finished-jobs"));
    if (jobs.isEmpty()) {
      out.println("no jobs on the cluster at " + client.base());
      return 0;
    }
    List<String[]> rows = new ArrayList<>();
    rows.add(HEADER);
    for (JobSummary job : jobs) {
      rows.add(new String[] {
        Long.toString(job.jobId()), job.jobName(), job.status().name(), time(job.createTime()),
        time(job.finishTime()), Long.toString(job.metrics().rowsRead()), Long.toString(job.metrics().rowsWritten())
      });
    }
    print(rows, out);
    return 0;
  }

  private static List<JobSummary> jobs(ClusterClient client, String path) {
    ClusterClient.Reply reply = client.get(path);
    if (!reply.ok() || !reply.body().isArray()) {
      throw new ClusterException("GET " + path + " on " + client.base() + " failed: " + reply.message()
          + " (HTTP " + reply.status() + ")");
    }
    List<JobSummary> jobs = new ArrayList<>();
    reply.body().forEach(job -> jobs.add(JobInfoJson.summary(job)));
    return jobs;
  }

  static String time(long epochMillis) {
    return epochMillis == 0 ? "-" : TIME.format(Instant.ofEpochMilli(epochMillis));
  }

  /** Columns as wide as their widest cell, two spaces apart. */
  private static void print(List<String[]> rows, PrintWriter out) {
    int[] widths = new int[HEADER.length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        line.append(i == row.length - 1 ? row[i] : String.format("%-" + widths[i] + "s  ", row[i]));
      }
      out.println(line.toString().stripTrailing());
    }
  }
}
