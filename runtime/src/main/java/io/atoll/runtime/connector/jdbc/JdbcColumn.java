package io.atoll.runtime.connector.jdbc;

import io.atoll.protocol.data.DataType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How one column of a result set is read: its Atoll type and the getter that yields the value in
 * that type's Java class (see {@link DataType}). Built from the result set's metadata by
 * {@link JdbcTypes}.
 *
 * @param name the column's label in the query
 * @param sqlType the database's name for its type, for messages
 * @param kind how the value is fetched
 */
record JdbcColumn(String name, String sqlType, DataType type, Kind kind) {
  enum Kind {
    BOOLEAN, INT, BIGINT, SMALLINT, TINYINT, FLOAT, DOUBLE, DECIMAL, STRING, DATE, TIME, TIMESTAMP,
    /** A timestamp with time zone, as the UTC date and time of its instant. */
    TIMESTAMP_UTC, BYTES, ARRAY
  }

  /** The value of this column (1-based {@code index}) in the current row; null for SQL NULL. */
  Object read(ResultSet rs, int index) throws SQLException {
    Object value = switch (kind) {
      case BOOLEAN -> rs.getBoolean(index);
      case INT -> rs.getInt(index);
      case BIGINT -> rs.getLong(index);
      case SMALLINT -> rs.getShort(index);
      case TINYINT -> rs.getByte(index);
      case FLOAT -> rs.getFloat(index);
      case DOUBLE -> rs.getDouble(index);
      case DECIMAL -> decimal(rs.getBigDecimal(index));
      case STRING -> rs.getString(index);
      case DATE -> rs.getObject(index, LocalDate.class);
      case TIME -> rs.getObject(index, LocalTime.class);
      case TIMESTAMP -> rs.getObject(index, LocalDateTime.class);
      case TIMESTAMP_UTC -> utc(rs.getObject(index, OffsetDateTime.class));
      case BYTES -> rs.getBytes(index);
      case ARRAY -> array(rs.getArray(index));
    };
    return rs.wasNull() ? null : value;
  }

  /** The value at the type's scale; a value that does not fit the declared decimal fails, never rounds. */
  private BigDecimal decimal(BigDecimal value) {
    if (value == null) {
      return null;
    }
    DataType.Decimal decimal = (DataType.Decimal) type;
    try {
      BigDecimal scaled = value.setScale(decimal.scale(), RoundingMode.UNNECESSARY);
      if (scaled.precision() - scaled.scale() > decimal.precision() - decimal.scale()) {
        throw new ArithmeticException("too many digits");
      }
      return scaled;
    } catch (ArithmeticException e) {
      throw new IllegalStateException("Jdbc source: column '" + name + "' (" + sqlType + ") holds " + value
          + ", which does not fit " + decimal.sqlName() + " without rounding; cast it in the query"
          + " (e.g. to numeric(p, s) or text)", e);
    }
  }

  private static LocalDateTime utc(OffsetDateTime value) {
    return value == null ? null : value.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
  }

  /** A SQL array as a list of the element type's Java values (int2 elements widened to int). */
  private List<Object> array(Array array) throws SQLException {
    if (array == null) {
      return null;
    }
    try {
      Object[] elements = (Object[]) array.getArray();
      List<Object> list = new ArrayList<>(Arrays.asList(elements));
      if (((DataType.Array) type).element() == DataType.Basic.INT) {
        list.replaceAll(e -> e == null ? null : ((Number) e).intValue());
      }
      return list;
    } finally {
      array.free();
    }
  }
}
