package io.atoll.runtime.cli;

import io.atoll.protocol.job.JobSummary;
import io.atoll.protocol.job.Secrets;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code atoll status --cluster HOST:PORT JOB_ID}: one job's state and counters. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = "Show the state and row counts of one job of a running cluster.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:the job was shown (whatever its state)", "1:no such job, or the cluster could not be reached",
        "2:a wrong flag or job id"})
public final class StatusCommand extends ClusterCommand {
  @Parameters(index = "0", paramLabel = "JOB_ID", description = "the job's id, as submit and list show it")
  long jobId;

  @Override
  int run(ClusterClient client, PrintWriter out, PrintWriter err) {
    ClusterClient.Reply reply = client.get("/job-info/" + jobId);
    if (reply.status() == 404 || (reply.ok() && JobInfoJson.unknownJob(reply.body()))) {
      err.println("atoll: no job " + jobId + " on the cluster at " + client.base()
          + " (never submitted, or expired from its job history); 'atoll list --cluster " + cluster
          + "' lists the jobs it knows");
      return 1;
    }
    if (!reply.ok()) {
      err.println("atoll: cannot show job " + jobId + ": the cluster at " + client.base() + " answered "
          + reply.message() + " (HTTP " + reply.status() + "); 'atoll list --cluster " + cluster
          + "' lists the jobs it knows");
      return 1;
    }
    JobSummary job = JobInfoJson.summary(reply.body());
    out.printf("%-12s: %d%n", "Job Id", job.jobId());
    out.printf("%-12s: %s%n", "Job Name", job.jobName());
    out.printf("%-12s: %s%n", "Job Status", job.status());
    out.printf("%-12s: %s%n", "Created", ListCommand.time(job.createTime()));
    out.printf("%-12s: %s%n", "Ended", ListCommand.time(job.finishTime()));
    out.printf("%-12s: %d%n", "Read Count", job.metrics().rowsRead());
    out.printf("%-12s: %d%n", "Write Count", job.metrics().rowsWritten());
    if (job.errorMessage() != null) {
      out.printf("%-12s: %s%n", "Error", Secrets.maskUrls(job.errorMessage())); // the cluster masks the rest
    }
    return 0;
  }
}
