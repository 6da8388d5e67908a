package io.atoll.runtime.http;

import static akka.http.javadsl.server.Directives.completeWithFuture;
import static akka.http.javadsl.server.Directives.get;
import static akka.http.javadsl.server.Directives.path;

import akka.http.javadsl.server.Route;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
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
    return NodeMonitors.askAll(asks).thenApply(answers -> {
      ArrayNode array = Json.array();
      for (NodeMonitors.Answer answer : answers) {
        if (answer.failure() == null) {
          array.add(NodeJson.node(answer.info()));
        } else {
          ObjectNode o = Json.object();
          o.put("address", answer.address());
          o.put("status", "fail");
          o.put("message", JsonErrors.unwrap(answer.failure()).getMessage());
          array.add(o);
        }
      }
      return array;
    });
  }
}
