package io.atoll.runtime.http;

import static akka.http.javadsl.server.Directives.completeWithFuture;
import static akka.http.javadsl.server.Directives.concat;
import static akka.http.javadsl.server.Directives.extractRequest;
import static akka.http.javadsl.server.Directives.get;
import static akka.http.javadsl.server.Directives.parameterList;
import static akka.http.javadsl.server.Directives.path;
import static akka.http.javadsl.server.Directives.pathEndOrSingleSlash;
import static akka.http.javadsl.server.Directives.pathPrefix;
import static akka.http.javadsl.server.Directives.post;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.DispatcherSelector;
import akka.actor.typed.javadsl.AskPattern;
import akka.http.javadsl.model.HttpEntity;
import akka.http.javadsl.model.HttpResponse;
import akka.http.javadsl.model.StatusCodes;
import akka.http.javadsl.server.PathMatchers;
import akka.http.javadsl.server.Route;
import akka.http.scaladsl.model.EntityStreamSizeException;
import akka.japi.function.Function;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.atoll.protocol.job.JobCoordinatorProtocol;
import io.atoll.protocol.job.JobCoordinatorProtocol.CancelReply;
import io.atoll.protocol.job.JobCoordinatorProtocol.JobAccepted;
import io.atoll.protocol.job.JobCoordinatorProtocol.JobList;
import io.atoll.protocol.job.JobCoordinatorProtocol.JobLookup;
import io.atoll.protocol.job.JobCoordinatorProtocol.JobRejected;
import io.atoll.protocol.job.JobCoordinatorProtocol.SubmitReply;
import io.atoll.protocol.job.JobSummary;
import io.atoll.runtime.connector.PluginRegistry;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * SeaTunnel REST API v2's job endpoints, answered by the JobCoordinator singleton. Nothing here
 * blocks a request thread: bodies are read as streams with a size limit, job configs are parsed on
 * Akka's blocking dispatcher (plugins validate themselves and may be slow), and every ask waits at
 * most {@code atoll.http.ask-timeout} before the client gets a 503 telling it to retry.
 */
final class JobRoutes {
  static final List<String> ENDPOINTS = List.of("POST /submit-job", "GET /running-jobs", "GET /job-info/{jobId}",
      "GET /finished-jobs[/{state}]", "POST /stop-job");

  /** Larger job configs are almost surely a mistake (a data file posted by accident). */
  static final long MAX_SUBMIT_BYTES = 1024 * 1024;
  static final long MAX_STOP_BYTES = 64 * 1024;
  private static final Duration BODY_TIMEOUT = Duration.ofSeconds(10);

  private final ActorSystem<?> system;
  private final Duration askTimeout;
  private final ActorRef<JobCoordinatorProtocol> coordinator;
  private final JobSubmissions submissions;

  JobRoutes(ActorSystem<?> system, Duration askTimeout, ActorRef<JobCoordinatorProtocol> coordinator,
      PluginRegistry plugins) {
    this.system = system;
    this.askTimeout = askTimeout;
    this.coordinator = coordinator;
    Executor blocking = system.dispatchers().lookup(DispatcherSelector.blocking());
    this.submissions = new JobSubmissions(plugins, blocking);
  }

  Route route() {
    return concat(
        path("submit-job", () -> post(() -> parameterList(query -> extractRequest(request ->
            completeWithFuture(respond(() -> submit(JobRequests.submit(query, request), request.entity()))))))),
        path("running-jobs", () -> get(() -> completeWithFuture(respond(this::running)))),
        path(PathMatchers.segment("job-info").slash(PathMatchers.segment()), id ->
            get(() -> completeWithFuture(respond(() -> info(JobRequests.jobId(id, "job id in /job-info/{jobId}")))))),
        pathPrefix("finished-jobs", () -> concat(
            pathEndOrSingleSlash(() -> get(() -> completeWithFuture(respond(() -> finished(FinishedState.ALL))))),
            path(PathMatchers.segment(), state ->
                get(() -> completeWithFuture(respond(() -> finished(FinishedState.parse(state)))))))),
        path("stop-job", () -> post(() -> extractRequest(request ->
            completeWithFuture(respond(() -> stop(request.entity())))))));
  }

  private CompletionStage<JsonNode> submit(JobRequests.Submit params, HttpEntity entity) {
    return readBody(entity, MAX_SUBMIT_BYTES)
        .thenCompose(text -> submissions.validate(text, params))
        .thenCompose(job -> this.<SubmitReply>ask(replyTo -> new JobCoordinatorProtocol.SubmitJob(job, params.jobId(), replyTo))
            .thenApply(reply -> {
              if (reply instanceof JobAccepted accepted) {
                return JobJson.submitted(accepted.jobId(), job.jobName());
              }
              throw ApiException.badRequest("the job coordinator rejected the job: " + ((JobRejected) reply).reason());
            }));
  }

