package io.atoll.runtime.connector.file;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atoll.protocol.data.DataType;
import io.atoll.protocol.data.Row;
import io.atoll.protocol.data.RowType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

/**
 * JSON in and out of typed values: the json file format, and the text form of arrays, maps and
 * nested rows inside text/csv cells (SeaTunnel writes those as JSON too). Floats are read as
 * {@link BigDecimal} so a decimal column loses nothing on the way in.
 */
public final class JsonValues {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
  private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

  private JsonValues() {}

  /** Parses JSON text into String/Number/Boolean/List/Map/null. */
  public static Object parse(String text, DataType expected) {
    try {
      return MAPPER.readValue(text, Object.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "expected " + expected.sqlName() + " as JSON, got '" + text + "': " + e.getOriginalMessage(), e);
    }
  }

  /** Renders plain values (as {@link #parse} returns them) back to JSON text. */
  public static String render(Object plain) {
    try {
      return MAPPER.writeValueAsString(plain);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot render " + plain + " as JSON: " + e.getOriginalMessage(), e);
    }
  }

  public static String render(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render a JSON tree: " + e.getOriginalMessage(), e);
    }
  }

  /** A row as one JSON object: field name → value. */
  public static ObjectNode rowObject(Row row, RowType type, ValueFormats formats) {
    ObjectNode node = NODES.objectNode();
    for (int i = 0; i < type.arity(); i++) {
      node.set(type.fields().get(i).name(), toJson(row.field(i), type.typeAt(i), formats));
    }
    return node;
  }

  public static JsonNode toJson(Object value, DataType type, ValueFormats formats) {
    if (value == null) {
      return NODES.nullNode();
    }
    if (type instanceof RowType rowType) {
      return rowObject((Row) value, rowType, formats);
    }
    if (type instanceof DataType.Array array) {
      ArrayNode node = NODES.arrayNode();
      for (Object element : (List<?>) value) {
        node.add(toJson(element, array.element(), formats));
      }
      return node;
    }
    if (type instanceof DataType.MapOf map) {
      ObjectNode node = NODES.objectNode();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
        node.set(ValueText.format(e.getKey(), map.key(), formats), toJson(e.getValue(), map.value(), formats));
      }
      return node;
    }
    return scalar(value, formats);
  }

  private static JsonNode scalar(Object value, ValueFormats formats) {
    if (value instanceof String s) {
      return NODES.textNode(s);
    }
    if (value instanceof Boolean b) {
      return NODES.booleanNode(b);
    }
    if (value instanceof BigDecimal d) {
      return NODES.numberNode(d);
    }
    if (value instanceof Double d) {
      return NODES.numberNode(d);
    }
    if (value instanceof Float f) {
      return NODES.numberNode(f);
    }
    if (value instanceof Number n) {
      return NODES.numberNode(n.longValue());
    }
    if (value instanceof byte[] bytes) {
      return NODES.binaryNode(bytes);
    }
    if (value instanceof LocalDate d) {
      return NODES.textNode(formats.date().format(d));
    }
    if (value instanceof LocalTime t) {
      return NODES.textNode(formats.time().format(t));
    }
    if (value instanceof LocalDateTime t) {
      return NODES.textNode(formats.dateTime().format(t));
    }
    throw new IllegalArgumentException("no JSON form for a " + value.getClass().getName());
  }
}
