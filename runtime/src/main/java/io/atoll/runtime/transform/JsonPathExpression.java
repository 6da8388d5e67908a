package io.atoll.runtime.transform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSONPath subset the {@code JsonPath} transform evaluates: {@code $} followed by steps
 * {@code .name}, {@code ['name']} / {@code ["name"]}, {@code [index]} (negative counts from the
 * end), and the wildcards {@code .*} / {@code [*]}. A path without wildcards is definite: a
 * missing step is an error, as in Jayway JsonPath (which SeaTunnel uses). A path with a wildcard
 * yields the array of everything it reaches, possibly empty. Filters, slices, unions and deep scan
 * ({@code ..}) are refused when the path is compiled, so a job never runs with a path that would
 * be read differently from SeaTunnel.
 */
final class JsonPathExpression {
  private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

  /** One step: a member name, an array index, or a wildcard (both null). */
  private record Step(String name, Integer index) {
    boolean wildcard() {
      return name == null && index == null;
    }

    @Override
    public String toString() {
      return wildcard() ? "[*]" : name != null ? "['" + name + "']" : "[" + index + "]";
    }
  }

  private final String text;
  private final List<Step> steps;
  private final boolean definite;

  private JsonPathExpression(String text, List<Step> steps) {
    this.text = text;
    this.steps = List.copyOf(steps);
    this.definite = steps.stream().noneMatch(Step::wildcard);
  }

  /** @throws IllegalArgumentException naming the position and what was expected */
  static JsonPathExpression compile(String text) {
    String path = text.trim();
    if (!path.startsWith("$")) {
      throw new IllegalArgumentException("a path starts with '$', e.g. $.data.c_string");
    }
    List<Step> steps = new ArrayList<>();
    int i = 1;
    while (i < path.length()) {
      char c = path.charAt(i);
      if (c == '.') {
        if (i + 1 < path.length() && path.charAt(i + 1) == '.') {
          throw error(path, i, "deep scan '..' is not supported");
        }
        int start = ++i;
        if (i < path.length() && path.charAt(i) == '*') {
          steps.add(new Step(null, null));
          i++;
          continue;
        }
        while (i < path.length() && path.charAt(i) != '.' && path.charAt(i) != '[') {
          i++;
        }
        if (i == start) {
          throw error(path, start, "a name must follow '.'");
        }
        steps.add(new Step(path.substring(start, i), null));
      } else if (c == '[') {
        int close = path.indexOf(']', i);
        if (close < 0) {
          throw error(path, i, "'[' is not closed");
        }
        steps.add(bracket(path, i, path.substring(i + 1, close).trim()));
        i = close + 1;
      } else {
        throw error(path, i, "expected '.' or '[' but found '" + c + "'");
      }
    }
    return new JsonPathExpression(path, steps);
  }

  private static Step bracket(String path, int at, String inside) {
    if (inside.equals("*")) {
      return new Step(null, null);
    }
    if (inside.length() >= 2 && (inside.charAt(0) == '\'' || inside.charAt(0) == '"')
        && inside.charAt(inside.length() - 1) == inside.charAt(0)) {
      String name = inside.substring(1, inside.length() - 1);
      if (name.contains("'") || name.contains("\"")) {
        throw error(path, at, "several names in one bracket (a union) are not supported");
      }
      return new Step(name, null);
    }
    try {
      return new Step(null, Integer.parseInt(inside));
    } catch (NumberFormatException e) {
      throw error(path, at, "[" + inside + "] is not supported: use ['name'], [index] or [*]"
          + " (filters, slices and unions are not)");
    }
  }

  private static IllegalArgumentException error(String path, int at, String what) {
    return new IllegalArgumentException("path '" + path + "' at position " + (at + 1) + ": " + what);
  }

  /**
   * What the path reaches in {@code root}: the node itself for a definite path (JSON null is a
   * {@code NullNode}), an array of the nodes reached for a path with wildcards.
   *
   * @throws IllegalArgumentException when a definite path misses, naming the step
   */
  JsonNode read(JsonNode root) {
    List<JsonNode> current = List.of(root);
    for (Step step : steps) {
      List<JsonNode> next = new ArrayList<>();
      for (JsonNode node : current) {
        if (step.wildcard()) {
          node.elements().forEachRemaining(next::add);
          continue;
        }
        JsonNode child = child(node, step);
        if (child != null) {
          next.add(child);
        } else if (definite) {
          throw new IllegalArgumentException("path '" + text + "': no " + step + " in " + kind(node));
        }
      }
      current = next;
    }
    if (definite) {
      return current.get(0);
    }
    ArrayNode all = NODES.arrayNode();
    current.forEach(all::add);
    return all;
  }

  private static JsonNode child(JsonNode node, Step step) {
    if (step.name() != null) {
      return node.isObject() ? node.get(step.name()) : null;
    }
    if (!node.isArray()) {
      return null;
    }
    int index = step.index() < 0 ? node.size() + step.index() : step.index();
    return index >= 0 && index < node.size() ? node.get(index) : null;
  }

  private static String kind(JsonNode node) {
    if (node.isArray()) {
      return "an array of " + node.size();
    }
    return node.isObject() ? "the object" : "a " + node.getNodeType().name().toLowerCase();
  }

  @Override
  public String toString() {
    return text;
  }
}
