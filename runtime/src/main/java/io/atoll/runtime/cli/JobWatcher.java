package io.atoll.runtime.cli;

import io.atoll.protocol.job.JobSummary;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Follows a submitted job over REST until it ends: {@code GET /job-info/{id}} once per interval,
 * each call bounded by the client's timeouts. Polls are chained on a delayed executor rather than
 * a sleeping loop, so the only thread that waits is the caller's, once, for the end.
 *
 * <p>A master failover makes the API unreachable or answer 503 for a few seconds; that is waited
 * out for up to {@code patience}, then the last failure ends the watch.
 */
final class JobWatcher {
  private final ClusterClient client;
  private final long jobId;
  private final Executor delay;
  private final Duration interval;
  private final Duration patience;
  private final Consumer<JobSummary> onUpdate;

  JobWatcher(ClusterClient client, long jobId, Duration interval, Duration patience, Consumer<JobSummary> onUpdate) {
    this.client = client;
    this.jobId = jobId;
    this.delay = CompletableFuture.delayedExecutor(interval.toMillis(), TimeUnit.MILLISECONDS);
    this.interval = interval;
    this.patience = patience;
    this.onUpdate = onUpdate;
  }

  /** Completes with the job's final summary, or fails with a {@link ClusterException}. */
  CompletableFuture<JobSummary> end() {
    return poll(0);
  }

  /** @param failingSince when the current run of failed polls began (System.nanoTime), 0 if none */
  private CompletableFuture<JobSummary> poll(long failingSince) {
    return client.getAsync("/job-info/" + jobId).handle((reply, failure) -> {
      if (failure == null && (reply.status() == 404 || reply.ok() && JobInfoJson.unknownJob(reply.body()))) {
        throw new ClusterException("lost track of job " + jobId + ": the cluster at " + client.base()
            + " no longer knows it (its job history expired, or it runs on another cluster); 'atoll list --cluster "
            + client.base().getAuthority() + "' lists the jobs it knows");
      }
      if (failure == null && reply.ok()) {
        JobSummary job = JobInfoJson.summary(reply.body());
        onUpdate.accept(job);
        return job.status().isTerminal() ? CompletableFuture.completedFuture(job) : next(0);
      }
      Throwable cause = unwrap(failure);
      if (cause != null && !(cause instanceof ClusterException)) {
        throw new CompletionException(cause); // a bug, not the network: no point in retrying
      }
      if (failure == null && reply.status() != 503) {
        throw new ClusterException("lost track of job " + jobId + ": " + reply.message() + " (HTTP " + reply.status() + ")");
      }
      long since = failingSince == 0 ? System.nanoTime() : failingSince;
      if (System.nanoTime() - since > patience.toNanos()) {
        String last = cause != null ? cause.getMessage() : reply.message() + " (HTTP " + reply.status() + ")";
        throw new ClusterException("lost track of job " + jobId + ": the cluster at " + client.base()
            + ", asked every " + interval.toMillis() + " ms, gave no answer for " + patience.toSeconds()
            + " s (--unreachable-timeout); last: " + last + ". The job may still run: check it with 'atoll status "
            + jobId + " --cluster " + client.base().getAuthority() + "'");
      }
      return next(since);
    }).thenCompose(next -> next);
  }

  private CompletableFuture<JobSummary> next(long failingSince) {
    return CompletableFuture.runAsync(() -> {}, delay).thenCompose(ignored -> poll(failingSince));
  }

  private static Throwable unwrap(Throwable failure) {
    Throwable t = failure;
    while (t instanceof CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
