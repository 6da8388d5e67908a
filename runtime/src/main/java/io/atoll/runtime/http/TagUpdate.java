package io.atoll.runtime.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The body of {@code POST /update-tags}, in one of two forms. SeaTunnel's: the bare tag map,
 * {@code {"zone": "a"}}, for the worker of the node that receives the request ({@code worker}
 * empty here). Atoll's extension, since its REST API runs on masters: {@code {"worker":
 * "10.0.0.1:25520", "tags": {"zone": "a"}}} names the worker (full address or {@code host:port}).
 * A body with a {@code worker} or {@code tags} field is read as the latter, so a bare map cannot
 * use those two tag names. The tags replace all of the worker's tags; {@code {}} clears them.
 */
record TagUpdate(Optional<String> worker, Map<String, String> tags) {
  static final String EXAMPLE = "send the tags, {\"zone\": \"a\"}, for this node's worker, or "
      + "{\"worker\": \"<host:port of a worker, see GET /workers>\", \"tags\": {\"zone\": \"a\"}}";

  /** @throws ApiException (400) for anything but those shapes, with plain tag values */
  static TagUpdate parse(String body) {
    ObjectNode json = RequestBodies.jsonObject(body, EXAMPLE);
    if (!json.has("worker") && !json.has("tags")) {
      return new TagUpdate(Optional.empty(), tags(json, true));
    }
    for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!name.equals("worker") && !name.equals("tags")) {
        throw ApiException.badRequest("unknown field '" + name + "': a body with 'worker' or 'tags' names the worker "
            + "and its new tags (a bare tag map cannot use the tag names 'worker' and 'tags'); " + EXAMPLE);
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
    return new TagUpdate(Optional.of(worker.textValue().trim()), tags(tags, false));
  }

  /** @param nullIsEmpty SeaTunnel's bare map turns a null value into an empty tag value */
  private static Map<String, String> tags(JsonNode tags, boolean nullIsEmpty) {
    Map<String, String> parsed = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = tags.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> tag = it.next();
      if (tag.getKey().isBlank()) {
        throw ApiException.badRequest("a tag name is empty; tags are name-value pairs such as \"zone\": \"a\"");
      }
      if (nullIsEmpty && tag.getValue().isNull()) {
        parsed.put(tag.getKey(), "");
        continue;
      }
      if (!tag.getValue().isValueNode() || tag.getValue().isNull()) {
        throw ApiException.badRequest("tag '" + tag.getKey() + "' must be a string, number or boolean, got "
            + tag.getValue());
      }
      parsed.put(tag.getKey(), tag.getValue().asText());
    }
    return Map.copyOf(parsed);
  }
}
