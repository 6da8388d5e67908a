package io.atoll.runtime.http;

import static akka.http.javadsl.server.Directives.completeWithFuture;
import static akka.http.javadsl.server.Directives.concat;
import static akka.http.javadsl.server.Directives.extractRequestEntity;
import static akka.http.javadsl.server.Directives.get;
import static akka.http.javadsl.server.Directives.parameterList;
import static akka.http.javadsl.server.Directives.path;
import static akka.http.javadsl.server.Directives.post;

import akka.actor.typed.ActorRef;
import akka.http.javadsl.model.HttpEntity;
import akka.http.javadsl.server.Route;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atoll.protocol.resource.ClusterResources;
import io.atoll.protocol.resource.ResourceManagerProtocol;
import io.atoll.protocol.resource.TagsReply;
import io.atoll.runtime.master.monitor.JobCounts;
import io.atoll.runtime.master.monitor.JobCountsSource;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * {@code GET /overview}, {@code GET /workers} and {@code POST /update-tags}: answered by the
 * ResourceManager singleton (and the job counts), never blocking a request thread; the query
 * parameters of the two GETs are a worker tag filter.
 */
final class ClusterRoutes {
  static final List<String> ENDPOINTS = List.of("GET /overview", "GET /workers", "POST /update-tags");

  private final Asks asks;
  private final RequestBodies bodies;
  private final ActorRef<ResourceManagerProtocol> resourceManager;
  private final BuildInfo buildInfo;
  private final JobCountsSource jobCounts;
  private final String localAddress;

  ClusterRoutes(
      Asks asks,
      RequestBodies bodies,
      ActorRef<ResourceManagerProtocol> resourceManager,
      BuildInfo buildInfo,
      JobCountsSource jobCounts) {
    this.asks = asks;
    this.bodies = bodies;
    this.resourceManager = resourceManager;
    this.buildInfo = buildInfo;
    this.jobCounts = jobCounts;
    // the address this node's SlotService registers under: the cluster's self address, or the local system's
    this.localAddress = akka.actor.typed.javadsl.Adapter.toClassic(asks.system()).provider().getDefaultAddress()
        .toString();
  }

  Route route() {
    return concat(
        path("overview", () -> get(() -> withTagFilter(this::overview))),
        path("workers", () -> get(() -> withTagFilter(this::workers))),
        path("update-tags", () -> post(() -> extractRequestEntity(entity ->
            completeWithFuture(Json.respond(() -> updateTags(entity)))))));
  }

  private CompletionStage<JsonNode> overview(Map<String, String> tagFilter) {
    return resources(tagFilter)
        .thenCombine(jobCounts(), (resources, jobs) -> ClusterJson.overview(buildInfo, resources, jobs));
  }

  private CompletionStage<JsonNode> workers(Map<String, String> tagFilter) {
    return resources(tagFilter).thenApply(ClusterJson::workers);
  }

  /**
   * The worker's SlotService and then the ResourceManager hold the new tags when this answers. A
   * bare tag map (SeaTunnel's form) is for the worker on this node, whose address is this node's;
   * a node without a registered worker (a master-only node) answers 400.
   */
  private CompletionStage<JsonNode> updateTags(HttpEntity entity) {
    return bodies.text(entity)
        .thenApply(TagUpdate::parse)
        .thenCompose(update -> {
          String worker = update.worker().orElse(localAddress);
          return asks.<ResourceManagerProtocol, TagsReply>ask(
              resourceManager,
              replyTo -> new ResourceManagerProtocol.UpdateWorkerTags(worker, update.tags(), replyTo),
              "the resource manager")
              .thenApply(reply -> tagsUpdated(reply, update.worker().isEmpty()));
        });
  }

  private JsonNode tagsUpdated(TagsReply reply, boolean localWorker) {
    if (reply instanceof TagsReply.TagsNotUpdated refused) {
      if (localWorker && refused.unknownWorker()) {
        throw ApiException.badRequest("this node (" + localAddress + ") runs no worker (a master-only node, "
            + "or its worker has not registered yet), so a bare tag map has no worker to tag; name the worker: "
            + "{\"worker\": \"<host:port, see GET /workers>\", \"tags\": {...}}");
      }
      throw refused.unknownWorker()
          ? ApiException.notFound(refused.reason())
          : ApiException.serviceUnavailable(refused.reason());
    }
    var profile = ((TagsReply.TagsUpdated) reply).profile();
    ObjectNode body = Json.object();
    body.put("status", "success");
    body.put("message", "update node tags done.");
    body.put("worker", profile.address());
    ObjectNode tags = body.putObject("tags");
    new TreeMap<>(profile.tags()).forEach(tags::put);
    return body;
  }

  private static Route withTagFilter(Function<Map<String, String>, CompletionStage<JsonNode>> handler) {
    return parameterList(parameters ->
        completeWithFuture(Json.respond(() -> handler.apply(TagFilter.parse(parameters)))));
  }

  private CompletionStage<ClusterResources> resources(Map<String, String> tagFilter) {
    return asks.<ResourceManagerProtocol, ClusterResources>ask(
            resourceManager, ResourceManagerProtocol.GetClusterResources::new, "the resource manager")
        .thenApply(resources -> resources.filter(tagFilter));
  }

  private CompletionStage<JobCounts> jobCounts() {
    return jobCounts
        .current()
        .exceptionally(
            failure -> {
              throw ApiException.serviceUnavailable("job counts are unavailable: " + JsonErrors.unwrap(failure));
            });
  }
}
