package io.atoll.runtime.http;

import static akka.http.javadsl.server.Directives.completeWithFuture;
import static akka.http.javadsl.server.Directives.get;
import static akka.http.javadsl.server.Directives.path;

import akka.actor.typed.ActorRef;
import akka.actor.typed.receptionist.Receptionist;
import akka.http.javadsl.server.Route;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atoll.protocol.node.NodeInfo;
import io.atoll.protocol.node.NodeMonitorProtocol;
import io.atoll.runtime.node.NodeMonitor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code GET /system-monitoring-information}: every node's NodeMonitor, found through the
 * Receptionist and asked at once, answers for its own JVM; the answers become one array ordered by
 * address. A node that does not answer in time is listed with {@code "status": "fail"} and why,
 * instead of failing the whole request.
 */
final class NodeRoutes {
  static final List<String> ENDPOINTS = List.of("GET /system-monitoring-information");

  private final Asks asks;

  NodeRoutes(Asks asks) {
    this.asks = asks;
  }

  Route route() {
    return path("system-monitoring-information", () -> get(() -> completeWithFuture(Json.respond(this::nodes))));
  }

  private CompletionStage<JsonNode> nodes() {
    return asks.<Receptionist.Command, Receptionist.Listing>ask(
            asks.system().receptionist(), replyTo -> Receptionist.find(NodeMonitor.KEY, replyTo), "the receptionist")
        .thenCompose(listing -> {
          List<CompletableFuture<ObjectNode>> answers = new ArrayList<>();
          for (ActorRef<NodeMonitorProtocol> monitor : listing.getServiceInstances(NodeMonitor.KEY)) {
            answers.add(ask(monitor).toCompletableFuture());
          }
          return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).thenApply(done -> {
            ArrayNode array = Json.array();
            answers.stream().map(a -> a.getNow(null)) // all complete here
                .sorted(Comparator.comparing(o -> o.path("address").asText()))
                .forEach(array::add);
            return array;
          });
        });
  }

  private CompletionStage<ObjectNode> ask(ActorRef<NodeMonitorProtocol> monitor) {
    return asks.<NodeMonitorProtocol, NodeInfo>ask(monitor, NodeMonitorProtocol.GetNodeInfo::new, "the node")
        .handle((info, failure) -> {
          if (failure == null) {
            return NodeJson.node(info);
          }
          ObjectNode o = Json.object();
          o.put("address", monitor.path().address().toString());
          o.put("status", "fail");
          o.put("message", JsonErrors.unwrap(failure).getMessage());
          return o;
        });
  }
}
