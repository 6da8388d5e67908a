package io.atoll.runtime.http;

import static akka.http.javadsl.server.Directives.completeWithFuture;
import static akka.http.javadsl.server.Directives.concat;
import static akka.http.javadsl.server.Directives.get;
import static akka.http.javadsl.server.Directives.parameterList;
import static akka.http.javadsl.server.Directives.path;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.AskPattern;
import akka.http.javadsl.model.HttpResponse;
import akka.http.javadsl.server.Route;
import com.fasterxml.jackson.databind.JsonNode;
import io.atoll.protocol.resource.ClusterResources;
import io.atoll.protocol.resource.ResourceManagerProtocol;
import io.atoll.runtime.master.monitor.JobCounts;
import io.atoll.runtime.master.monitor.JobCountsSource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * {@code GET /overview} and {@code GET /workers}: answered from the ResourceManager singleton (and
 * the job counts), never blocking a request thread; any query parameters are a worker tag filter.
 */
final class ClusterRoutes {
  static final List<String> ENDPOINTS = List.of("GET /overview", "GET /workers");

  private final ActorSystem<?> system;
  private final Duration askTimeout;
  private final ActorRef<ResourceManagerProtocol> resourceManager;
  private final BuildInfo buildInfo;
  private final JobCountsSource jobCounts;

  ClusterRoutes(
      ActorSystem<?> system,
      Duration askTimeout,
      ActorRef<ResourceManagerProtocol> resourceManager,
      BuildInfo buildInfo,
      JobCountsSource jobCounts) {
    this.system = system;
    this.askTimeout = askTimeout;
    this.resourceManager = resourceManager;
    this.buildInfo = buildInfo;
    this.jobCounts = jobCounts;
  }

  Route route() {
    return concat(
        path("overview", () -> get(() -> withTagFilter(this::overview))),
        path("workers", () -> get(() -> withTagFilter(this::workers))));
  }

  CompletionStage<HttpResponse> overview(Map<String, String> tagFilter) {
    CompletionStage<JsonNode> body =
        resources(tagFilter)
            .thenCombine(jobCounts(), (resources, jobs) -> ClusterJson.overview(buildInfo, resources, jobs));
    return respond(body);
  }

  CompletionStage<HttpResponse> workers(Map<String, String> tagFilter) {
    return respond(resources(tagFilter).thenApply(ClusterJson::workers));
  }

  private static Route withTagFilter(Function<Map<String, String>, CompletionStage<HttpResponse>> handler) {
    return parameterList(parameters -> completeWithFuture(handler.apply(TagFilter.parse(parameters))));
  }

  private static CompletionStage<HttpResponse> respond(CompletionStage<? extends JsonNode> body) {
    return body.<HttpResponse>thenApply(Json::ok).exceptionally(JsonErrors::forFailure);
  }

  private CompletionStage<ClusterResources> resources(Map<String, String> tagFilter) {
    CompletionStage<ClusterResources> answer =
        AskPattern.ask(
            resourceManager,
            ResourceManagerProtocol.GetClusterResources::new,
            askTimeout,
            system.scheduler());
    return answer
        .exceptionally(
            failure -> {
              throw ApiException.serviceUnavailable(resourceManagerFailure(failure));
            })
        .thenApply(resources -> resources.filter(tagFilter));
  }

  private CompletionStage<JobCounts> jobCounts() {
    return jobCounts
        .current()
        .exceptionally(
            failure -> {
              throw ApiException.serviceUnavailable("job counts are unavailable: " + cause(failure));
            });
  }

  private String resourceManagerFailure(Throwable failure) {
    Throwable cause = cause(failure);
    if (cause instanceof TimeoutException) {
      return "the resource manager did not answer within " + human(askTimeout)
          + "; the cluster may have no active master yet (starting or failing over), retry shortly";
    }
    return "asking the resource manager failed: " + cause;
  }

  private static Throwable cause(Throwable failure) {
    return failure instanceof CompletionException && failure.getCause() != null
        ? failure.getCause()
        : failure;
  }

  private static String human(Duration d) {
    long millis = d.toMillis();
    return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
  }
}
