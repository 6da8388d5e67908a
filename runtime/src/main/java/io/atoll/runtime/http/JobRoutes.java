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
import akka.actor.typed.javadsl.AskPattern;
import akka.actor.typed.DispatcherSelector;
import akka.http.javadsl.model.HttpEntity;
import akka.http.javadsl.server.PathMatchers;
import akka.http.javadsl.server.Route;
import akka.japi.function.Function;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atoll.protocol.job.JobCoordinatorProtocol;
import io.atoll.protocol.job.JobCoordinatorProtocol.CancelReply;
import io.atoll.protocol.job.JobCoordinatorProtocol.JobAccepted;
import io.atoll.protocol.job.JobCoordinatorProtocol.JobList;
import io.atoll.protocol.job.JobCoordinatorProtocol.JobLookup;
import io.atoll.protocol.job.JobCoordinatorProtocol.JobRejected;
import io.atoll.protocol.job.JobCoordinatorProtocol.SubmitReply;
import io.atoll.protocol.job.JobSummary;
import io.atoll.runtime.connector.PluginRegistry;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Predicate;

/**
 * SeaTunnel REST API v2's job endpoints, answered by the JobCoordinator singleton. Nothing here
 * blocks a request thread: bodies are read as streams with a size limit, job configs are parsed on
 * Akka's blocking dispatcher (plugins validate themselves and may be slow), and every ask waits at
 * most {@code atoll.http.ask-timeout} before the client gets a 503 telling it to retry.
 *
 * <p>{@code /finished-jobs} pages with {@code ?page=&size=}: the answer is then an object with the
 * page, its size, the total and the page's {@code jobs}; without them it is SeaTunnel's array.
 */
final class JobRoutes {
  static final List<String> ENDPOINTS = List.of("POST /submit-job", "GET /running-jobs", "GET /job-info/{jobId}",
      "GET /finished-jobs[/{state}][?page=&size=]", "POST /stop-job");

  private final Asks asks;
  private final RequestBodies bodies;
  private final ActorRef<JobCoordinatorProtocol> coordinator;
  private final JobSubmissions submissions;
  /** How long {@code POST /stop-job} with {@code isStopWithSavePoint} waits for the savepoint to end. */
  static final java.time.Duration SAVEPOINT_WAIT = java.time.Duration.ofMinutes(3);

  JobRoutes(Asks asks, RequestBodies bodies, ActorRef<JobCoordinatorProtocol> coordinator, PluginRegistry plugins) {
    this.asks = asks;
    this.bodies = bodies;
    this.coordinator = coordinator;
    Executor blocking = asks.system().dispatchers().lookup(DispatcherSelector.blocking());
    this.submissions = new JobSubmissions(plugins, blocking);
  }

  Route route() {
    return concat(
        path("submit-job", () -> post(() -> parameterList(query -> extractRequest(request ->
            completeWithFuture(Json.respond(() -> submit(JobRequests.submit(query, request), request.entity()))))))),
        path("running-jobs", () -> get(() -> completeWithFuture(Json.respond(this::running)))),
        path(PathMatchers.segment("job-info").slash(PathMatchers.segment()), id ->
            get(() -> completeWithFuture(Json.respond(() -> info(JobRequests.jobId(id, "job id in /job-info/{jobId}")))))),
        pathPrefix("finished-jobs", () -> concat(
            pathEndOrSingleSlash(() -> get(() -> parameterList(query ->
                completeWithFuture(Json.respond(() -> finished(FinishedState.ALL, query)))))),
            path(PathMatchers.segment(), state -> get(() -> parameterList(query ->
                completeWithFuture(Json.respond(() -> finished(FinishedState.parse(state), query)))))))),
        path("stop-job", () -> post(() -> extractRequest(request ->
            completeWithFuture(Json.respond(() -> stop(request.entity())))))));
  }

  private CompletionStage<JsonNode> submit(JobRequests.Submit params, HttpEntity entity) {
    return bodies.text(entity)
        .thenCompose(text -> submissions.validate(text, params))
        .thenCompose(parsed -> this.<SubmitReply>ask(
                replyTo -> new JobCoordinatorProtocol.SubmitJob(parsed.job(), params.jobId(),
                    params.startWithSavepoint(), replyTo))
            .thenApply(reply -> {
              if (reply instanceof JobAccepted accepted) {
                return JobJson.submitted(accepted.jobId(), parsed.job().jobName(), parsed.warnings());
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

  private CompletionStage<JsonNode> finished(FinishedState state, List<Map.Entry<String, String>> query) {
    var paging = Paging.parse(query);
    return jobs(job -> job.status().isTerminal() && state.matches(job.status())).thenApply(jobs -> {
      ArrayNode array = Json.array();
      paging.map(p -> p.of(jobs)).orElse(jobs).forEach(job -> array.add(JobJson.finished(job)));
      if (paging.isEmpty()) {
        return array;
      }
      ObjectNode page = Json.object();
      page.put("page", paging.get().page());
      page.put("size", paging.get().size());
      page.put("total", jobs.size());
      page.set("jobs", array);
      return page;
    });
  }

  private CompletionStage<JsonNode> info(long jobId) {
    long now = System.currentTimeMillis();
    return lookup(jobId).thenApply(job -> JobJson.info(job, now));
  }

  private CompletionStage<JsonNode> stop(HttpEntity entity) {
    return bodies.text(entity)
        .thenApply(JobRequests::stop)
        .thenCompose(stop -> stop.withSavepoint() ? stopWithSavepoint(stop.jobId())
            : this.<CancelReply>ask(replyTo -> new JobCoordinatorProtocol.CancelJob(stop.jobId(), replyTo)))
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

  /**
   * Waits for the savepoint's outcome (SAVEPOINT_DONE, or why not), longer than other asks: a
   * checkpoint, the sinks' commit and the tasks' stop take their time.
   */
  private CompletionStage<CancelReply> stopWithSavepoint(long jobId) {
    return AskPattern.<JobCoordinatorProtocol, CancelReply>ask(coordinator,
            replyTo -> new JobCoordinatorProtocol.StopJobWithSavepoint(jobId, replyTo), SAVEPOINT_WAIT,
            asks.system().scheduler())
        .exceptionally(failure -> {
          if (JsonErrors.unwrap(failure) instanceof java.util.concurrent.TimeoutException) {
            throw ApiException.serviceUnavailable("the savepoint of job " + jobId + " did not end within "
                + Asks.human(SAVEPOINT_WAIT) + " (or the cluster has no active master); it may still complete: "
                + "GET /job-info/" + jobId + " shows SAVEPOINT_DONE once it has");
          }
          throw new java.util.concurrent.CompletionException(JsonErrors.unwrap(failure));
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

  private <R> CompletionStage<R> ask(Function<ActorRef<R>, JobCoordinatorProtocol> message) {
    return asks.ask(coordinator, message, "the job coordinator");
  }
}
