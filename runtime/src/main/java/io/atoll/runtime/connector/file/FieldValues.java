package io.atoll.runtime.connector.file;

import io.atoll.protocol.data.DataType;
import io.atoll.protocol.data.Row;
import io.atoll.protocol.data.RowKind;
import io.atoll.protocol.data.RowType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a loosely typed value — a text cell, a HOCON value, a parsed JSON value (String, Number,
 * Boolean, List, Map, null) — into the Java value {@link DataType} prescribes. One converter for
 * csv/text/json files, FakeSource {@code rows} and Assert {@code equals_to}, so "1.5" means the
 * same everywhere. Decimals take the declared scale (so equality is by value); dates accept
 * {@code CURRENT_DATE} / {@code CURRENT_TIME} / {@code CURRENT_TIMESTAMP} as SeaTunnel does.
 */
public final class FieldValues {
  private FieldValues() {}

  /** @throws IllegalArgumentException saying what was expected and what was found */
  public static Object convert(Object raw, DataType type, ValueFormats formats) {
    if (raw == null) {
      return null;
    }
    if (type instanceof DataType.Basic basic) {
      return basic(raw, basic, formats);
    }
    if (type instanceof DataType.Decimal decimal) {
      return decimal(raw, decimal);
    }
    if (raw instanceof String text) {
      return convert(JsonValues.parse(text, type), type, formats);
    }
    if (type instanceof DataType.Array array) {
      List<Object> out = new ArrayList<>();
      for (Object element : (List<?>) expect(raw, List.class, type)) {
        out.add(convert(element, array.element(), formats));
      }
      return out;
    }
    if (type instanceof DataType.MapOf map) {
      Map<Object, Object> out = new LinkedHashMap<>();
      Map<?, ?> entries = expect(raw, Map.class, type);
      for (Map.Entry<?, ?> e : entries.entrySet()) {
        out.put(convert(e.getKey(), map.key(), formats), convert(e.getValue(), map.value(), formats));
      }
      return out;
    }
    return row(raw, (RowType) type, formats);
  }

  private static Row row(Object raw, RowType type, ValueFormats formats) {
    Object[] values = new Object[type.arity()];
    if (raw instanceof List<?> list) {
      if (list.size() != type.arity()) {
        throw new IllegalArgumentException(
            "expected " + type.arity() + " values for " + type.sqlName() + ", got " + list.size());
      }
      for (int i = 0; i < values.length; i++) {
        values[i] = convertField(list.get(i), type, i, formats);
      }
    } else {
      Map<?, ?> map = expect(raw, Map.class, type);
      for (Object key : map.keySet()) {
        if (type.indexOf(String.valueOf(key)) < 0) {
          throw new IllegalArgumentException("unknown field '" + key + "' for " + type.sqlName());
        }
      }
      for (int i = 0; i < values.length; i++) {
        values[i] = convertField(map.get(type.fields().get(i).name()), type, i, formats);
      }
    }
    return new Row(RowKind.INSERT, values);
  }

  private static Object convertField(Object raw, RowType type, int i, ValueFormats formats) {
    try {
      return convert(raw, type.typeAt(i), formats);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("field '" + type.fields().get(i).name() + "': " + e.getMessage(), e);
    }
  }

  private static Object basic(Object raw, DataType.Basic type, ValueFormats formats) {
    return switch (type) {
      case STRING -> raw instanceof String s ? s : raw instanceof Map || raw instanceof List
          ? JsonValues.render(raw) : String.valueOf(raw);
      case BOOLEAN -> bool(raw);
      case TINYINT -> (byte) integral(raw, Byte.MIN_VALUE, Byte.MAX_VALUE, type);
      case SMALLINT -> (short) integral(raw, Short.MIN_VALUE, Short.MAX_VALUE, type);
      case INT -> (int) integral(raw, Integer.MIN_VALUE, Integer.MAX_VALUE, type);
      case BIGINT -> integral(raw, Long.MIN_VALUE, Long.MAX_VALUE, type);
      case FLOAT -> (float) floating(raw, type);
      case DOUBLE -> floating(raw, type);
      case NULL -> throw new IllegalArgumentException("a null field holds no value, got '" + raw + "'");
      case BYTES -> bytes(raw, formats);
      case DATE -> isWord(raw, "CURRENT_DATE") ? LocalDate.now() : formats.parseDate(text(raw, type));
      case TIME -> isWord(raw, "CURRENT_TIME") ? LocalTime.now() : formats.parseTime(text(raw, type));
      case TIMESTAMP -> isWord(raw, "CURRENT_TIMESTAMP")
          ? LocalDateTime.now() : formats.parseDateTime(text(raw, type));
    };
  }

