package io.atoll.runtime.job.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atoll.protocol.connector.PluginKind;
import io.atoll.protocol.job.JobDefinition;
import io.atoll.protocol.job.OptionValue;
import io.atoll.protocol.job.PluginDefinition;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Atoll's own form of a validated job on the wire ({@value #MEDIA_TYPE}): what {@code atoll
 * submit} posts to {@code /submit-job} after validating the job file where it was read. It keeps
 * what SeaTunnel JSON would lose: the job file's name and every option's line, so the problems the
 * cluster finds (a plugin it lacks, an option its version does not know) cite the user's file.
 *
 * <pre>{@code
 * {"atollJob": 1, "origin": "jobs/orders.conf", "strict": false,
 *  "env": {"job.mode": "BATCH", ...},
 *  "plugins": [{"kind": "source", "name": "FakeSource", "line": 6,
 *               "options": {"line": 6, "object": [{"key": "row", "value": {"line": 7, "object": [
 *                 {"key": "num", "value": {"line": 7, "number": "5"}}]}}]}}]}
 * }</pre>
 *
 * A value is an object with its {@code line} and one of {@code text}, {@code number} (as written),
 * {@code bool}, {@code null}, {@code list} or {@code object} (members in order). Variables are
 * filled in and includes resolved before sending; the cluster validates the job again with its
 * own plugins ({@link JobFileParser#readSent}).
 */
public final class TypedJobJson {
  public static final String MEDIA_TYPE = "application/vnd.atoll.job+json";
  static final int VERSION = 1;

  /** JSON levels a job may nest: three per option level ({@code object} → member → value), and some. */
  private static final int MAX_JSON_DEPTH = 3 * Nesting.MAX_DEPTH + 8;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** A job as sent: its plugins' links are computed again by whoever reads it. */
  record Sent(String origin, boolean strict, Map<String, String> env, List<PluginDefinition> plugins) {}

  private TypedJobJson() {}

  /** @param strict whether the cluster treats warnings as errors too, as {@code --strict} did here */
  public static String write(JobDefinition job, boolean strict) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("atollJob", VERSION);
    root.put("origin", job.origin());
    root.put("strict", strict);
    ObjectNode env = root.putObject("env");
    new TreeMap<>(job.env()).forEach(env::put);
    ArrayNode plugins = root.putArray("plugins");
    for (PluginDefinition p : job.plugins()) {
      ObjectNode plugin = plugins.addObject();
      plugin.put("kind", p.kind().block());
      plugin.put("name", p.name());
      plugin.put("line", p.line());
      plugin.set("options", value(p.options()));
    }
    try {
      return MAPPER.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the job as JSON: " + e.getMessage(), e);
    }
  }

  private static ObjectNode value(OptionValue value) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("line", value.line());
    if (value instanceof OptionValue.ObjectOf object) {
      ArrayNode members = node.putArray("object");
      for (OptionValue.Member m : object.members()) {
        members.addObject().put("key", m.key()).set("value", value(m.value()));
      }
    } else if (value instanceof OptionValue.ListOf list) {
      ArrayNode items = node.putArray("list");
      list.items().forEach(i -> items.add(value(i)));
    } else if (value instanceof OptionValue.Text text) {
      node.put("text", text.value());
    } else if (value instanceof OptionValue.Numeric number) {
      node.put("number", number.text());
    } else if (value instanceof OptionValue.Bool bool) {
      node.put("bool", bool.value());
    } else {
      node.putNull("null");
    }
    return node;
  }

  /**
   * Reads a sent job; a body of the wrong shape is one problem naming what is wrong where (it
   * comes from a program, not from a user's hand), with origin {@code origin}.
   */
  static Sent read(String body, String origin) throws JobValidationException {
    try {
      checkDepth(body);
      JsonNode root = MAPPER.readTree(body);
      if (root == null || !root.isObject()) {
        throw new Shape("the body", "must be a JSON object");
      }
      if (root.path("atollJob").asInt(-1) != VERSION) {
        throw new Shape("atollJob", "must be " + VERSION + " (the version of this form), got " + root.get("atollJob"));
      }
      String file = text(root, "origin", "the body");
      Map<String, String> env = new LinkedHashMap<>();
      JsonNode envNode = object(root.get("env"), "env");
      for (Iterator<Map.Entry<String, JsonNode>> it = envNode.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!e.getValue().isTextual()) {
          throw new Shape("env." + e.getKey(), "must be a string, got " + e.getValue());
        }
        env.put(e.getKey(), e.getValue().asText());
      }
      JsonNode pluginsNode = root.get("plugins");
      if (pluginsNode == null || !pluginsNode.isArray()) {
        throw new Shape("plugins", "must be a list of plugins");
      }
      List<PluginDefinition> plugins = new ArrayList<>();
      Map<PluginKind, Integer> indexes = new LinkedHashMap<>();
      for (int i = 0; i < pluginsNode.size(); i++) {
        String where = "plugins[" + i + "]";
        JsonNode p = object(pluginsNode.get(i), where);
        PluginKind kind = kind(text(p, "kind", where), where);
        OptionValue options = value(p.get("options"), where + ".options");
        if (!(options instanceof OptionValue.ObjectOf object)) {
          throw new Shape(where + ".options", "must be an object value");
        }
        int index = indexes.merge(kind, 1, Integer::sum) - 1;
        plugins.add(new PluginDefinition(kind, text(p, "name", where), index, object, List.of(), null,
            line(p, where), file));
      }
      return new Sent(file, root.path("strict").asBoolean(false), env, plugins);
    } catch (Shape e) {
      throw new JobValidationException(List.of(new Problem(origin, 0, e.where, e.getMessage())));
    } catch (IOException e) {
      throw new JobValidationException(List.of(new Problem(origin, 0, "syntax",
          "the body is not JSON of " + MEDIA_TYPE + ": " + e.getMessage().lines().findFirst().orElse(""))));
    }
  }

  /** Refuses nesting deeper than any job needs before a recursive walk could overflow the stack. */
  private static void checkDepth(String body) throws IOException {
    try (JsonParser parser = new JsonFactory().createParser(body)) {
      int depth = 0;
      for (JsonToken t = parser.nextToken(); t != null; t = parser.nextToken()) {
        if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
          if (++depth > MAX_JSON_DEPTH) {
            throw new Shape("the body", "nests deeper than " + MAX_JSON_DEPTH + " JSON levels (options nest at most "
                + Nesting.MAX_DEPTH + " levels); flatten the structure");
          }
        } else if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
          depth--;
        }
      }
    }
  }

  private static OptionValue value(JsonNode node, String where) throws Shape {
    JsonNode o = object(node, where);
    int line = line(o, where);
    if (o.has("object")) {
      JsonNode members = o.get("object");
      if (!members.isArray()) {
        throw new Shape(where + ".object", "must be a list of {key, value}");
      }
      List<OptionValue.Member> list = new ArrayList<>();
      for (int i = 0; i < members.size(); i++) {
        JsonNode m = object(members.get(i), where + ".object[" + i + "]");
        String key = text(m, "key", where + ".object[" + i + "]");
        list.add(new OptionValue.Member(key, value(m.get("value"), where + "." + key)));
      }
      try {
        return new OptionValue.ObjectOf(list, line);
      } catch (IllegalArgumentException e) {
        throw new Shape(where, e.getMessage());
      }
    }
    if (o.has("list")) {
      JsonNode items = o.get("list");
      if (!items.isArray()) {
        throw new Shape(where + ".list", "must be a list of values");
      }
      List<OptionValue> list = new ArrayList<>();
      for (int i = 0; i < items.size(); i++) {
        list.add(value(items.get(i), where + "[" + i + "]"));
      }
      return new OptionValue.ListOf(list, line);
    }
    if (o.has("text")) {
      return new OptionValue.Text(text(o, "text", where), line);
    }
    if (o.has("number")) {
      try {
        return new OptionValue.Numeric(text(o, "number", where), line);
      } catch (NumberFormatException e) {
        throw new Shape(where + ".number", "must be a number written as a string, got " + o.get("number"));
      }
    }
    if (o.has("bool") && o.get("bool").isBoolean()) {
      return new OptionValue.Bool(o.get("bool").asBoolean(), line);
    }
    if (o.has("null")) {
      return new OptionValue.Null(line);
    }
    throw new Shape(where, "must hold one of text, number, bool, null, list or object");
  }

  private static JsonNode object(JsonNode node, String where) throws Shape {
    if (node == null || !node.isObject()) {
      throw new Shape(where, "must be a JSON object, got " + node);
    }
    return node;
  }

  private static String text(JsonNode node, String field, String where) throws Shape {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual()) {
      throw new Shape(where + "." + field, "must be a string, got " + value);
    }
    return value.asText();
  }

  private static int line(JsonNode node, String where) throws Shape {
    JsonNode line = node.get("line");
    if (line == null || !line.canConvertToInt() || line.asInt() < 0) {
      throw new Shape(where + ".line", "must be a line number (0 or more), got " + line);
    }
    return line.asInt();
  }

  private static PluginKind kind(String block, String where) throws Shape {
    for (PluginKind kind : PluginKind.values()) {
      if (kind.block().equals(block)) {
        return kind;
      }
    }
    throw new Shape(where + ".kind", "must be source, transform or sink, got '" + block + "'");
  }

  /** A body of the wrong shape: where, and what is wrong. */
  private static final class Shape extends IOException {
    private static final long serialVersionUID = 1L;
    final String where;

    Shape(String where, String message) {
      super(message);
      this.where = where;
    }
  }
}
