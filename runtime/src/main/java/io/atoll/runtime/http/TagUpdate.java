package io.atoll.runtime.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The body of {@code POST /update-tags}: {@code {"worker": "10.0.0.1:25520", "tags": {"zone": "a"}}}.
 * SeaTunnel sends the bare tag map to the node whose tags change; Atoll's REST API runs on masters,
 * so the body names the worker (full address or {@code host:port}). The tags replace all of the
 * worker's tags; {@code {}} clears them.
 */
record TagUpdate(String worker, Map<String, String> tags) {
  static final String EXAMPLE = "send {\"worker\": \"<host:port of a worker, see GET /workers>\", "
      + "\"tags\": {\"zone\": \"a\"}}";

  /** @throws ApiException (400) for anything but that shape, with plain tag values */
  static TagUpdate parse(String body) {
    ObjectNode json = RequestBodies.jsonObject(body, EXAMPLE);
    for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!name.equals("worker") && !name.equals("tags")) {
        throw ApiException.badRequest("unknown field '" + name + "': the body names the worker and its new tags; "
            + EXAMPLE);
      }
    }
    JsonNode worker = json.get("worker");
    if (worker == null || !worker.isTextual() || worker.textValue().isBlank()) {
      throw ApiException.badRequest("worker is missing or not a string; " + EXAMPLE);
    }
    JsonNode tags = json.get("tags");
    if (tags == null || !tags.isObject()) {
      throw ApiException.badRequest("tags is missing or not a JSON object ({} clears the worker's tags); " + EXAMPLE);
    }
    Map<String, String> parsed = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = tags.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> tag = it.next();
      if (tag.getKey().isBlank()) {
        throw ApiException.badRequest("a tag name is empty; tags are name-value pairs such as \"zone\": \"a\"");
      }
      if (!tag.getValue().isValueNode() || tag.getValue().isNull()) {
        throw ApiException.badRequest("tag '" + tag.getKey() + "' must be a string, number or boolean, got "
            + tag.getValue());
      }
      parsed.put(tag.getKey(), tag.getValue().asText());
    }
    return new TagUpdate(worker.textValue().trim(), Map.copyOf(parsed));
  }
}
