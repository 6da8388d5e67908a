package io.atoll.runtime.cli;

import io.atoll.protocol.job.JobSummary;
import io.atoll.protocol.job.Secrets;
import io.atoll.runtime.client.JobClient;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The end of {@code atoll run}'s job as the user sees it ({@link JobEndReport}): shown by the main
 * thread when the job ends by itself, or by {@link #onInterrupt()} from the JVM's shutdown hook on
 * Ctrl-C (SIGINT) or SIGTERM, which cancels the job and waits, bounded by {@link #CANCEL_TIMEOUT},
 * until it has ended CANCELED.
 */
final class LocalJobEnd {
  static final Duration CANCEL_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration STATUS_TIMEOUT = Duration.ofSeconds(5);

  private record Running(JobClient client, CompletableFuture<Long> submit, CompletableFuture<JobSummary> result,
      Secrets secrets) {}

  private final Progress progress;
  private final PrintWriter err;
  private final JobEndReport report;
  private volatile Running running;

  LocalJobEnd(Progress progress, PrintWriter out, PrintWriter err) {
    this.progress = progress;
    this.err = err;
    this.report = new JobEndReport(progress, out, err);
  }

  /**
   * The job is being submitted: from now on an interrupt cancels it, once the coordinator has
   * accepted it (a cancel sent before would find no job).
   *
   * @param submit completes with the job's id when the coordinator has accepted it
   * @param result completes with the job's end
   */
  void submitted(JobClient client, CompletableFuture<Long> submit, CompletableFuture<JobSummary> result,
      Secrets secrets) {
    running = new Running(client, submit, result, secrets);
  }

  /**
   * Shows the job's end, unless it was shown already.
   *
   * @return the run's exit code: 0 when the job FINISHED, else 1
   */
  int show(JobSummary end) {
    Running job = running;
    return report.show(end, job == null ? Secrets::maskUrls : job.secrets()::mask);
  }

  /**
   * Ctrl-C or SIGTERM: cancels the job if it still runs, waits for its end and shows it. Runs on the
   * shutdown hook's thread, before the node stops; never longer than {@link #CANCEL_TIMEOUT} and
   * {@link #STATUS_TIMEOUT}.
   */
  void onInterrupt() {
    progress.pause();
    Running job = running;
    if (job == null) {
      err.println("atoll: interrupted before the job was submitted; stopping the node (nothing of this run is kept)");
      err.flush();
      return;
    }
    long deadline = System.nanoTime() + CANCEL_TIMEOUT.toNanos();
    long jobId;
    try {
      jobId = job.submit().get(CANCEL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      err.println("atoll: interrupted; the job was not submitted: " + e.getCause().getMessage());
      err.flush();
      return;
    } catch (TimeoutException e) {
      err.println("atoll: interrupted; the job's submit got no answer within " + CANCEL_TIMEOUT.toSeconds()
          + " s: stopping the node (nothing of this run is kept)");
      err.flush();
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    if (!job.result().isDone()) {
      err.println("atoll: interrupted: cancelling job " + jobId + " (waiting up to "
          + CANCEL_TIMEOUT.toSeconds() + " s for it to end)");
      err.flush();
      job.client().cancel(jobId); // its reply is the job's end, awaited below
    }
    try {
      show(job.result().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
    } catch (TimeoutException e) {
      err.println("atoll: job " + jobId + " did not end within " + CANCEL_TIMEOUT.toSeconds()
          + " s of its cancel; stopping the node anyway");
      showLastKnown(job.client(), jobId);
    } catch (ExecutionException e) {
      err.println("atoll: lost track of job " + jobId + " while cancelling it: " + e.getCause().getMessage());
      showLastKnown(job.client(), jobId);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    err.flush();
  }

  /** The statistics as far as the job got, when its end did not come in time. */
  private void showLastKnown(JobClient client, long jobId) {
    try {
      client.status(jobId).toCompletableFuture()
          .get(STATUS_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
          .ifPresent(this::show);
    } catch (ExecutionException | TimeoutException e) {
      err.println("atoll: no statistics for job " + jobId + ": its status could not be read (" + e + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
