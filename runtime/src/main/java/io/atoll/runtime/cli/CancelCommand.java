package io.atoll.runtime.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code atoll cancel --cluster HOST:PORT JOB_ID}: asks the cluster to cancel a job, through
 * SeaTunnel's {@code POST /stop-job}. It returns once the cancel is accepted; the job then ends
 * CANCELED as its tasks stop ({@code atoll status} shows when).
 */
@Command(
    name = "cancel",
    mixinStandardHelpOptions = true,
    description = "Cancel a job of a running cluster.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:the cancel was accepted", "1:no such job, the job already ended, or the cluster could not be reached",
        "2:a wrong flag or job id"})
public final class CancelCommand extends ClusterCommand {
  @Parameters(index = "0", paramLabel = "JOB_ID", description = "the job's id, as submit and list show it")
  long jobId;

  @Override
  int run(ClusterClient client, PrintWriter out, PrintWriter err) {
    String body = "{\"jobId\": " + jobId + ", \"isStopWithSavePoint\": false}";
    ClusterClient.Reply reply = client.post("/stop-job", "application/json", body);
    if (!reply.ok()) {
      err.println("atoll: cannot cancel job " + jobId + ": " + reply.message() + " (HTTP " + reply.status() + ")");
      return 1;
    }
    out.println("cancelling job " + jobId);
    return 0;
  }
}
