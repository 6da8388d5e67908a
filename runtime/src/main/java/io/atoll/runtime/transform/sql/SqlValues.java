package io.atoll.runtime.transform.sql;

import io.atoll.protocol.data.DataType;
import io.atoll.protocol.data.DataType.Basic;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;

/** Value conversions shared by operators, CAST and functions; null in gives null out. */
final class SqlValues {
  /** {@code 2024-01-02 03:04:05[.fraction]} and the ISO {@code T} form. */
  static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
      .append(DateTimeFormatter.ISO_LOCAL_DATE)
      .optionalStart().appendLiteral(' ').optionalEnd()
      .optionalStart().appendLiteral('T').optionalEnd()
      .appendPattern("HH:mm[:ss]")
      .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
      .toFormatter();

  private SqlValues() {}

  static boolean isNumeric(DataType type) {
    return type instanceof DataType.Decimal || type instanceof Basic b && b.numeric();
  }

  /**
   * The type arithmetic on two numeric types yields, as SeaTunnel's ZetaSQLType: decimal (largest
   * precision and scale) if either is, else double if either is float or double, else bigint, else int.
   */
  static DataType wider(DataType a, DataType b) {
    if (a == Basic.NULL) {
      return b;
    }
    if (b == Basic.NULL) {
      return a;
    }
    if (a instanceof DataType.Decimal || b instanceof DataType.Decimal) {
      int precision = 0;
      int scale = 0;
      for (DataType t : new DataType[] {a, b}) {
        if (t instanceof DataType.Decimal d) {
          precision = Math.max(precision, d.precision());
          scale = Math.max(scale, d.scale());
        }
      }
      return new DataType.Decimal(precision, scale);
    }
    if (a == Basic.DOUBLE || b == Basic.DOUBLE || a == Basic.FLOAT || b == Basic.FLOAT) {
      return Basic.DOUBLE;
    }
    return a == Basic.BIGINT || b == Basic.BIGINT ? Basic.BIGINT : Basic.INT;
  }

  static BigDecimal toDecimal(Object v) {
    if (v instanceof BigDecimal d) {
      return d;
    }
    if (v instanceof Double || v instanceof Float) {
      return BigDecimal.valueOf(((Number) v).doubleValue());
    }
    if (v instanceof Number n) {
      return BigDecimal.valueOf(n.longValue());
    }
    if (v instanceof Boolean b) {
      return b ? BigDecimal.ONE : BigDecimal.ZERO;
    }
    return new BigDecimal(v.toString().trim());
  }

  static boolean truth(Object v) {
    if (v instanceof Boolean b) {
      return b;
    }
    if (v instanceof Number n) {
      return n.doubleValue() != 0;
    }
    String s = v.toString().trim().toLowerCase();
    return switch (s) {
      case "true", "t", "yes", "y", "1" -> true;
      case "false", "f", "no", "n", "0" -> false;
      default -> throw new IllegalArgumentException("cannot convert '" + v + "' to boolean");
    };
  }

  /**
   * CAST: converts a value to the Java class of the target type; one that does not fit is an error
   * naming both. As SeaTunnel's CAST, a whole number becomes a TIMESTAMP as epoch milliseconds in
   * the system's zone, a DATE as yyyyMMdd digits and a TIME as HHmmss digits.
   */
  static Object cast(Object v, DataType target) {
    if (v == null) {
      return null;
    }
    try {
      return convert(v, target);
    } catch (IllegalArgumentException | ArithmeticException | java.time.DateTimeException e) {
      throw new IllegalArgumentException("cannot cast '" + asString(v) + "' to " + target.sqlName(), e);
    }
  }

  /**
   * CAST(x AS DECIMAL(p, s)) rounds towards positive infinity, as SeaTunnel's CAST does:
   * 1.001 is 1.01 and -13.45 is -13.4 at scale 2 and 1 (implicit conversions round half up).
   */
  static BigDecimal castToDecimal(Object v, DataType.Decimal target) {
    if (v == null) {
      return null;
    }
    try {
      return toDecimal(v).setScale(target.scale(), RoundingMode.CEILING);
    } catch (NumberFormatException | ArithmeticException e) {
      throw new IllegalArgumentException("cannot cast '" + asString(v) + "' to " + target.sqlName(), e);
    }
  }

