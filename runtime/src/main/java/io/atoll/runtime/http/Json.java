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
