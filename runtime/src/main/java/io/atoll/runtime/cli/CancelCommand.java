package io.atoll.runtime.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code atoll cancel --cluster HOST:PORT JOB_ID}: asks the cluster to cancel a job, through
 * SeaTunnel's {@code POST /stop-job}. It returns once the cancel is accepted; the job then ends
 * CANCELED as its tasks stop ({@code atoll status} shows when). With {@code --savepoint}
 * ({@code isStopWithSavePoint}) it returns once the job has taken its savepoint and ended
 * SAVEPOINT_DONE, or says why it could not (the job then goes on running, or ended otherwise).
 */
@Command(
    name = "cancel",
    mixinStandardHelpOptions = true,
    description = "Cancel a job of a running cluster.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:the cancel was accepted (with --savepoint: the job ended SAVEPOINT_DONE)",
        "1:no such job, the job already ended, the savepoint failed, or the cluster could not be reached",
        "2:a wrong flag or job id"})
public final class CancelCommand extends ClusterCommand {
  @Parameters(index = "0", paramLabel = "JOB_ID", description = "the job's id, as submit and list show it")
  long jobId;

  @Option(names = "--savepoint", description = "stop the job after a savepoint (a final checkpoint its sinks commit);"
      + " `atoll submit --restore JOB_ID JOBFILE` continues it from there")
  boolean savepoint;

  @Override
  int run(ClusterClient client, PrintWriter out, PrintWriter err) {
    String body = "{\"jobId\": " + jobId + ", \"isStopWithSavePoint\": " + savepoint + "}";
    ClusterClient.Reply reply = savepoint
        ? client.post("/stop-job", "application/json", body, SAVEPOINT_WAIT)
        : client.post("/stop-job", "application/json", body);
    if (!reply.ok()) {
      err.println("atoll: cannot " + (savepoint ? "stop job " + jobId + " with a savepoint" : "cancel job " + jobId)
          + ": " + reply.message() + " (HTTP " + reply.status() + ")");
      return 1;
    }
    out.println(savepoint ? "job " + jobId + " stopped with a savepoint (SAVEPOINT_DONE); continue it with"
        + " atoll submit --restore " + jobId + " JOBFILE" : "cancelling job " + jobId);
    return 0;
  }

  /** A little longer than the REST API waits for a savepoint, so its own answer comes first. */
  static final java.time.Duration SAVEPOINT_WAIT = java.time.Duration.ofMinutes(3).plusSeconds(15);
}
