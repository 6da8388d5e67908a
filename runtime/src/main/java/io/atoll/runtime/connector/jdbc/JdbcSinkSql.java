package io.atoll.runtime.connector.jdbc;

import io.atoll.protocol.data.DataType;
import io.atoll.protocol.data.RowType;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The statements the Jdbc sink generates for one table from the input schema
 * ({@code generate_sink_sql = true}): INSERT, UPSERT (PostgreSQL {@code ON CONFLICT}, MySQL
 * {@code ON DUPLICATE KEY}), UPDATE and DELETE by primary key, the existence query of
 * {@code support_upsert_by_query_primary_key_exist}, and CREATE TABLE for {@code schema_save_mode}.
 * Every name is quoted with the connection's quote string.
 *
 * @param schema the table's schema (PostgreSQL: {@code public} when {@code table} names none), or null
 * @param name the table's name
 * @param fields the input fields, in order: the columns written
 * @param keys the primary key fields
 */
record JdbcSinkSql(String schema, String name, List<String> fields, List<String> keys, String quote,
    Dialect dialect) {
  enum Dialect { POSTGRES, MYSQL, OTHER }

  JdbcSinkSql {
    fields = List.copyOf(fields);
    keys = List.copyOf(keys);
  }

  /** A {@code table} option ({@code table}, {@code schema.table} or {@code db.schema.table}) on this dialect. */
  static JdbcSinkSql of(String table, RowType input, List<String> keys, String quote, Dialect dialect) {
    List<String> parts = Arrays.asList(table.trim().split("\\."));
    String name = parts.get(parts.size() - 1);
    String schema = parts.size() >= 2 ? parts.get(parts.size() - 2) : dialect == Dialect.POSTGRES ? "public" : null;
    List<String> fields = input.fields().stream().map(RowType.Field::name).toList();
    return new JdbcSinkSql(schema, name, fields, keys, quote, dialect);
  }

  static Dialect dialect(String url) {
    String u = url.toLowerCase(Locale.ROOT);
    return u.startsWith("jdbc:postgresql:") ? Dialect.POSTGRES : u.startsWith("jdbc:mysql:") ? Dialect.MYSQL
        : Dialect.OTHER;
  }

  String quoted(String identifier) {
    return quote + identifier + quote;
  }

  String tableName() {
    return (schema == null ? "" : quoted(schema) + ".") + quoted(name);
  }

  /** For messages: schema.table as the user wrote it. */
  String displayName() {
    return (schema == null ? "" : schema + ".") + name;
  }

  String insert() {
    return "INSERT INTO " + tableName() + " (" + columns(fields) + ") VALUES (" + placeholders(fields.size()) + ")";
  }

  /** The upsert of one row by {@link #keys}, or null when this dialect has none (then: query, then update/insert). */
  String upsert() {
    List<String> others = fields.stream().filter(f -> !keys.contains(f)).toList();
    return switch (dialect) {
      case POSTGRES -> insert() + " ON CONFLICT (" + columns(keys) + ") DO "
          + (others.isEmpty() ? "NOTHING"
              : "UPDATE SET " + others.stream().map(f -> quoted(f) + " = EXCLUDED." + quoted(f))
                  .collect(Collectors.joining(", ")));
      case MYSQL -> insert() + " ON DUPLICATE KEY UPDATE "
          + (others.isEmpty() ? keys.stream() : others.stream()).map(f -> quoted(f) + " = VALUES(" + quoted(f) + ")")
              .collect(Collectors.joining(", "));
      case OTHER -> null;
    };
  }

  /** Sets every non-key field of the row with the key; parameters: the non-key fields, then the keys. */
  String update() {
    List<String> others = fields.stream().filter(f -> !keys.contains(f)).toList();
    List<String> set = others.isEmpty() ? keys : others;
    return "UPDATE " + tableName() + " SET " + set.stream().map(f -> quoted(f) + " = ?")
        .collect(Collectors.joining(", ")) + " WHERE " + keyCondition();
  }

  /** The fields bound by {@link #update()}, in parameter order. */
  List<String> updateParameters() {
    List<String> others = fields.stream().filter(f -> !keys.contains(f)).toList();
    List<String> parameters = new java.util.ArrayList<>(others.isEmpty() ? keys : others);
    parameters.addAll(keys);
    return parameters;
  }

  String delete() {
    return "DELETE FROM " + tableName() + " WHERE " + keyCondition();
  }

  String exists() {
    return "SELECT 1 FROM " + tableName() + " WHERE " + keyCondition();
  }

  String createTable(RowType input) {
    StringBuilder sql = new StringBuilder("CREATE TABLE " + tableName() + " (");
    for (int i = 0; i < input.fields().size(); i++) {
      RowType.Field field = input.fields().get(i);
      sql.append(i == 0 ? "" : ", ").append(quoted(field.name())).append(' ').append(columnType(field.type()));
      if (keys.contains(field.name())) {
        sql.append(" NOT NULL");
      }
    }
    if (!keys.isEmpty()) {
      sql.append(", PRIMARY KEY (").append(columns(keys)).append(')');
    }
    return sql.append(')').toString();
  }

  /** The column type CREATE TABLE gives a field, or null when the type has none here. */
  String columnType(DataType type) {
    if (type instanceof DataType.Decimal d) {
      return (dialect == Dialect.POSTGRES ? "numeric(" : "decimal(") + d.precision() + ", " + d.scale() + ")";
    }
    if (type instanceof DataType.Array a) {
      String element = a.element() instanceof DataType.Basic b ? columnType(b) : null;
      return dialect == Dialect.POSTGRES && element != null && !(a.element() == DataType.Basic.BYTES) ? element + "[]"
          : null;
    }
    if (!(type instanceof DataType.Basic basic)) {
      return null;
    }
    boolean pg = dialect == Dialect.POSTGRES;
    return switch (basic) {
      case STRING, NULL -> pg ? "text" : dialect == Dialect.MYSQL ? "longtext" : "varchar(65535)";
      case BOOLEAN -> "boolean";
      case TINYINT -> pg ? "smallint" : "tinyint";
      case SMALLINT -> "smallint";
      case INT -> "integer";
      case BIGINT -> "bigint";
      case FLOAT -> pg ? "real" : "float";
      case DOUBLE -> "double precision";
      case BYTES -> pg ? "bytea" : dialect == Dialect.MYSQL ? "longblob" : "blob";
      case DATE -> "date";
      case TIME -> "time";
      case TIMESTAMP -> pg ? "timestamp" : dialect == Dialect.MYSQL ? "datetime(6)" : "timestamp";
    };
  }

  private String keyCondition() {
    return keys.stream().map(k -> quoted(k) + " = ?").collect(Collectors.joining(" AND "));
  }

  private String columns(List<String> names) {
    return names.stream().map(this::quoted).collect(Collectors.joining(", "));
  }

  private static String placeholders(int count) {
    return String.join(", ", java.util.Collections.nCopies(count, "?"));
  }
}
