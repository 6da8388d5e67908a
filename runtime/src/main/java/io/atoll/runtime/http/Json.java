package io.atoll.runtime.http;

import akka.http.javadsl.model.ContentTypes;
import akka.http.javadsl.model.HttpResponse;
import akka.http.javadsl.model.StatusCode;
import akka.http.javadsl.model.StatusCodes;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * JSON bodies. Built as Jackson trees rather than by databinding records: the field names are the
 * API's contract (SeaTunnel's), and the jackson-databind on the classpath (2.10, through
 * akka-http-jackson) predates record support.
 */
final class Json {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  static ArrayNode array() {
    return MAPPER.createArrayNode();
  }

  /**
   * Runs a handler and answers with its JSON, or with the JSON error of its failure; a parameter
   * error thrown before any stage exists becomes a failed stage too.
   */
  static CompletionStage<HttpResponse> respond(Supplier<? extends CompletionStage<? extends JsonNode>> handler) {
    CompletionStage<? extends JsonNode> body;
    try {
      body = handler.get();
    } catch (RuntimeException e) {
      body = CompletableFuture.failedFuture(e);
    }
    return body.<HttpResponse>thenApply(Json::ok).exceptionally(JsonErrors::forFailure);
  }

  static HttpResponse ok(JsonNode body) {
    return response(StatusCodes.OK, body);
  }

  static HttpResponse response(StatusCode status, JsonNode body) {
    return HttpResponse.create().withStatus(status).withEntity(ContentTypes.APPLICATION_JSON, bytes(body));
  }

  static byte[] bytes(JsonNode body) {
    try {
      return MAPPER.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      // A tree of plain nodes always serializes; failing here is a bug, not a client error.
      throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
    }
  }
}
