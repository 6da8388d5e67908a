package io.atoll.runtime.cli;

import io.atoll.protocol.job.JobStatus;
import io.atoll.protocol.job.JobSummary;
import java.io.PrintWriter;
import java.util.function.UnaryOperator;

/**
 * A job's end as {@code run} and {@code submit} show it, exactly once: the last progress frame,
 * SeaTunnel's statistics and, unless the job FINISHED, its status and reason on stderr (a job
 * stopped with a savepoint gets how to resume it on stdout instead). Once,
 * because two threads may get there: the main thread whose wait ended, and a Ctrl-C shutdown hook
 * that cancelled the job (the JVM is ending then, so the main thread's {@code System.exit} never
 * returns). The second waits until the first has printed, then prints nothing.
 */
final class JobEndReport {
  private final Progress progress;
  private final PrintWriter out;
  private final PrintWriter err;
  private boolean shown; // guarded by this

  JobEndReport(Progress progress, PrintWriter out, PrintWriter err) {
    this.progress = progress;
    this.out = out;
    this.err = err;
  }

  /**
   * @param mask hides the job's secrets in its error message
   * @return the command's exit code: 0 when the job FINISHED or was stopped with a savepoint, else 1
   */
  synchronized int show(JobSummary end, UnaryOperator<String> mask) {
    if (!shown) {
      shown = true;
      progress.done(end);
      JobStatistics.print(end, out);
      if (end.status() == JobStatus.SAVEPOINT_DONE) {
        // a stop someone asked for, with its state kept: not a failure (SeaTunnel's client exits 0 too)
        out.println("atoll: job " + end.jobId() + " stopped with a savepoint; resume it with"
            + " atoll submit --restore " + end.jobId() + " JOBFILE");
      } else if (end.status() != JobStatus.FINISHED) {
        err.println("atoll: job " + end.jobId() + " " + end.status()
            + (end.errorMessage() == null ? "" : ": " + mask.apply(end.errorMessage())));
      }
      out.flush();
      err.flush();
    }
    return exitCode(end.status());
  }

  static int exitCode(JobStatus status) {
    return status == JobStatus.FINISHED || status == JobStatus.SAVEPOINT_DONE ? 0 : 1;
  }

  synchronized boolean shown() {
    return shown;
  }
}