  private static Object convert(Object v, DataType target) {
    if (target instanceof DataType.Decimal d) {
      return toDecimal(v).setScale(d.scale(), RoundingMode.HALF_UP);
    }
    if (!(target instanceof Basic basic)) {
      return v;
    }
    return switch (basic) {
      case STRING -> asString(v);
      case BOOLEAN -> truth(v);
      case TINYINT -> toDecimal(v).setScale(0, RoundingMode.DOWN).byteValueExact();
      case SMALLINT -> toDecimal(v).setScale(0, RoundingMode.DOWN).shortValueExact();
      case INT -> toDecimal(v).setScale(0, RoundingMode.DOWN).intValueExact();
      case BIGINT -> toDecimal(v).setScale(0, RoundingMode.DOWN).longValueExact();
      case FLOAT -> v instanceof Number n ? n.floatValue() : Float.parseFloat(asString(v).trim());
      case DOUBLE -> v instanceof Number n ? n.doubleValue() : Double.parseDouble(asString(v).trim());
      case BYTES -> v instanceof byte[] b ? b : asString(v).getBytes(StandardCharsets.UTF_8);
      case DATE -> isIntegral(v) ? dateOfDigits(((Number) v).longValue()) : toDate(v);
      case TIME -> isIntegral(v) ? timeOfDigits(((Number) v).longValue()) : toTime(v);
      case TIMESTAMP -> isIntegral(v) ? LocalDateTime.ofInstant(Instant.ofEpochMilli(((Number) v).longValue()),
          ZoneId.systemDefault()) : toTimestamp(v);
      case NULL -> null;
    };
  }

  private static boolean isIntegral(Object v) {
    return v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte;
  }

  /** SeaTunnel's CAST of a whole number to DATE reads its digits as yyyyMMdd: 20230625 is 2023-06-25. */
  private static LocalDate dateOfDigits(long digits) {
    return LocalDate.of(Math.toIntExact(digits / 10000), (int) (digits / 100 % 100), (int) (digits % 100));
  }

  /** SeaTunnel's CAST of a whole number to TIME reads its digits as HHmmss: 235109 is 23:51:09. */
  private static LocalTime timeOfDigits(long digits) {
    return LocalTime.of(Math.toIntExact(digits / 10000), (int) (digits / 100 % 100), (int) (digits % 100));
  }

  static String asString(Object v) {
    if (v == null) {
      return null;
    }
    if (v instanceof byte[] b) {
      return new String(b, StandardCharsets.UTF_8);
    }
    if (v instanceof BigDecimal d) {
      return d.toPlainString();
    }
    // A TIMESTAMP as text is Java's ISO form, as in SeaTunnel (CAST, CONCAT, ||): 2024-03-15T10:20:30.
    return v.toString();
  }

  static LocalDate toDate(Object v) {
    if (v instanceof LocalDate d) {
      return d;
    }
    if (v instanceof LocalDateTime t) {
      return t.toLocalDate();
    }
    String s = asString(v).trim();
    return s.length() > 10 ? LocalDateTime.parse(s, TIMESTAMP).toLocalDate() : LocalDate.parse(s);
  }

  static LocalTime toTime(Object v) {
    if (v instanceof LocalTime t) {
      return t;
    }
    if (v instanceof LocalDateTime t) {
      return t.toLocalTime();
    }
    String s = asString(v).trim();
    return s.length() > 10 && s.charAt(4) == '-' ? LocalDateTime.parse(s, TIMESTAMP).toLocalTime() : LocalTime.parse(s);
  }

  static LocalDateTime toTimestamp(Object v) {
    if (v instanceof LocalDateTime t) {
      return t;
    }
    if (v instanceof LocalDate d) {
      return d.atStartOfDay();
    }
    String s = asString(v).trim();
    return s.length() == 10 ? LocalDate.parse(s).atStartOfDay() : LocalDateTime.parse(s, TIMESTAMP);
  }

  /**
   * Equality for {@code =}, {@code <>}, IN and NULLIF of two non-null values: as {@link #compare},
   * but a value the other side's type cannot read (text 'Joy' against a number) is unequal, not an
   * error, as SeaTunnel answers it.
   */
  static boolean same(Object a, Object b) {
    try {
      return compare(a, b) == 0;
    } catch (IllegalArgumentException | java.time.DateTimeException e) {
      return false;
    }
  }

  /** Compares two non-null values: numbers by value, else strings, dates and booleans naturally. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static int compare(Object a, Object b) {
    if (a instanceof Number || b instanceof Number) {
      if ((a instanceof Double || a instanceof Float) || (b instanceof Double || b instanceof Float)) {
        return Double.compare(toDecimal(a).doubleValue(), toDecimal(b).doubleValue());
      }
      return toDecimal(a).compareTo(toDecimal(b));
    }
    if (a instanceof LocalDateTime || b instanceof LocalDateTime) {
      return toTimestamp(a).compareTo(toTimestamp(b));
    }
    if (a instanceof LocalDate || b instanceof LocalDate) {
      return toDate(a).compareTo(toDate(b));
    }
    if (a instanceof LocalTime || b instanceof LocalTime) {
      return toTime(a).compareTo(toTime(b));
    }
    if (a instanceof Boolean || b instanceof Boolean) {
      return Boolean.compare(truth(a), truth(b));
    }
    if (a.getClass() == b.getClass() && a instanceof Comparable c) {
      return c.compareTo(b);
    }
    return asString(a).compareTo(asString(b));
  }
}