  private CompletionStage<JsonNode> running() {
    long now = System.currentTimeMillis();
    return jobs(job -> !job.status().isTerminal()).thenApply(jobs -> {
      ArrayNode array = Json.array();
      jobs.forEach(job -> array.add(JobJson.running(job, now)));
      return array;
    });
  }

  private CompletionStage<JsonNode> finished(FinishedState state) {
    return jobs(job -> job.status().isTerminal() && state.matches(job.status())).thenApply(jobs -> {
      ArrayNode array = Json.array();
      jobs.forEach(job -> array.add(JobJson.finished(job)));
      return array;
    });
  }

  private CompletionStage<JsonNode> info(long jobId) {
    long now = System.currentTimeMillis();
    return lookup(jobId).thenApply(job -> JobJson.info(job, now));
  }

  private CompletionStage<JsonNode> stop(HttpEntity entity) {
    return readBody(entity, MAX_STOP_BYTES)
        .thenApply(JobRequests::stop)
        .thenCompose(stop -> this.<CancelReply>ask(replyTo -> new JobCoordinatorProtocol.CancelJob(stop.jobId(), replyTo)))
        .thenCompose(reply -> {
          if (reply.accepted()) {
            return CompletableFuture.completedFuture(JobJson.stopped(reply.jobId()));
          }
          // The reply says why in words only; the job table says whether the job exists at all.
          return lookup(reply.jobId()).thenApply(known -> {
            throw ApiException.badRequest(reply.message());
          });
        });
  }

  /** The job's summary; a failed stage with 404 when the coordinator does not know it. */
  private CompletionStage<JobSummary> lookup(long jobId) {
    return this.<JobLookup>ask(replyTo -> new JobCoordinatorProtocol.GetJob(jobId, replyTo)).thenApply(lookup -> {
      if (lookup.job() == null) {
        throw ApiException.notFound("no job " + jobId + " (never submitted, or expired from the job history); "
            + "GET /running-jobs and /finished-jobs list the known jobs");
      }
      return lookup.job();
    });
  }

  private CompletionStage<List<JobSummary>> jobs(Predicate<JobSummary> filter) {
    return this.<JobList>ask(JobCoordinatorProtocol.ListJobs::new).thenApply(list -> list.jobs().stream()
        .filter(filter)
        .sorted(Comparator.comparingLong(JobSummary::jobId))
        .toList());
  }

  /** Asks the coordinator; no answer in time is a 503 (no active master yet, or a failover). */
  private <R> CompletionStage<R> ask(Function<ActorRef<R>, JobCoordinatorProtocol> message) {
    CompletionStage<R> answer = AskPattern.ask(coordinator, message, askTimeout, system.scheduler());
    return answer.exceptionally(failure -> {
      Throwable cause = JsonErrors.unwrap(failure);
      if (cause instanceof TimeoutException) {
        throw ApiException.serviceUnavailable("the job coordinator did not answer within " + askTimeout.toMillis()
            + "ms (no active master yet, or a failover in progress); retry in a few seconds");
      }
      throw new CompletionException(cause);
    });
  }

  /** The whole body as text, in its declared charset (UTF-8 by default), at most {@code maxBytes}. */
  private CompletionStage<String> readBody(HttpEntity entity, long maxBytes) {
    Charset charset = entity.getContentType().getCharsetOption()
        .map(c -> c.nioCharset()).orElse(StandardCharsets.UTF_8);
    if (entity.getContentLengthOption().orElse(0L) > maxBytes) {
      return CompletableFuture.failedFuture(tooLarge(maxBytes)); // declared: no need to read any of it
    }
    return entity.toStrict(BODY_TIMEOUT.toMillis(), maxBytes, system).handle((strict, failure) -> {
      if (failure == null) {
        return strict.getData().decodeString(charset);
      }
      Throwable cause = JsonErrors.unwrap(failure);
      if (cause instanceof EntityStreamSizeException) {
        throw tooLarge(maxBytes); // a chunked body that grew past the limit
      }
      if (cause instanceof TimeoutException) {
        throw new ApiException(StatusCodes.REQUEST_TIMEOUT, "request body did not arrive within "
            + BODY_TIMEOUT.toSeconds() + " s");
      }
      throw new CompletionException(cause);
    });
  }

  private static ApiException tooLarge(long maxBytes) {
    return new ApiException(StatusCodes.PAYLOAD_TOO_LARGE, "request body is larger than " + maxBytes
        + " bytes, the limit of this endpoint; a job config is a few kilobytes, was a data file sent by mistake?");
  }

  /** Runs a handler; a parameter error thrown before any stage exists becomes a failed stage too. */
  private static CompletionStage<HttpResponse> respond(Supplier<CompletionStage<? extends JsonNode>> handler) {
    CompletionStage<? extends JsonNode> body;
    try {
      body = handler.get();
    } catch (RuntimeException e) {
      body = CompletableFuture.failedFuture(e);
    }
    return body.<HttpResponse>thenApply(Json::ok).exceptionally(JsonErrors::forFailure);
  }
}
