package io.atoll.runtime.cli;

import io.atoll.protocol.job.JobSummary;
import java.io.Console;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Ctrl-C (SIGINT) or SIGTERM while {@code atoll submit} waits for its job: the job runs on the
 * cluster, not in this process, so ending the client need not end the job. What happens is
 * {@code --on-interrupt}: {@code ask} (the default) asks on the terminal whether to cancel the job
 * and detaches unless the answer is yes (or none comes within {@link #ANSWER_TIMEOUT}); without a
 * terminal there is nobody to ask, so it detaches and says so. {@code cancel} cancels without
 * asking (SeaTunnel's {@code seatunnel.sh}, whose {@code --close-job} defaults to true), {@code
 * detach} never cancels. A cancel goes through {@code POST /stop-job} and waits, bounded by
 * {@link #CANCEL_WAIT}, for the job's CANCELED end, shown as at a normal end. Detaching prints how
 * to follow the job. Runs on the JVM's shutdown hook thread; the JVM then exits 130 (143 for
 * SIGTERM).
 */
final class SubmitInterrupt {
  static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);
  static final Duration CANCEL_WAIT = Duration.ofSeconds(60);

  /** {@code --on-interrupt}. */
  enum Mode { ASK, CANCEL, DETACH }

  enum Choice { CANCEL, DETACH }

  private final ClusterClient client;
  private final String cluster;
  private final long jobId;
  private final Mode mode;
  private final Console console;
  private final CompletableFuture<JobSummary> end;
  private final JobEndReport report;
  private final UnaryOperator<String> mask;
  private final Progress progress;
  private final PrintWriter err;

  /**
   * @param cluster the {@code --cluster} value as typed, for the commands printed on detaching
   * @param console the terminal to ask on, or null
   * @param end the main thread's watch of the job, which a cancel ends
   */
  SubmitInterrupt(ClusterClient client, String cluster, long jobId, Mode mode, Console console,
      CompletableFuture<JobSummary> end, JobEndReport report, UnaryOperator<String> mask, Progress progress,
      PrintWriter err) {
    this.client = client;
    this.cluster = cluster;
    this.jobId = jobId;
    this.mode = mode;
    this.console = console;
    this.end = end;
    this.report = report;
    this.mask = mask;
    this.progress = progress;
    this.err = err;
  }

  /**
   * What to do with the job: {@code answer} is asked only in {@link Mode#ASK} with a terminal, and
   * only "y" or "yes" (any case) cancels; no answer detaches.
   */
  static Choice decide(Mode mode, boolean terminal, Supplier<Optional<String>> answer) {
    return switch (mode) {
      case CANCEL -> Choice.CANCEL;
      case DETACH -> Choice.DETACH;
      case ASK -> terminal && answer.get()
          .map(a -> a.strip().toLowerCase(Locale.ROOT))
          .filter(a -> a.equals("y") || a.equals("yes"))
          .isPresent() ? Choice.CANCEL : Choice.DETACH;
    };
  }

  /** The shutdown hook's work. */
  void run() {
    if (end.isDone() || report.shown()) {
      return; // the job ended as the signal came: the main thread shows that end
    }
    progress.pause();
    Choice choice = decide(mode, console != null, this::ask);
    if (choice == Choice.CANCEL) {
      cancel();
    } else {
      err.println("atoll: detached from job " + jobId + ", which keeps running on the cluster at " + client.base()
          + (mode == Mode.ASK && console == null ? " (no terminal to ask whether to cancel it; "
              + "--on-interrupt=cancel cancels it on Ctrl-C)" : "")
          + ": follow it with 'atoll status " + jobId + " --cluster " + cluster + "', cancel it with 'atoll cancel "
          + jobId + " --cluster " + cluster + "'");
    }
    err.flush();
  }

  private Optional<String> ask() {
    err.flush();
    console.printf("%ncancel job %d on the cluster? [y/N] ", jobId);
    console.flush();
    // Console.readLine cannot time out: it is read on a daemon thread of its own (not the common
    // pool's, which the job's watch needs), left blocked if no answer comes; the JVM is ending anyway.
    CompletableFuture<String> line = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try {
        line.complete(console.readLine());
      } catch (RuntimeException | Error e) {
        line.completeExceptionally(e);
      }
    }, "atoll-submit-answer");
    reader.setDaemon(true);
    reader.start();
    try {
      return Optional.ofNullable(line.get(ANSWER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
    } catch (TimeoutException e) {
      console.printf("%nno answer within %d s%n", ANSWER_TIMEOUT.toSeconds());
      return Optional.empty();
    } catch (ExecutionException e) {
      return Optional.empty(); // the terminal went away
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  private void cancel() {
    err.println("atoll: cancelling job " + jobId + " on the cluster at " + client.base() + " (waiting up to "
        + CANCEL_WAIT.toSeconds() + " s for it to end)");
    err.flush();
    try {
      ClusterClient.Reply reply = client.post("/stop-job", "application/json",
          "{\"jobId\": " + jobId + ", \"isStopWithSavePoint\": false}");
      if (!reply.ok() && !end.isDone()) {
        err.println("atoll: the cluster did not cancel job " + jobId + ": " + reply.message() + " (HTTP "
            + reply.status() + "); it may still run: 'atoll status " + jobId + " --cluster " + cluster + "'");
        return;
      }
      report.show(end.get(CANCEL_WAIT.toMillis(), TimeUnit.MILLISECONDS), mask);
    } catch (ClusterException e) {
      err.println("atoll: could not cancel job " + jobId + ": " + e.getMessage() + "; it may still run: 'atoll status "
          + jobId + " --cluster " + cluster + "'");
    } catch (TimeoutException e) {
      err.println("atoll: job " + jobId + " did not end within " + CANCEL_WAIT.toSeconds()
          + " s of its cancel; follow it with 'atoll status " + jobId + " --cluster " + cluster + "'");
    } catch (ExecutionException e) {
      err.println("atoll: lost track of job " + jobId + " after cancelling it: " + e.getCause().getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
