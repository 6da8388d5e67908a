package io.atoll.runtime.connector.jdbc;

import io.atoll.protocol.data.DataType;
import io.atoll.protocol.data.RowType;
import io.atoll.runtime.connector.jdbc.JdbcColumn.Kind;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Maps a query's columns onto Atoll's types. PostgreSQL columns (named by their type, as the
 * driver reports them) follow SeaTunnel 2.3.4's {@code PostgresTypeMapper}: int2 and int4 are int,
 * numeric without precision is decimal(38, 18), json, jsonb, xml and uuid are strings, and arrays
 * of booleans, integers, floats and strings are arrays. Atoll adds timestamptz, read as the UTC
 * date and time of the instant (SeaTunnel 2.3.4 refuses it). Other databases map by their JDBC
 * type. A column of any other type is a problem naming the column and its type.
 */
final class JdbcTypes {
  private static final DataType.Decimal UNBOUNDED_NUMERIC = new DataType.Decimal(38, 18);

  private JdbcTypes() {}

  /** The columns of a result set; a column whose type has no mapping adds a problem and is left out. */
  static List<JdbcColumn> columns(ResultSetMetaData meta, boolean postgres, List<String> problems)
      throws SQLException {
    List<JdbcColumn> columns = new ArrayList<>();
    for (int i = 1; i <= meta.getColumnCount(); i++) {
      String name = meta.getColumnLabel(i);
      String typeName = meta.getColumnTypeName(i);
      JdbcColumn column = postgres ? postgres(name, typeName, meta.getPrecision(i), meta.getScale(i))
          : generic(name, typeName, meta.getColumnType(i), meta.getPrecision(i), meta.getScale(i));
      if (column == null) {
        problems.add("column '" + name + "' has type " + typeName + ", which the Jdbc source cannot read;"
            + " cast it in the query (e.g. " + name + "::text) or leave it out");
      } else {
        columns.add(column);
      }
    }
    return columns;
  }

  static RowType rowType(List<JdbcColumn> columns) {
    return new RowType(columns.stream().map(c -> new RowType.Field(c.name(), c.type())).toList());
  }

  private static JdbcColumn postgres(String name, String typeName, int precision, int scale) {
    String t = typeName.toLowerCase(Locale.ROOT);
    return switch (t) {
      case "bool" -> basic(name, typeName, DataType.Basic.BOOLEAN, Kind.BOOLEAN);
      case "int2", "int4", "smallserial", "serial" -> basic(name, typeName, DataType.Basic.INT, Kind.INT);
      case "int8", "bigserial" -> basic(name, typeName, DataType.Basic.BIGINT, Kind.BIGINT);
      case "float4" -> basic(name, typeName, DataType.Basic.FLOAT, Kind.FLOAT);
      case "float8" -> basic(name, typeName, DataType.Basic.DOUBLE, Kind.DOUBLE);
      case "numeric" -> decimal(name, typeName, precision, scale);
      case "bpchar", "char", "varchar", "text", "json", "jsonb", "xml", "uuid", "name", "geometry", "geography" ->
          basic(name, typeName, DataType.Basic.STRING, Kind.STRING);
      case "date" -> basic(name, typeName, DataType.Basic.DATE, Kind.DATE);
      case "time" -> basic(name, typeName, DataType.Basic.TIME, Kind.TIME);
      case "timestamp" -> basic(name, typeName, DataType.Basic.TIMESTAMP, Kind.TIMESTAMP);
      case "timestamptz" -> basic(name, typeName, DataType.Basic.TIMESTAMP, Kind.TIMESTAMP_UTC);
      case "bytea" -> basic(name, typeName, DataType.Basic.BYTES, Kind.BYTES);
      case "_bool" -> array(name, typeName, DataType.Basic.BOOLEAN);
      case "_int2", "_int4" -> array(name, typeName, DataType.Basic.INT);
      case "_int8" -> array(name, typeName, DataType.Basic.BIGINT);
      case "_float4" -> array(name, typeName, DataType.Basic.FLOAT);
      case "_float8" -> array(name, typeName, DataType.Basic.DOUBLE);
      case "_bpchar", "_char", "_varchar", "_text" -> array(name, typeName, DataType.Basic.STRING);
      default -> null;
    };
  }

  private static JdbcColumn generic(String name, String typeName, int jdbcType, int precision, int scale) {
    return switch (jdbcType) {
      case Types.BIT, Types.BOOLEAN -> basic(name, typeName, DataType.Basic.BOOLEAN, Kind.BOOLEAN);
      case Types.TINYINT -> basic(name, typeName, DataType.Basic.TINYINT, Kind.TINYINT);
      case Types.SMALLINT -> basic(name, typeName, DataType.Basic.SMALLINT, Kind.SMALLINT);
      case Types.INTEGER -> basic(name, typeName, DataType.Basic.INT, Kind.INT);
      case Types.BIGINT -> basic(name, typeName, DataType.Basic.BIGINT, Kind.BIGINT);
      case Types.REAL -> basic(name, typeName, DataType.Basic.FLOAT, Kind.FLOAT);
      case Types.FLOAT, Types.DOUBLE -> basic(name, typeName, DataType.Basic.DOUBLE, Kind.DOUBLE);
      case Types.NUMERIC, Types.DECIMAL -> decimal(name, typeName, precision, scale);
      case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.NCHAR, Types.NVARCHAR, Types.LONGNVARCHAR,
          Types.CLOB, Types.NCLOB -> basic(name, typeName, DataType.Basic.STRING, Kind.STRING);
      case Types.DATE -> basic(name, typeName, DataType.Basic.DATE, Kind.DATE);
      case Types.TIME -> basic(name, typeName, DataType.Basic.TIME, Kind.TIME);
      case Types.TIMESTAMP -> basic(name, typeName, DataType.Basic.TIMESTAMP, Kind.TIMESTAMP);
      case Types.TIMESTAMP_WITH_TIMEZONE -> basic(name, typeName, DataType.Basic.TIMESTAMP, Kind.TIMESTAMP_UTC);
      case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB ->
          basic(name, typeName, DataType.Basic.BYTES, Kind.BYTES);
      default -> null;
    };
  }

  private static JdbcColumn basic(String name, String typeName, DataType type, Kind kind) {
    return new JdbcColumn(name, typeName, type, kind);
  }

  private static JdbcColumn array(String name, String typeName, DataType element) {
    return new JdbcColumn(name, typeName, new DataType.Array(element), Kind.ARRAY);
  }

  /** numeric(p, s) as decimal(p, s); without a precision (or one past 38) as SeaTunnel: decimal(38, 18). */
  private static JdbcColumn decimal(String name, String typeName, int precision, int scale) {
    if (precision <= 0 || precision > 38 || scale < 0 || scale > precision) {
      if (precision > 38 && precision != 1000) {
        return null; // numeric(50, 2): no Atoll decimal holds it
      }
      return new JdbcColumn(name, typeName, UNBOUNDED_NUMERIC, Kind.DECIMAL);
    }
    return new JdbcColumn(name, typeName + "(" + precision + "," + scale + ")",
        new DataType.Decimal(precision, scale), Kind.DECIMAL);
  }
}
