package io.atoll.runtime.connector.jdbc;

import io.atoll.protocol.data.DataType;
import io.atoll.protocol.data.RowType;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Binds Atoll values to statement parameters by the field's Atoll type (see {@link DataType} for the
 * Java classes). The target column's type, when known, refines it as the source reads it back: a
 * timestamp goes into a {@code timestamptz} column as that UTC instant, a string into a
 * {@code json} / {@code uuid} / ... column as an untyped literal PostgreSQL casts, an array with the
 * column's element type.
 */
final class JdbcSinkValues {
  private final RowType input;
  private final boolean postgres;
  /** Lower-case type names of the table's columns by field name; empty for an explicit query. */
  private final Map<String, String> columnTypes;

  JdbcSinkValues(RowType input, boolean postgres, Map<String, String> columnTypes) {
    this.input = input;
    this.postgres = postgres;
    this.columnTypes = Map.copyOf(columnTypes);
  }

  /** The fields whose type no column can hold (maps and rows), as problems naming them. */
  static void check(RowType input, List<String> problems) {
    for (RowType.Field field : input.fields()) {
      DataType type = field.type();
      DataType element = type instanceof DataType.Array a ? a.element() : type;
      if (!(element instanceof DataType.Basic || element instanceof DataType.Decimal)) {
        problems.add("field '" + field.name() + "' has type " + type.sqlName() + ", which the Jdbc sink cannot"
            + " write; turn it into a string first (e.g. with the Sql transform)");
      }
    }
  }

  /** Sets parameter {@code index} (1-based) to the value of input field {@code field}. */
  void bind(Connection connection, PreparedStatement statement, int index, int field, Object value)
      throws SQLException {
    RowType.Field f = input.fields().get(field);
    String column = columnTypes.getOrDefault(f.name(), "");
    if (value == null) {
      statement.setNull(index, Types.NULL);
      return;
    }
    DataType type = f.type();
    if (type instanceof DataType.Decimal) {
      statement.setBigDecimal(index, (BigDecimal) value);
    } else if (type instanceof DataType.Array a) {
      Object[] elements = ((List<?>) value).toArray();
      statement.setArray(index, connection.createArrayOf(arrayElement(column, a.element()), elements));
    } else {
      bindBasic(statement, index, (DataType.Basic) type, column, value);
    }
  }

  private void bindBasic(PreparedStatement statement, int index, DataType.Basic type, String column, Object value)
      throws SQLException {
    switch (type) {
      case STRING -> {
        if (postgres && !column.isEmpty() && !textColumn(column)) {
          statement.setObject(index, value, Types.OTHER); // json, jsonb, uuid, xml, ...: PostgreSQL casts it
        } else {
          statement.setString(index, (String) value);
        }
      }
      case BOOLEAN -> statement.setBoolean(index, (Boolean) value);
      case TINYINT -> statement.setShort(index, ((Byte) value).shortValue());
      case SMALLINT -> statement.setShort(index, (Short) value);
      case INT -> statement.setInt(index, (Integer) value);
      case BIGINT -> statement.setLong(index, (Long) value);
      case FLOAT -> statement.setFloat(index, (Float) value);
      case DOUBLE -> statement.setDouble(index, (Double) value);
      case BYTES -> statement.setBytes(index, (byte[]) value);
      case TIMESTAMP -> {
        if (column.equals("timestamptz")) {
          statement.setObject(index, ((LocalDateTime) value).atOffset(ZoneOffset.UTC));
        } else {
          statement.setObject(index, value);
        }
      }
      case DATE, TIME -> statement.setObject(index, value);
      case NULL -> statement.setNull(index, Types.NULL);
    }
  }

  private static boolean textColumn(String column) {
    return switch (column) {
      case "text", "varchar", "bpchar", "char", "name", "character varying", "character" -> true;
      default -> false;
    };
  }

  /** The element type name createArrayOf needs: the column's (PostgreSQL {@code _int4} holds {@code int4}). */
  private String arrayElement(String column, DataType element) {
    if (column.startsWith("_")) {
      return column.substring(1);
    }
    if (element instanceof DataType.Decimal) {
      return "numeric";
    }
    return switch ((DataType.Basic) element) {
      case BOOLEAN -> postgres ? "bool" : "boolean";
      case TINYINT, SMALLINT -> postgres ? "int2" : "smallint";
      case INT -> postgres ? "int4" : "integer";
      case BIGINT -> postgres ? "int8" : "bigint";
      case FLOAT -> postgres ? "float4" : "real";
      case DOUBLE -> postgres ? "float8" : "double";
      case DATE -> "date";
      case TIME -> "time";
      case TIMESTAMP -> "timestamp";
      default -> postgres ? "text" : "varchar";
    };
  }

  static String lower(String typeName) {
    return typeName == null ? "" : typeName.toLowerCase(Locale.ROOT);
  }
}
