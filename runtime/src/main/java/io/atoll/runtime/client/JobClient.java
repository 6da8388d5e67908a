package io.atoll.runtime.client;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.AskPattern;
import io.atoll.protocol.job.JobCoordinatorProtocol;
import io.atoll.protocol.job.JobCoordinatorProtocol.CancelReply;
import io.atoll.protocol.job.JobCoordinatorProtocol.JobAccepted;
import io.atoll.protocol.job.JobCoordinatorProtocol.JobRejected;
import io.atoll.protocol.job.JobDefinition;
import io.atoll.protocol.job.JobSummary;
import io.atoll.protocol.job.JobCoordinatorProtocol.AwaitJob;
import io.atoll.protocol.job.JobCoordinatorProtocol.GetJob;
import io.atoll.protocol.job.JobCoordinatorProtocol.JobLookup;
import io.atoll.runtime.config.ClientSettings;
import io.atoll.runtime.connector.PluginRegistry;
import io.atoll.runtime.job.config.JobFileParser;
import io.atoll.runtime.job.config.JobValidationException;
import io.atoll.runtime.job.config.ParsedJob;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Submit, watch and cancel jobs from a program that runs (or reaches) an Atoll node; see
 * {@link io.atoll.runtime.node.AtollNode#jobClient()}. Every call is asynchronous.
 *
 * <pre>{@code
 * JobClient client = node.jobClient().toCompletableFuture().get();
 * JobSummary result = client.run(Path.of("examples/fake_to_console.conf"), Map.of())
 *     .toCompletableFuture().get();
 * }</pre>
 */
public final class JobClient {
  private final ActorSystem<?> system;
  private final ActorRef<JobCoordinatorProtocol> coordinator;
  private final PluginRegistry plugins;
  private final ClientSettings settings;
  private final Duration askTimeout;

  public JobClient(
      ActorSystem<?> system, ActorRef<JobCoordinatorProtocol> coordinator, PluginRegistry plugins,
      ClientSettings settings) {
    this.system = system;
    this.coordinator = coordinator;
    this.plugins = plugins;
    this.settings = settings;
    this.askTimeout = settings.askTimeout();
  }

  /**
   * Parses and validates a job file. Fails with {@link JobValidationException} listing every
   * problem; nothing is submitted then.
   */
  public JobDefinition parse(Path jobFile, Map<String, String> variables) throws JobValidationException {
    return JobFileParser.parseFile(jobFile, variables, plugins);
  }

  /**
   * Parses and validates a job given as text, as a program that relays jobs from others would:
   * the text is untrusted, so its includes are refused (they would read this node's files) and
   * {@code ${NAME}} is filled from {@code variables} only, never from this process's environment.
   */
  public JobDefinition parse(String jobText, Map<String, String> variables) throws JobValidationException {
    return read(jobText, variables, false).job();
  }

  /**
   * {@link #parse(String, Map)} with what SeaTunnel would let pass silently (unknown options,
   * {@code ${name}}s without a value) as warnings to show before submitting, or, when
   * {@code strict}, as problems.
   */
  public ParsedJob read(String jobText, Map<String, String> variables, boolean strict) throws JobValidationException {
    return JobFileParser.readUntrusted(jobText, "api", variables, strict, plugins);
  }

  /** Submits a validated job; completes with its id, or fails with {@link JobRejectedException}. */
  public CompletionStage<Long> submit(JobDefinition job) {
    return submit(job, 0);
  }

  /** Submits with a job id of the caller's choosing (re-sending the same job with it is harmless). */
  public CompletionStage<Long> submit(JobDefinition job, long jobId) {
    return submit(job, jobId, false);
  }

  /**
   * Continues job {@code jobId}, stopped with {@link #stopWithSavepoint}, from its savepoint
   * (SeaTunnel's {@code isStartWithSavePoint}); fails with {@link JobRejectedException} when it has none.
   */
  public CompletionStage<Long> restore(JobDefinition job, long jobId) {
    return submit(job, jobId, true);
  }

  /**
   * Stops a running job with a savepoint (SeaTunnel's {@code isStopWithSavePoint}). Completes once
   * the job has ended SAVEPOINT_DONE ({@code accepted}), or with the reason it was refused or the
   * savepoint failed (the job then goes on running, or ended otherwise); fails after {@code timeout}.
   */
  public CompletionStage<CancelReply> stopWithSavepoint(long jobId, Duration timeout) {
    return AskPattern.ask(coordinator, replyTo -> new JobCoordinatorProtocol.StopJobWithSavepoint(jobId, replyTo),
        timeout, system.scheduler());
  }

  private CompletionStage<Long> submit(JobDefinition job, long jobId, boolean fromSavepoint) {
    return AskPattern.<JobCoordinatorProtocol, JobCoordinatorProtocol.SubmitReply>ask(coordinator,
            replyTo -> new JobCoordinatorProtocol.SubmitJob(job, jobId, fromSavepoint, replyTo), askTimeout,
            system.scheduler())
        .thenApply(reply -> {
          if (reply instanceof JobAccepted accepted) {
            return accepted.jobId();
          }
          throw new JobRejectedException(((JobRejected) reply).reason());
        });
  }

  /**
   * Completes with the job's final summary when it has ended (FINISHED, FAILED or CANCELED).
   *
   * <p>Never waits on one unbounded ask: the coordinator keeps waiters in memory only, so a
   * coordinator restart (master failover, singleton move) would leave such an ask unanswered for
   * good. Each wait ({@link AwaitJob}) lasts at most {@code atoll.client.await-timeout}; after it the
   * job's status is read ({@link GetJob}) and, while it runs, the client waits again. When the
   * coordinator cannot be reached, it is tried again every {@code retry-interval}; after
   * {@code unreachable-timeout} without any answer the result fails with a
   * {@link CoordinatorUnreachableException} saying what was tried.
   */
  public CompletionStage<JobSummary> result(long jobId) {
    return new ResultWait(jobId).start();
  }

  /** Submits a validated job and completes with its final summary. */
  public CompletionStage<JobSummary> run(JobDefinition job) {
    return submit(job).thenCompose(this::result);
  }

  /** Parses, validates, submits and waits for a job file. */
  public CompletionStage<JobSummary> run(Path jobFile, Map<String, String> variables) {
    try {
      return run(parse(jobFile, variables));
    } catch (JobValidationException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  public CompletionStage<Optional<JobSummary>> status(long jobId) {
    return AskPattern.<JobCoordinatorProtocol, JobCoordinatorProtocol.JobLookup>ask(
            coordinator, replyTo -> new JobCoordinatorProtocol.GetJob(jobId, replyTo), askTimeout, system.scheduler())
        .thenApply(lookup -> Optional.ofNullable(lookup.job()));
  }

  public CompletionStage<List<JobSummary>> list() {
    return AskPattern.<JobCoordinatorProtocol, JobCoordinatorProtocol.JobList>ask(
            coordinator, JobCoordinatorProtocol.ListJobs::new, askTimeout, system.scheduler())
        .thenApply(JobCoordinatorProtocol.JobList::jobs);
  }

  public CompletionStage<CancelReply> cancel(long jobId) {
    return AskPattern.ask(
        coordinator, replyTo -> new JobCoordinatorProtocol.CancelJob(jobId, replyTo), askTimeout, system.scheduler());
  }

  /** One {@link #result} wait: bounded asks, re-attached until the job ends or the coordinator is gone too long. */
  private final class ResultWait {
    private final long jobId;
    private final CompletableFuture<JobSummary> done = new CompletableFuture<>();
    private long unreachableSince; // System.nanoTime() of the first unanswered call in a row; 0 = answered
    private int waits;
    private int polls;
    private Throwable lastFailure;

    ResultWait(long jobId) {
      this.jobId = jobId;
    }

    CompletionStage<JobSummary> start() {
      await();
      return done;
    }

    private void await() {
      waits++;
      AskPattern.<JobCoordinatorProtocol, JobLookup>ask(
              coordinator, replyTo -> new AwaitJob(jobId, replyTo), settings.awaitTimeout(), system.scheduler())
          .whenComplete((lookup, failure) -> {
            if (failure == null) {
              answered(lookup);
            } else {
              poll(); // still running, or a coordinator that restarted and forgot this waiter
            }
          });
    }

    private void poll() {
      polls++;
      AskPattern.<JobCoordinatorProtocol, JobLookup>ask(
              coordinator, replyTo -> new GetJob(jobId, replyTo), askTimeout, system.scheduler())
          .whenComplete((lookup, failure) -> {
            if (failure == null) {
              answered(lookup);
            } else {
              unreachable(failure);
            }
          });
    }

    private void answered(JobLookup lookup) {
      unreachableSince = 0;
      if (lookup.job() == null) {
        done.completeExceptionally(new IllegalArgumentException(
            "no job " + jobId + " (never submitted, or expired from history)"));
      } else if (lookup.job().status().isTerminal()) {
        done.complete(lookup.job());
      } else {
        await();
      }
    }

    private void unreachable(Throwable failure) {
      long now = System.nanoTime();
      if (unreachableSince == 0) {
        unreachableSince = now;
      }
      lastFailure = failure;
      if (now - unreachableSince >= settings.unreachableTimeout().toNanos()) {
        done.completeExceptionally(new CoordinatorUnreachableException("lost contact with the job coordinator "
            + "while waiting for job " + jobId + ": no answer for " + settings.unreachableTimeout().toSeconds()
            + " s (atoll.client.unreachable-timeout) after " + waits + " wait(s) for its end (AwaitJob, "
            + settings.awaitTimeout().toSeconds() + " s each) and " + polls + " status poll(s) (GetJob, "
            + askTimeout.toSeconds() + " s each); last failure: " + lastFailure.getMessage()
            + ". The job may still run: check it with 'atoll status " + jobId + "' or GET /job-info/" + jobId,
            lastFailure));
        return;
      }
      system.scheduler().scheduleOnce(settings.retryInterval(), this::await, system.executionContext());
    }
  }
}
