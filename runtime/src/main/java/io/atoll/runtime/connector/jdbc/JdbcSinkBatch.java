package io.atoll.runtime.connector.jdbc;

import io.atoll.protocol.data.Row;
import io.atoll.protocol.data.RowKind;
import io.atoll.protocol.data.RowType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows a Jdbc sink writer has buffered, and how they reach the table: each row's kind picks its
 * statement (insert, upsert, update or delete by primary key; -U rows are skipped, their +U
 * follows), and runs of rows with the same statement go as one JDBC batch, in order, so a key
 * inserted, deleted and inserted again in one batch ends as the last row says. The buffer is kept
 * until {@link #clear()}, so a failed flush can be retried on a new connection.
 */
final class JdbcSinkBatch {
  enum Action { QUERY, INSERT, UPSERT, UPSERT_BY_QUERY, UPDATE, DELETE, SKIP }

  private final JdbcSinkSettings settings;
  private final JdbcSinkSql sql;
  private final JdbcSinkValues values;
  private final int[] keyIndexes;
  private final int[] updateIndexes;
  private final List<Row> rows = new ArrayList<>();

  /** @param sql the generated statements, or null with an explicit {@code query} */
  JdbcSinkBatch(JdbcSinkSettings settings, RowType input, JdbcSinkSql sql, JdbcSinkValues values) {
    this.settings = settings;
    this.sql = sql;
    this.values = values;
    List<String> names = input.fields().stream().map(RowType.Field::name).toList();
    this.keyIndexes = sql == null ? new int[0] : sql.keys().stream().mapToInt(names::indexOf).toArray();
    this.updateIndexes = sql == null || sql.keys().isEmpty() ? new int[0]
        : sql.updateParameters().stream().mapToInt(names::indexOf).toArray();
  }

  /** Buffers a row (checking its kind can be written); returns the rows buffered. */
  int add(Row row) {
    action(row.kind());
    rows.add(row);
    return rows.size();
  }

  int size() {
    return rows.size();
  }

  void clear() {
    rows.clear();
  }

  /** Runs the buffered rows' statements on the connection; the caller commits. */
  void execute(Connection connection) throws SQLException {
    int start = 0;
    while (start < rows.size()) {
      Action action = action(rows.get(start).kind());
      int end = start;
      while (end < rows.size() && action(rows.get(end).kind()) == action) {
        end++;
      }
      run(connection, action, rows.subList(start, end));
      start = end;
    }
  }

  Action action(RowKind kind) {
    if (kind == RowKind.UPDATE_BEFORE) {
      return Action.SKIP;
    }
    if (sql == null) {
      if (kind == RowKind.DELETE) {
        throw new IllegalStateException("Jdbc sink: a -D row cannot be written by the explicit 'query' (an INSERT);"
            + " use generate_sink_sql = true with primary_keys to delete by key");
      }
      return Action.QUERY;
    }
    boolean keyed = !sql.keys().isEmpty();
    if (!keyed && kind != RowKind.INSERT) {
      throw new IllegalStateException("Jdbc sink: a " + kind.shortString() + " row needs option 'primary_keys' (or a"
          + " primary key in the input's schema) to find its row in table " + sql.displayName());
    }
    return switch (kind) {
      case INSERT -> keyed && settings.upsert() ? upsert() : Action.INSERT;
      case UPDATE_AFTER -> settings.upsert() ? upsert() : Action.UPDATE;
      case DELETE -> Action.DELETE;
      case UPDATE_BEFORE -> Action.SKIP;
    };
  }

  private Action upsert() {
    return settings.upsertByQuery() || sql.upsert() == null ? Action.UPSERT_BY_QUERY : Action.UPSERT;
  }

  private void run(Connection connection, Action action, List<Row> run) throws SQLException {
    switch (action) {
      case SKIP -> { }
      case QUERY -> batch(connection, settings.query(), run, null);
      case INSERT -> batch(connection, sql.insert(), run, null);
      case UPSERT -> batch(connection, sql.upsert(), run, null);
      case UPDATE -> batch(connection, sql.update(), run, updateIndexes);
      case DELETE -> batch(connection, sql.delete(), run, keyIndexes);
      case UPSERT_BY_QUERY -> upsertByQuery(connection, run);
    }
  }

  /** One JDBC batch of a statement; {@code indexes}: the fields bound, in order (null: all fields). */
  private void batch(Connection connection, String statementSql, List<Row> run, int[] indexes) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(statementSql)) {
      for (Row row : run) {
        bind(connection, statement, row, indexes);
        statement.addBatch();
      }
      statement.executeBatch();
    }
  }

  private void upsertByQuery(Connection connection, List<Row> run) throws SQLException {
    try (PreparedStatement exists = connection.prepareStatement(sql.exists());
        PreparedStatement insert = connection.prepareStatement(sql.insert());
        PreparedStatement update = connection.prepareStatement(sql.update())) {
      for (Row row : run) {
        bind(connection, exists, row, keyIndexes);
        boolean found;
        try (ResultSet rs = exists.executeQuery()) {
          found = rs.next();
        }
        PreparedStatement statement = found ? update : insert;
        bind(connection, statement, row, found ? updateIndexes : null);
        statement.executeUpdate();
      }
    }
  }

  private void bind(Connection connection, PreparedStatement statement, Row row, int[] indexes) throws SQLException {
    if (indexes == null) {
      for (int i = 0; i < row.arity(); i++) {
        values.bind(connection, statement, i + 1, i, row.field(i));
      }
    } else {
      for (int i = 0; i < indexes.length; i++) {
        values.bind(connection, statement, i + 1, indexes[i], row.field(indexes[i]));
      }
    }
  }
}
