package io.atoll.runtime.connector.jdbc;

import io.atoll.protocol.data.DataType;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;

/**
 * The types a {@code partition_column} may have, each mapped onto a number line so that ranges can
 * be cut evenly: integers as themselves, decimals as themselves, dates as days since 1970-01-01,
 * timestamps as microseconds since 1970-01-01T00:00. Split attributes hold positions on that line.
 */
enum PartitionKey {
  INTEGER, DECIMAL, DATE, TIMESTAMP;

  private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);
  private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
  private static final LocalDateTime EPOCH = LocalDateTime.of(1970, 1, 1, 0, 0);

  /** The key kind of a column type, or null when a column of that type cannot partition. */
  static PartitionKey of(JdbcColumn column) {
    DataType type = column.type();
    if (column.kind() == JdbcColumn.Kind.TIMESTAMP_UTC) {
      return null;
    }
    if (type instanceof DataType.Decimal d) {
      return d.scale() == 0 ? INTEGER : DECIMAL;
    }
    if (type instanceof DataType.Basic b) {
      return switch (b) {
        case TINYINT, SMALLINT, INT, BIGINT -> INTEGER;
        case DATE -> DATE;
        case TIMESTAMP -> TIMESTAMP;
        default -> null;
      };
    }
    return null;
  }

  /** Whether positions are whole numbers (ranges then cut at whole numbers). */
  boolean discrete() {
    return this != DECIMAL;
  }

  /** A column value (as JDBC returns it) as a position. */
  BigDecimal position(Object value) {
    return switch (this) {
      case INTEGER, DECIMAL -> new BigDecimal(value.toString());
      case DATE -> BigDecimal.valueOf(((LocalDate) value).toEpochDay());
      case TIMESTAMP -> BigDecimal.valueOf(ChronoUnit.MICROS.between(EPOCH, (LocalDateTime) value));
    };
  }

  /** An option value ({@code partition_lower_bound}): a number, or an ISO date / date-time. */
  BigDecimal parse(String text) {
    return switch (this) {
      case INTEGER, DECIMAL -> new BigDecimal(text.trim());
      case DATE -> position(LocalDate.parse(text.trim()));
      case TIMESTAMP -> position(LocalDateTime.parse(text.trim().replace(' ', 'T')));
    };
  }

  /** A value of the column in a result set, as the class {@link #position} takes; null for NULL. */
  Object read(ResultSet rs, int index) throws SQLException {
    return switch (this) {
      case INTEGER, DECIMAL -> rs.getBigDecimal(index);
      case DATE -> rs.getObject(index, LocalDate.class);
      case TIMESTAMP -> rs.getObject(index, LocalDateTime.class);
    };
  }

  /** A position as the value bound to a statement parameter comparing with the column. */
  Object bind(BigDecimal position) {
    return switch (this) {
      case INTEGER -> position.compareTo(LONG_MAX) <= 0 && position.compareTo(LONG_MIN) >= 0
          ? (Object) position.longValueExact() : position;
      case DECIMAL -> position;
      case DATE -> LocalDate.ofEpochDay(position.longValueExact());
      case TIMESTAMP -> EPOCH.plus(position.longValueExact(), ChronoUnit.MICROS);
    };
  }
}
