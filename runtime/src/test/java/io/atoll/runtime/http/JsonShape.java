package io.atoll.runtime.http;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Asserts that a JSON answer has the shape of a sample: the same field names and JSON types,
 * recursively; values are ignored. In a sample
 * <ul>
 *   <li>an object lists the fields an answer must have, no fewer and (but for the given Atoll
 *       extensions) no more; {@code {}} is a map with any keys, and {@code {"*": X}} a map whose
 *       every value has the shape X;
 *   <li>an array with one element is a list whose every element has that shape (an empty answer
 *       array is a failure then: nothing would be checked); {@code []} is any list;
 *   <li>{@code null} is a nullable string (SeaTunnel's {@code errorMsg}); a number matches any number.
 * </ul>
 * Extensions are paths with {@code [*]} for array indexes, e.g. {@code $[*].warnings}.
 */
final class JsonShape {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private JsonShape() {}

  /** A sample under {@code src/test/resources/rest-v2/}. */
  static JsonNode sample(String name) {
    String resource = "/rest-v2/" + name + ".json";
    try (InputStream in = JsonShape.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no sample " + resource + " on the test classpath");
      }
      return MAPPER.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + resource, e);
    }
  }

  static void assertSameShape(JsonNode sample, JsonNode actual, Set<String> extensions) {
    List<String> differences = differences(sample, actual, extensions);
    if (!differences.isEmpty()) {
      fail("the answer does not have the sample's shape:\n  " + String.join("\n  ", differences)
          + "\nanswer: " + actual);
    }
  }

  /** Every difference, one readable line each; empty when the shapes agree. */
  static List<String> differences(JsonNode sample, JsonNode actual, Set<String> extensions) {
    List<String> out = new ArrayList<>();
    Map<String, String> empties = new java.util.LinkedHashMap<>();
    Set<String> checked = new java.util.HashSet<>();
    compare(sample, actual, "$", "$", new Context(extensions, out, empties, checked));
    empties.forEach((pattern, path) -> {
      if (!checked.contains(pattern)) {
        out.add("empty array at " + path + ": its elements' shape cannot be checked; give the test data");
      }
    });
    return out;
  }

  /**
   * @param empties empty answer arrays (pattern to first path): a failure unless another array of
   *     the same pattern had elements ({@code $[*].assignedSlots} of another worker)
   */
  private record Context(Set<String> extensions, List<String> out, Map<String, String> empties, Set<String> checked) {}

  private static void compare(JsonNode sample, JsonNode actual, String path, String pattern, Context c) {
    List<String> out = c.out();
    if (sample.isNull()) {
      if (!actual.isNull() && !actual.isTextual()) {
        out.add("type at " + path + ": expected string or null, got " + type(actual));
      }
      return;
    }
    if (!type(sample).equals(type(actual))) {
      out.add("type at " + path + ": expected " + type(sample) + ", got " + type(actual));
      return;
    }
    if (sample.isArray()) {
      if (sample.isEmpty()) {
        return;
      }
      if (actual.isEmpty()) {
        c.empties().putIfAbsent(pattern, path);
      } else {
        c.checked().add(pattern);
      }
      for (int i = 0; i < actual.size(); i++) {
        compare(sample.get(0), actual.get(i), path + "[" + i + "]", pattern + "[*]", c);
      }
    } else if (sample.isObject()) {
      compareObject(sample, actual, path, pattern, c);
    }
  }

  private static void compareObject(JsonNode sample, JsonNode actual, String path, String pattern, Context c) {
    if (sample.isEmpty()) {
      return; // a map with any keys
    }
    if (sample.size() == 1 && sample.has("*")) {
      for (Iterator<Map.Entry<String, JsonNode>> it = actual.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        compare(sample.get("*"), field.getValue(), path + "." + field.getKey(), pattern + ".*", c);
      }
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = sample.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      JsonNode value = actual.get(field.getKey());
      if (value == null) {
        c.out().add("missing field " + field.getKey() + " at " + path);
      } else {
        compare(field.getValue(), value, path + "." + field.getKey(), pattern + "." + field.getKey(), c);
      }
    }
    for (Iterator<String> names = actual.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!sample.has(name) && !c.extensions().contains(pattern + "." + name)) {
        c.out().add("extra field " + name + " at " + path + " (not in the sample, not a listed extension)");
      }
    }
  }

  private static String type(JsonNode node) {
    return node.isNumber() ? "number" : node.getNodeType().name().toLowerCase(Locale.ROOT);
  }
}
