package io.atoll.runtime.connector.jdbc;

import io.atoll.protocol.data.RowType;
import io.atoll.runtime.connector.jdbc.JdbcSinkSettings.DataSaveMode;
import io.atoll.runtime.connector.jdbc.JdbcSinkSettings.SchemaSaveMode;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sink's table in the database: its columns, the checks at validation, and SeaTunnel's save
 * modes ({@code schema_save_mode}, {@code data_save_mode}) applied before the first row.
 */
final class JdbcSinkTable {
  private JdbcSinkTable() {}

  /** The statements for the table of {@code settings} (generated mode) on this connection. */
  static JdbcSinkSql sql(Connection connection, JdbcSinkSettings settings, RowType input, List<String> keys)
      throws SQLException {
    String quote = connection.getMetaData().getIdentifierQuoteString().trim();
    return JdbcSinkSql.of(settings.table(), input, keys, quote, JdbcSinkSql.dialect(settings.login().url()));
  }

  /** The table's columns and their lower-case type names, in order; empty when it does not exist. */
  static Map<String, String> columns(Connection connection, JdbcSinkSql sql) throws SQLException {
    DatabaseMetaData meta = connection.getMetaData();
    Map<String, String> columns = new LinkedHashMap<>();
    try (ResultSet rs = meta.getColumns(null, sql.schema(), sql.name(), null)) {
      while (rs.next()) {
        columns.put(rs.getString("COLUMN_NAME"), JdbcSinkValues.lower(rs.getString("TYPE_NAME")));
      }
    }
    return columns;
  }

  /** Adds the problems of the table: missing (and not to be created), or without an input field's column. */
  static void check(Connection connection, JdbcSinkSettings settings, RowType input, List<String> problems)
      throws SQLException {
    JdbcSinkSql sql = sql(connection, settings, input, settings.primaryKeys());
    if (sql.dialect() == JdbcSinkSql.Dialect.POSTGRES && connection.getCatalog() != null
        && !connection.getCatalog().equals(settings.database())) {
      problems.add("option 'database' is '" + settings.database() + "' but 'url' connects to database '"
          + connection.getCatalog() + "'; PostgreSQL writes to the URL's database");
      return;
    }
    Map<String, String> columns = columns(connection, sql);
    if (columns.isEmpty()) {
      if (settings.schemaSaveMode() == SchemaSaveMode.ERROR_WHEN_SCHEMA_NOT_EXIST) {
        problems.add("option 'table': table " + sql.displayName() + " does not exist (schema_save_mode = "
            + "ERROR_WHEN_SCHEMA_NOT_EXIST); create it, or use CREATE_SCHEMA_WHEN_NOT_EXIST");
        return;
      }
      for (RowType.Field field : input.fields()) {
        if (sql.columnType(field.type()) == null) {
          problems.add("option 'schema_save_mode': table " + sql.displayName() + " does not exist and field '"
              + field.name() + "' (" + field.type().sqlName() + ") has no column type to create it with here;"
              + " create the table first");
        }
      }
      return;
    }
    if (settings.schemaSaveMode() == SchemaSaveMode.RECREATE_SCHEMA) {
      return; // dropped and created from the input schema
    }
    for (RowType.Field field : input.fields()) {
      if (!columns.containsKey(field.name())) {
        problems.add("option 'table': table " + sql.displayName() + " has no column '" + field.name()
            + "' for the input field of that name; its columns are " + List.copyOf(columns.keySet()));
      }
    }
  }

  /**
   * Applies the save modes: creates (or recreates) the table, then drops its rows, runs
   * {@code custom_sql} or refuses a table with rows, as configured. The statements run in their
   * own auto-committed transactions.
   *
   * @param dataMode whether to apply {@code data_save_mode} too (only on the job's first start)
   */
  static void applySaveModes(Connection connection, JdbcSinkSettings settings, JdbcSinkSql sql, RowType input,
      boolean dataMode) throws SQLException {
    boolean exists = !columns(connection, sql).isEmpty();
    try (Statement statement = connection.createStatement()) {
      if (exists && settings.schemaSaveMode() == SchemaSaveMode.RECREATE_SCHEMA && dataMode) {
        statement.execute("DROP TABLE " + sql.tableName());
        exists = false;
      }
      if (!exists) {
        if (settings.schemaSaveMode() == SchemaSaveMode.ERROR_WHEN_SCHEMA_NOT_EXIST) {
          throw new SQLException("table " + sql.displayName() + " does not exist (schema_save_mode = "
              + "ERROR_WHEN_SCHEMA_NOT_EXIST)");
        }
        createTable(statement, sql, input);
      }
      if (!dataMode) {
        return;
      }
      DataSaveMode mode = settings.dataSaveMode();
      if (mode == DataSaveMode.DROP_DATA) {
        statement.execute("DELETE FROM " + sql.tableName());
      } else if (mode == DataSaveMode.CUSTOM_PROCESSING) {
        statement.execute(settings.customSql());
      } else if (mode == DataSaveMode.ERROR_WHEN_DATA_EXISTS) {
        try (ResultSet rs = statement.executeQuery("SELECT 1 FROM " + sql.tableName() + " LIMIT 1")) {
          if (rs.next()) {
            throw new SQLException("table " + sql.displayName() + " has rows (data_save_mode = ERROR_WHEN_DATA_EXISTS)");
          }
        }
      }
    }
  }

  /** CREATE TABLE; a concurrent writer that created it first is fine. */
  private static void createTable(Statement statement, JdbcSinkSql sql, RowType input) throws SQLException {
    try {
      statement.execute(sql.createTable(input));
    } catch (SQLException e) {
      if (columns(statement.getConnection(), sql).isEmpty()) {
        throw e;
      }
    }
  }

  /** The number of {@code ?} outside quotes and comments-free literals in a statement. */
  static int placeholders(String query) {
    int count = 0;
    char quote = 0;
    for (char c : query.toCharArray()) {
      if (quote != 0) {
        quote = c == quote ? 0 : quote;
      } else if (c == '\'' || c == '"' || c == '`') {
        quote = c;
      } else if (c == '?') {
        count++;
      }
    }
    return count;
  }
}
