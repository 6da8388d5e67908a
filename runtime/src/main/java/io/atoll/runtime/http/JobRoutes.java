package io.atoll.runtime.http;

import static akka.http.javadsl.server.Directives.completeWithFuture;
import static akka.http.javadsl.server.Directives.concat;
import static akka.http.javadsl.server.Directives.extractRequest;
import static akka.http.javadsl.server.Directives.extractRequestEntity;
import static akka.http.javadsl.server.Directives.get;
import static akka.http.javadsl.server.Directives.parameterList;
import static akka.http.javadsl.server.Directives.path;
import static akka.http.javadsl.server.Directives.pathEndOrSingleSlash;
import static akka.http.javadsl.server.Directives.pathPrefix;
import static akka.http.javadsl.server.Directives.post;

import akka.actor.typed.ActorRef;
import akka.actor.typed.DispatcherSelector;
import akka.actor.typed.javadsl.AskPattern;
import akka.http.javadsl.model.HttpEntity;
import akka.http.javadsl.model.HttpRequest;
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
import io.atoll.runtime.job.config.ParsedJob;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * SeaTunnel REST API v2's job endpoints, answered by the JobCoordinator singleton. Nothing here
 * blocks a request thread: bodies are read as streams with a size limit, job configs are parsed on
 * Akka's blocking dispatcher (plugins validate themselves and may be slow), and every ask waits at
 * most {@code atoll.http.ask-timeout} before the client gets a 503 telling it to retry.
 *
 * <p>{@code /finished-jobs} pages with {@code ?page=&size=}: the answer is then an object with the
 * page, its size, the total and the page's {@code jobs}; without them it is SeaTunnel's array.
 *
 * <p>The batch endpoints ({@code /submit-jobs}, {@code /stop-jobs}) read each element as the single
 * endpoints read theirs ({@link JobBatches}) and check all of them before acting on any; every submit
 * and stop reaches the coordinator through {@link #submitMessage} and {@link #cancelMessage}.
 */
final class JobRoutes {
  static final List<String> ENDPOINTS = List.of("POST /submit-job", "POST /submit-job/upload", "POST /submit-jobs",
      "GET /running-jobs", "GET /running-job/{jobId}", "GET /job-info/{jobId}",
      "GET /finished-jobs[/{state}][?page=&size=]", "POST /stop-job", "POST /stop-jobs");

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
        path(PathMatchers.segment("submit-job").slash("upload"), () -> post(() -> parameterList(query ->
            extractRequest(request -> completeWithFuture(Json.respond(() -> upload(query, request))))))),
        path("submit-jobs", () -> post(() -> extractRequestEntity(entity ->
            completeWithFuture(Json.respond(() -> submitAll(entity)))))),
        path("running-jobs", () -> get(() -> completeWithFuture(Json.respond(this::running)))),
        // SeaTunnel serves the deprecated /running-job/{jobId} with /job-info's handler
        path(PathMatchers.segment("running-job").slash(PathMatchers.segment()), id ->
            get(() -> completeWithFuture(Json.respond(() -> info(JobRequests.jobId(id, "job id in /running-job/{jobId}")))))),
        path(PathMatchers.segment("job-info").slash(PathMatchers.segment()), id ->
            get(() -> completeWithFuture(Json.respond(() -> info(JobRequests.jobId(id, "job id in /job-info/{jobId}")))))),
        pathPrefix("finished-jobs", () -> concat(
            pathEndOrSingleSlash(() -> get(() -> parameterList(query ->
                completeWithFuture(Json.respond(() -> finished(FinishedState.ALL, query)))))),
            path(PathMatchers.segment(), state -> get(() -> parameterList(query ->
                completeWithFuture(Json.respond(() -> finished(FinishedState.parse(state), query)))))))),
        path("stop-job", () -> post(() -> extractRequest(request ->
            completeWithFuture(Json.respond(() -> stop(request.entity())))))),
        path("stop-jobs", () -> post(() -> extractRequestEntity(entity ->
            completeWithFuture(Json.respond(() -> stopAll(entity)))))));
  }

  private CompletionStage<JsonNode> submit(JobRequests.Submit params, HttpEntity entity) {
    return bodies.text(entity).thenCompose(text -> submitText(params, text));
  }

  private CompletionStage<JsonNode> submitText(JobRequests.Submit params, String text) {
    return submissions.validate(text, params).thenCompose(parsed -> submitParsed(params, parsed));
  }

  private CompletionStage<JsonNode> submitParsed(JobRequests.Submit params, ParsedJob parsed) {
    return this.<SubmitReply>ask(replyTo -> submitMessage(params, parsed, replyTo)).thenApply(reply -> {
      if (reply instanceof JobAccepted accepted) {
        return JobJson.submitted(accepted.jobId(), parsed.job().jobName(), parsed.warnings());
      }
      throw ApiException.badRequest("the job coordinator rejected the job: " + ((JobRejected) reply).reason());
    });
  }

  /** The one place a REST submit becomes the coordinator's message: single, upload and batch submits alike. */
  private static JobCoordinatorProtocol submitMessage(
      JobRequests.Submit params, ParsedJob parsed, ActorRef<SubmitReply> replyTo) {
    return new JobCoordinatorProtocol.SubmitJob(parsed.job(), params.jobId(), params.startWithSavepoint(), replyTo);
  }

  /**
   * {@code POST /submit-job/upload}: the query is checked before the body is read; the file's name
   * gives the format unless {@code format} is in the query.
   */
  private CompletionStage<JsonNode> upload(List<Map.Entry<String, String>> query, HttpRequest request) {
    JobRequests.submit(query, request); // a bad parameter is a 400 before the upload is read
    return bodies.strict(request.entity())
        .thenCompose(strict -> JobUpload.read(strict, asks.system()))
        .thenCompose(file -> submitText(JobRequests.submit(file.withFormat(query), request), file.text()));
  }

  /**
   * {@code POST /submit-jobs}: every job is checked (parameters, then config, as /submit-job checks
   * them) before any is submitted, so a bad one submits nothing. Then they are submitted one after
   * the other, in the array's order; should the coordinator refuse one (its jobId is taken), the
   * 400 says which jobs before it were submitted, in {@code submitted}, and that none after it was.
   */
  private CompletionStage<JsonNode> submitAll(HttpEntity entity) {
    return bodies.text(entity).thenApply(JobBatches::submits).thenCompose(elements -> {
      List<CompletableFuture<ParsedJob>> parsed = elements.stream()
          .map(e -> submissions.validate(e.config(), e.params()).toCompletableFuture()).toList();
      return CompletableFuture.allOf(parsed.toArray(CompletableFuture[]::new)).handle((ignored, failure) -> {
        for (int i = 0; i < elements.size(); i++) {
          if (parsed.get(i).isCompletedExceptionally()) {
            throw invalidElement(elements.get(i), parsed.get(i), elements.size());
          }
        }
        return parsed.stream().map(CompletableFuture::join).toList(); // all completed normally: no wait
      }).thenCompose(jobs -> submitInOrder(elements, jobs, 0, Json.array()));
    });
  }

  private static ApiException invalidElement(JobBatches.SubmitElement element, CompletableFuture<ParsedJob> parsed,
      int total) {
    Throwable cause = parsed.handle((ok, failure) -> JsonErrors.unwrap(failure)).join();
    String prefix = element.label() + " of " + total + " is invalid, no job was submitted: ";
    if (cause instanceof ApiException api) {
      return JobBatches.prefixed(prefix, api);
    }
    return new ApiException(akka.http.javadsl.model.StatusCodes.INTERNAL_SERVER_ERROR, prefix + cause);
  }

  private CompletionStage<JsonNode> submitInOrder(
      List<JobBatches.SubmitElement> elements, List<ParsedJob> jobs, int next, ArrayNode submitted) {
    if (next == elements.size()) {
      return CompletableFuture.completedFuture(submitted);
    }
    JobBatches.SubmitElement element = elements.get(next);
    return submitParsed(element.params(), jobs.get(next)).handle((reply, failure) -> {
      if (failure == null) {
        submitted.add(reply);
        return submitInOrder(elements, jobs, next + 1, submitted);
      }
      Throwable cause = JsonErrors.unwrap(failure);
      ApiException api = cause instanceof ApiException a ? a
          : new ApiException(akka.http.javadsl.model.StatusCodes.INTERNAL_SERVER_ERROR, String.valueOf(cause));
      ObjectNode details = api.details() == null ? Json.object() : api.details().deepCopy();
      details.set("submitted", submitted);
      // a coordinator that did not answer may have taken the job all the same
      String outcome = api.status().intValue() >= 500
          ? " may or may not have been submitted (GET /running-jobs shows it if it was): "
          : " was not submitted: ";
      String before = next == 0 ? "no job before it was submitted"
          : next == 1 ? "job [0] was submitted (see submitted)"
          : "jobs [0] to [" + (next - 1) + "] were submitted (see submitted)";
      String after = next + 1 == elements.size() ? ""
          : next + 2 == elements.size() ? ", job [" + (next + 1) + "] was not"
          : ", jobs [" + (next + 1) + "] to [" + (elements.size() - 1) + "] were not";
      String message = element.label() + outcome + api.getMessage() + "; " + before + after;
      CompletionStage<JsonNode> failed = CompletableFuture.failedFuture(new ApiException(api.status(), message, details));
      return failed;
    }).thenCompose(stage -> stage);
  }

  /** In the order the jobs were submitted (SeaTunnel's order is its Hazelcast map's, i.e. none). */
  private CompletionStage<JsonNode> running() {
    long now = System.currentTimeMillis();
    return jobs(job -> !job.status().isTerminal(), SUBMITTED).thenApply(jobs -> {
      ArrayNode array = Json.array();
      jobs.forEach(job -> array.add(JobJson.running(job, now)));
      return array;
    });
  }

  private CompletionStage<JsonNode> finished(FinishedState state, List<Map.Entry<String, String>> query) {
    var paging = Paging.parse(query);
    return jobs(job -> job.status().isTerminal() && state.matches(job.status()), ENDED).thenApply(jobs -> {
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

  /**
   * {@code /job-info/{jobId}} and {@code /running-job/{jobId}}: a job the coordinator does not know
   * (never submitted, or expired from its history) is answered as SeaTunnel answers it, 200 with
   * only {@code {"jobId": "..."}}.
   */
  private CompletionStage<JsonNode> info(long jobId) {
    long now = System.currentTimeMillis();
    return this.<JobLookup>ask(replyTo -> new JobCoordinatorProtocol.GetJob(jobId, replyTo))
        .thenApply(lookup -> lookup.job() == null ? JobJson.unknown(jobId) : JobJson.info(lookup.job(), now));
  }

  private CompletionStage<JsonNode> stop(HttpEntity entity) {
    return bodies.text(entity)
        .thenApply(JobRequests::stop)
        .thenCompose(this::stopOne)
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

  /** A stop of /stop-job or /stop-jobs: a cancel, or a stop with a savepoint ({@code isStopWithSavePoint}). */
  private CompletionStage<CancelReply> stopOne(JobRequests.Stop stop) {
    return stop.withSavepoint() ? stopWithSavepoint(stop.jobId())
        : this.<CancelReply>ask(replyTo -> cancelMessage(stop, replyTo));
  }

  /** The one place a REST stop becomes the coordinator's message: single and batch stops alike. */
  private static JobCoordinatorProtocol cancelMessage(JobRequests.Stop stop, ActorRef<CancelReply> replyTo) {
    return new JobCoordinatorProtocol.CancelJob(stop.jobId(), replyTo);
  }

  /**
   * {@code POST /stop-jobs}: every element is checked, and every job must be known (else 404) and
   * not yet ended (else 400), before any is stopped. Then all are stopped; one that ended in the
   * meantime is a 400 listing which were stopped and which not. The answer is SeaTunnel's
   * {@code [{"jobId": 881432421482889220}, ...]}, ids as numbers as SeaTunnel's handler writes them.
   */
  private CompletionStage<JsonNode> stopAll(HttpEntity entity) {
    return bodies.text(entity).thenApply(JobBatches::stops).thenCompose(stops ->
        jobs(job -> true, SUBMITTED).thenCompose(known -> {
          Map<Long, JobSummary> byId = known.stream().collect(Collectors.toMap(JobSummary::jobId, j -> j));
          List<Long> unknown = stops.stream().map(JobRequests.Stop::jobId).filter(id -> !byId.containsKey(id)).toList();
          if (!unknown.isEmpty()) {
            throw ApiException.notFound("no job " + ids(unknown) + " (never submitted, or expired from the job "
                + "history), no job was stopped; GET /running-jobs lists the running ones");
          }
          List<String> ended = stops.stream().map(stop -> byId.get(stop.jobId()))
              .filter(job -> job.status().isTerminal()).map(job -> job.jobId() + " " + job.status()).toList();
          if (!ended.isEmpty()) {
            throw ApiException.badRequest("job " + String.join(", ", ended) + " already ended, no job was stopped");
          }
          List<CompletableFuture<CancelReply>> replies = stops.stream().map(stop ->
              stopOne(stop).toCompletableFuture()).toList();
          return CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new))
              .handle((ignored, failure) -> stopped(stops, replies));
        }));
  }

  private static JsonNode stopped(List<JobRequests.Stop> stops, List<CompletableFuture<CancelReply>> replies) {
    ArrayNode stopped = Json.array();
    ArrayNode refused = Json.array();
    for (int i = 0; i < stops.size(); i++) {
      long id = stops.get(i).jobId();
      CancelReply reply = replies.get(i).handle((r, failure) -> r).join(); // all completed: no wait
      if (reply != null && reply.accepted()) {
        stopped.addObject().put("jobId", id);
      } else {
        String why = reply != null ? reply.message()
            : JsonErrors.unwrap(replies.get(i).handle((r, failure) -> failure).join()).getMessage();
        refused.addObject().put("jobId", id).put("message", why);
      }
    }
    if (refused.isEmpty()) {
      return stopped;
    }
    ObjectNode details = Json.object();
    details.set("stopped", stopped);
    details.set("refused", refused);
    throw new ApiException(akka.http.javadsl.model.StatusCodes.BAD_REQUEST, refused.size() + " of " + stops.size()
        + " jobs were not stopped, first job " + refused.get(0).get("jobId").asText() + ": "
        + refused.get(0).get("message").asText() + " (see stopped and refused)", details);
  }

  private static String ids(List<Long> ids) {
    return ids.stream().map(String::valueOf).collect(Collectors.joining(", "));
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

  /** Submission order: by create time, then id. */
  static final Comparator<JobSummary> SUBMITTED =
      Comparator.comparingLong(JobSummary::createTime).thenComparingLong(JobSummary::jobId);
  /** SeaTunnel's order of finished jobs: by finish time (oldest first), then id. */
  static final Comparator<JobSummary> ENDED =
      Comparator.comparingLong(JobSummary::finishTime).thenComparingLong(JobSummary::jobId);

  private CompletionStage<List<JobSummary>> jobs(Predicate<JobSummary> filter, Comparator<JobSummary> order) {
    return this.<JobList>ask(JobCoordinatorProtocol.ListJobs::new).thenApply(list -> list.jobs().stream()
        .filter(filter)
        .sorted(order)
        .toList());
  }

  private <R> CompletionStage<R> ask(Function<ActorRef<R>, JobCoordinatorProtocol> message) {
    return asks.ask(coordinator, message, "the job coordinator");
  }
}
