package io.atoll.runtime.http;

import static akka.http.javadsl.server.Directives.completeWithFuture;
import static akka.http.javadsl.server.Directives.concat;
import static akka.http.javadsl.server.Directives.extractRequestEntity;
import static akka.http.javadsl.server.Directives.get;
import static akka.http.javadsl.server.Directives.parameterOptional;
import static akka.http.javadsl.server.Directives.path;
import static akka.http.javadsl.server.Directives.post;

import akka.http.javadsl.model.HttpEntity;
import akka.http.javadsl.server.Route;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atoll.protocol.node.LeakDetectionReply;
import io.atoll.protocol.node.NodeMonitorProtocol;
import io.atoll.protocol.node.ResourceReport;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;

/**
 * {@code GET /leaks[?node=ADDR]} and {@code POST /leak-detection}: every node's NodeMonitor,
 * found through the Receptionist and asked at once, answers for its own resource tracker, so the
 * answer is cluster-wide. A node that does not answer in time is listed as {@code unreachable},
 * never dropped. A level change is validated before any node is asked: a bad one changes nothing.
 */
final class LeakRoutes {
  static final List<String> ENDPOINTS = List.of("GET /leaks", "POST /leak-detection");

  private final Asks asks;
  private final RequestBodies bodies;

  LeakRoutes(Asks asks, RequestBodies bodies) {
    this.asks = asks;
    this.bodies = bodies;
  }

  Route route() {
    return concat(
        path("leaks", () -> get(() -> parameterOptional("node", node ->
            completeWithFuture(Json.respond(() -> leaks(node)))))),
        path("leak-detection", () -> post(() -> extractRequestEntity(entity ->
            completeWithFuture(Json.respond(() -> setLevel(entity)))))));
  }

  private CompletionStage<JsonNode> leaks(Optional<String> node) {
    return reports().thenApply(replies -> {
      List<NodeMonitors.Reply<ResourceReport>> shown = node.map(n -> only(replies, n)).orElse(replies);
      ArrayNode array = Json.array();
      shown.forEach(r -> array.add(r.failure() == null ? LeakJson.node(r.answer())
          : LeakJson.unreachable(r.address(), r.failure())));
      return array;
    });
  }

  private CompletionStage<JsonNode> setLevel(HttpEntity entity) {
    return bodies.text(entity).thenApply(LeakDetectionRequest::parse).thenCompose(request -> {
      String level = request.level().configName();
      CompletionStage<List<NodeMonitors.Reply<LeakDetectionReply>>> replies = request.node().isEmpty()
          ? NodeMonitors.askAll(asks, replyTo -> new NodeMonitorProtocol.SetLeakDetectionLevel(level, replyTo),
              LeakDetectionReply::node)
          : reports().thenCompose(all -> NodeMonitors.ask(asks,
              only(all, request.node().get()).stream().map(NodeMonitors.Reply::monitor).toList(),
              replyTo -> new NodeMonitorProtocol.SetLeakDetectionLevel(level, replyTo), LeakDetectionReply::node));
      return replies.thenApply(answers -> {
        ObjectNode body = Json.object();
        body.put("level", level);
        ArrayNode nodes = body.putArray("nodes");
        answers.forEach(r -> nodes.add(r.failure() == null ? LeakJson.level(r.answer())
            : LeakJson.unreachable(r.address(), r.failure())));
        return body;
      });
    });
  }

  private CompletionStage<List<NodeMonitors.Reply<ResourceReport>>> reports() {
    return NodeMonitors.askAll(asks, NodeMonitorProtocol.GetResources::new, ResourceReport::node);
  }

  /**
   * The node {@code given} names, among those that answered.
   *
   * @throws ApiException (404) naming the nodes there are, when none is that one; (503) when that
   *     one did not answer
   */
  private static <R> List<NodeMonitors.Reply<R>> only(List<NodeMonitors.Reply<R>> replies, String given) {
    List<NodeMonitors.Reply<R>> matching = replies.stream()
        .filter(r -> r.failure() == null && NodeMonitors.names(given, r.address())).toList();
    if (matching.isEmpty()) {
      replies.stream().filter(r -> NodeMonitors.names(given, r.address())).findFirst().ifPresent(silent -> {
        throw ApiException.serviceUnavailable("node " + silent.address() + " did not answer: "
            + JsonErrors.unwrap(silent.failure()).getMessage());
      });
      String known = replies.stream()
          .map(r -> r.address() + (r.failure() == null ? "" : " (unreachable)"))
          .collect(Collectors.joining(", "));
      throw ApiException.notFound("no node at '" + given + "' answered; the nodes are: "
          + (known.isEmpty() ? "none" : known));
    }
    return matching;
  }
}
