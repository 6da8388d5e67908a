package io.atoll.runtime.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atoll.runtime.resource.LeakDetectionLevel;
import java.util.Iterator;
import java.util.Optional;

/**
 * The body of {@code POST /leak-detection}: {@code {"level": "paranoid"}} for every node, or
 * {@code {"level": "off", "node": "10.0.0.5:25520"}} for one (full address or {@code host:port}).
 */
record LeakDetectionRequest(LeakDetectionLevel level, Optional<String> node) {
  static final String EXAMPLE = "send {\"level\": \"off | simple | paranoid\"} and, to change one node only, "
      + "\"node\": \"<host:port of the node, see GET /leaks>\"";

  /** @throws ApiException (400) for anything but that shape or a level that does not exist */
  static LeakDetectionRequest parse(String body) {
    ObjectNode json = RequestBodies.jsonObject(body, EXAMPLE);
    for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!name.equals("level") && !name.equals("node")) {
        throw ApiException.badRequest("unknown field '" + name + "'; " + EXAMPLE);
      }
    }
    JsonNode level = json.get("level");
    if (level == null || !level.isTextual()) {
      throw ApiException.badRequest("level is missing or not a string; " + EXAMPLE);
    }
    LeakDetectionLevel parsed;
    try {
      parsed = LeakDetectionLevel.parse(level.textValue());
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    }
    JsonNode node = json.get("node");
    if (node != null && (!node.isTextual() || node.textValue().isBlank())) {
      throw ApiException.badRequest("node must be a node's address such as \"10.0.0.5:25520\"; leave it out to "
          + "change every node");
    }
    return new LeakDetectionRequest(parsed, Optional.ofNullable(node).map(n -> n.textValue().trim()));
  }
}
