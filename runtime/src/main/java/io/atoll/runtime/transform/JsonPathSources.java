package io.atoll.runtime.transform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.atoll.protocol.data.DataType;
import io.atoll.protocol.data.Row;
import io.atoll.protocol.data.RowType;
import io.atoll.runtime.connector.file.FieldValues;
import io.atoll.runtime.connector.file.JsonValues;
import io.atoll.runtime.connector.file.ValueFormats;
import java.nio.charset.StandardCharsets;
import net.minidev.json.parser.JSONParser;
import net.minidev.json.parser.ParseException;

/**
 * The JSON a {@code JsonPath} column reads and the typed value it writes. As in SeaTunnel: a string
 * field is parsed as JSON text, bytes as UTF-8 JSON text, arrays and maps as their JSON form, and a
 * nested row as the JSON array of its values (so {@code $[0]} is its first field). A string result
 * is the text of a JSON string, or the JSON of anything else; other types convert as file values do.
 */
final class JsonPathSources {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
  private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

  private JsonPathSources() {}

  static boolean readable(DataType type) {
    return type == DataType.Basic.STRING || type == DataType.Basic.BYTES || type instanceof DataType.Array
        || type instanceof DataType.MapOf || type instanceof RowType;
  }

  /** @throws IllegalArgumentException when the text is not JSON */
  static JsonNode json(Object value, DataType type) {
    if (value instanceof String text) {
      return parse(text);
    }
    if (value instanceof byte[] bytes) {
      return parse(new String(bytes, StandardCharsets.UTF_8));
    }
    if (type instanceof RowType rowType) {
      Row row = (Row) value;
      ArrayNode fields = NODES.arrayNode();
      for (int i = 0; i < rowType.arity(); i++) {
        fields.add(JsonValues.toJson(row.field(i), rowType.typeAt(i), ValueFormats.JSON));
      }
      return fields;
    }
    return JsonValues.toJson(value, type, ValueFormats.JSON);
  }

  /** Deeper documents are refused before parsing: Jackson 2.13 would recurse until the stack overflows. */
  static final int MAX_DEPTH = 1000;

  private static JsonNode parse(String text) {
    requireDepthAtMost(text, MAX_DEPTH);
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException strict) {
      return permissive(text, strict);
    }
  }

  /**
   * Text strict JSON refuses is read as SeaTunnel's JsonPath reads all text, with json-smart's
   * permissive mode: unquoted names and string values, single quotes. SeaTunnel's own e2e files
   * hold such text, as HOCON leaves {@code "{"a":"b"}"} unquoted as {@code {a:b}}.
   */
  private static JsonNode permissive(String text, JsonProcessingException strict) {
    Object parsed;
    try {
      parsed = new JSONParser(JSONParser.MODE_PERMISSIVE).parse(text);
    } catch (ParseException | RuntimeException e) {
      throw new IllegalArgumentException("not JSON: " + strict.getOriginalMessage());
    }
    return MAPPER.valueToTree(parsed);
  }

  private static void requireDepthAtMost(String text, int max) {
    int depth = 0;
    boolean inString = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == '[' || c == '{') {
        if (++depth > max) {
          throw new IllegalArgumentException("not JSON this transform reads: nested deeper than " + max + " levels");
        }
      } else if (c == ']' || c == '}') {
        depth--;
      }
    }
  }

  /** @throws IllegalArgumentException (or a {@link java.time.DateTimeException}) when it does not fit */
  static Object convert(JsonNode node, DataType type) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (type == DataType.Basic.STRING) {
      return node.isTextual() ? node.textValue() : JsonValues.render(node);
    }
    Object plain = MAPPER.convertValue(node, Object.class);
    return FieldValues.convert(plain, type, ValueFormats.JSON);
  }
}
