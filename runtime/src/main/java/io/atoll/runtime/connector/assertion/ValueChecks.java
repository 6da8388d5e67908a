package io.atoll.runtime.connector.assertion;

import io.atoll.protocol.data.DataType;
import io.atoll.protocol.data.Row;
import io.atoll.protocol.data.RowType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * What Assert compares: whether a value is of a type (SeaTunnel checks the Java class, and a
 * decimal's scale and precision), deep equality for {@code equals_to} (bytes by content, decimals
 * by value), and how a value is shown in a failure message.
 */
final class ValueChecks {
  private ValueChecks() {}

  /**
   * As SeaTunnel's Assert: a null is of type {@code null} only, at the top and inside arrays, maps
   * and rows alike, so {@code field_type = int} also asserts the value is there.
   */
  static boolean conforms(Object value, DataType type) {
    if (value == null) {
      return type == DataType.Basic.NULL;
    }
    if (type instanceof DataType.Basic basic) {
      return switch (basic) {
        case STRING -> value instanceof String;
        case BOOLEAN -> value instanceof Boolean;
        case TINYINT -> value instanceof Byte;
        case SMALLINT -> value instanceof Short;
        case INT -> value instanceof Integer;
        case BIGINT -> value instanceof Long;
        case FLOAT -> value instanceof Float;
        case DOUBLE -> value instanceof Double;
        case NULL -> false;
        case BYTES -> value instanceof byte[];
        case DATE -> value instanceof LocalDate;
        case TIME -> value instanceof LocalTime;
        case TIMESTAMP -> value instanceof LocalDateTime;
      };
    }
    if (type instanceof DataType.Decimal decimal) {
      return value instanceof BigDecimal d && d.scale() == decimal.scale() && d.precision() <= decimal.precision();
    }
    if (type instanceof DataType.Array array) {
      return value instanceof List<?> list && list.stream().allMatch(e -> conforms(e, array.element()));
    }
    if (type instanceof DataType.MapOf map) {
      return value instanceof Map<?, ?> m && m.entrySet().stream()
          .allMatch(e -> conforms(e.getKey(), map.key()) && conforms(e.getValue(), map.value()));
    }
    RowType rowType = (RowType) type;
    if (!(value instanceof Row row) || row.arity() != rowType.arity()) {
      return false;
    }
    for (int i = 0; i < row.arity(); i++) {
      if (!conforms(row.field(i), rowType.typeAt(i))) {
        return false;
      }
    }
    return true;
  }

  static boolean equal(Object a, Object b) {
    if (a == null || b == null) {
      return a == b;
    }
    if (a instanceof byte[] x && b instanceof byte[] y) {
      return Arrays.equals(x, y);
    }
    if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
      return x.compareTo(y) == 0;
    }
    if (a instanceof List<?> x && b instanceof List<?> y) {
      return x.size() == y.size() && allEqual(x.iterator(), y.iterator());
    }
    if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
      return x.size() == y.size()
          && x.entrySet().stream().allMatch(e -> y.containsKey(e.getKey()) && equal(e.getValue(), y.get(e.getKey())));
    }
    if (a instanceof Row x && b instanceof Row y) {
      return x.arity() == y.arity() && allEqual(Arrays.asList(x.values()).iterator(), Arrays.asList(y.values()).iterator());
    }
    return a.equals(b);
  }

  private static boolean allEqual(Iterator<?> x, Iterator<?> y) {
    while (x.hasNext()) {
      if (!equal(x.next(), y.next())) {
        return false;
      }
    }
    return true;
  }

  static String show(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof String s) {
      return "'" + s + "'";
    }
    if (value instanceof byte[] bytes) {
      return Arrays.toString(bytes);
    }
    if (value instanceof BigDecimal d) {
      return d.toPlainString();
    }
    return String.valueOf(value);
  }

  /** A rule value without a needless ".0". */
  static String number(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
  }
}
