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
import io.atoll.runtime.connector.PluginRegistry;
import io.atoll.runtime.job.config.JobFileParser;
import io.atoll.runtime.job.config.JobValidationException;
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
  private final Duration askTimeout;

  public JobClient(
      ActorSystem<?> system, ActorRef<JobCoordinatorProtocol> coordinator, PluginRegistry plugins, Duration askTimeout) {
    this.system = system;
    this.coordinator = coordinator;
    this.plugins = plugins;
    this.askTimeout = askTimeout;
  }

  /**
   * Parses and validates a job file. Fails with {@link JobValidationException} listing every
   * problem; nothing is submitted then.
   */
  public JobDefinition parse(Path jobFile, Map<String, String> variables) throws JobValidationException {
    return JobFileParser.parseFile(jobFile, variables, plugins);
  }

  /** Submits a validated job; completes with its id, or fails with {@link JobRejectedException}. */
  public CompletionStage<Long> submit(JobDefinition job) {
    return submit(job, 0);
  }

  /** Submits with a job id of the caller's choosing (re-sending the same job with it is harmless). */
  public CompletionStage<Long> submit(JobDefinition job, long jobId) {
    return AskPattern.<JobCoordinatorProtocol, JobCoordinatorProtocol.SubmitReply>ask(
            coordinator, replyTo -> new JobCoordinatorProtocol.SubmitJob(job, jobId, replyTo), askTimeout, system.scheduler())
        .thenApply(reply -> {
          if (reply instanceof JobAccepted accepted) {
            return accepted.jobId();
          }
          throw new JobRejectedException(((JobRejected) reply).reason());
        });
  }

  /** Completes with the job's final summary when it has ended (FINISHED, FAILED or CANCELED). */
  public CompletionStage<JobSummary> result(long jobId) {
    return AskPattern.<JobCoordinatorProtocol, JobCoordinatorProtocol.JobLookup>ask(
            coordinator, replyTo -> new JobCoordinatorProtocol.AwaitJob(jobId, replyTo),
            Duration.ofDays(200), system.scheduler()) // about the longest ask Akka's scheduler takes
        .thenApply(lookup -> {
          if (lookup.job() == null) {
            throw new IllegalArgumentException("no job " + jobId);
          }
          return lookup.job();
        });
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
}