  private static Boolean bool(Object raw) {
    if (raw instanceof Boolean b) {
      return b;
    }
    String s = String.valueOf(raw).trim();
    if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(s);
    }
    throw new IllegalArgumentException("expected boolean (true or false), got '" + raw + "'");
  }

  private static long integral(Object raw, long min, long max, DataType type) {
    BigDecimal value = number(raw, type);
    BigInteger whole;
    try {
      whole = value.toBigIntegerExact();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("expected " + type.sqlName() + ", got '" + raw + "' (not whole)", e);
    }
    if (whole.compareTo(BigInteger.valueOf(min)) < 0 || whole.compareTo(BigInteger.valueOf(max)) > 0) {
      throw new IllegalArgumentException(
          "expected " + type.sqlName() + " (" + min + " to " + max + "), got '" + raw + "'");
    }
    return whole.longValueExact();
  }

  private static double floating(Object raw, DataType type) {
    if (raw instanceof Number n && !(raw instanceof BigDecimal)) {
      return n.doubleValue();
    }
    String s = String.valueOf(raw).trim();
    if (s.equalsIgnoreCase("NaN") || s.equalsIgnoreCase("Infinity") || s.equalsIgnoreCase("-Infinity")) {
      return Double.parseDouble(s);
    }
    return number(raw, type).doubleValue();
  }

  private static BigDecimal number(Object raw, DataType type) {
    if (raw instanceof BigDecimal d) {
      return d;
    }
    if (raw instanceof Integer || raw instanceof Long || raw instanceof Short || raw instanceof Byte) {
      return BigDecimal.valueOf(((Number) raw).longValue());
    }
    if (raw instanceof BigInteger i) {
      return new BigDecimal(i);
    }
    if (raw instanceof Boolean || raw instanceof Map || raw instanceof List) {
      throw new IllegalArgumentException("expected " + type.sqlName() + ", got '" + raw + "'");
    }
    try {
      return new BigDecimal(String.valueOf(raw).trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("expected " + type.sqlName() + ", got '" + raw + "'", e);
    }
  }

  private static BigDecimal decimal(Object raw, DataType.Decimal type) {
    BigDecimal value = number(raw, type).setScale(type.scale(), RoundingMode.HALF_UP);
    if (value.precision() > type.precision()) {
      throw new IllegalArgumentException("'" + raw + "' does not fit " + type.sqlName());
    }
    return value;
  }

  private static byte[] bytes(Object raw, ValueFormats formats) {
    String s = String.valueOf(raw);
    if (!formats.bytesAsBase64()) {
      return s.getBytes(StandardCharsets.UTF_8);
    }
    try {
      return Base64.getDecoder().decode(s);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("expected base64 bytes, got '" + raw + "'", e);
    }
  }

  private static String text(Object raw, DataType type) {
    if (raw instanceof String s) {
      return s;
    }
    throw new IllegalArgumentException("expected " + type.sqlName() + " as text, got '" + raw + "'");
  }

  private static boolean isWord(Object raw, String word) {
    return raw instanceof String s && s.trim().equalsIgnoreCase(word);
  }

  private static <T> T expect(Object raw, Class<T> kind, DataType type) {
    if (!kind.isInstance(raw)) {
      throw new IllegalArgumentException("expected " + type.sqlName() + ", got '" + raw + "'");
    }
    return kind.cast(raw);
  }
}
