package io.atoll.runtime.connector.jdbc;

import io.atoll.protocol.connector.Collector;
import io.atoll.protocol.connector.ReaderContext;
import io.atoll.protocol.connector.ResourceScope;
import io.atoll.protocol.connector.SourceReader;
import io.atoll.protocol.connector.SourceSplit;
import io.atoll.protocol.data.Row;
import io.atoll.protocol.data.RowKind;
import io.atoll.runtime.connector.SplitInbox;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads its splits one after another through one connection, at most {@link #BATCH} rows per
 * {@link #pollNext}, keeping the open cursor between calls. Auto-commit is off and a fetch size set,
 * so PostgreSQL streams the rows through a server-side cursor instead of loading the result. Its
 * checkpoint is the split being read with its position, and the splits not started.
 *
 * <p>When the split's rows are ordered by a unique key (the table's primary key, or a partition
 * column with a unique index), the position is the last key emitted (attributes {@code after.0},
 * {@code after.1}, ...) and a restored reader reads the rows whose key comes after it: rows inserted
 * or deleted since the checkpoint neither shift nor repeat the rest. Otherwise — the fallback — the
 * position is the number of rows emitted (attribute {@code emitted}) and a restored reader runs the
 * query again and skips that many; on PostgreSQL synchronized and parallel scans are turned off for
 * the session so an unchanged table is scanned in the same order, and a table that shrank below the
 * count fails the restore. A lost connection fails the task (the pipeline retries from its last
 * checkpoint).
 */
final class JdbcReader implements SourceReader {
  static final int BATCH = 1000;
  static final String EMITTED = "emitted";
  /** Prefix of the attributes holding the last key emitted, one per key column. */
  static final String AFTER = "after.";

  private final JdbcSourceSettings settings;
  private final SplitInbox inbox;
  private final ResourceScope resources;
  private Connection connection;
  /** The connection's registration with the task's resource scope. */
  private ResourceScope.Held held;
  private SourceSplit split;
  private PreparedStatement statement;
  private ResultSet rows;
  private long emitted;
  private List<String> lastKey = List.of();

  JdbcReader(JdbcSourceSettings settings, ReaderContext context) {
    this.settings = settings;
    this.inbox = new SplitInbox(context);
    this.resources = context.resources();
  }

  @Override
  public void open() {
    inbox.open();
  }

  @Override
  public void addSplits(List<SourceSplit> newSplits) {
    inbox.add(newSplits);
  }

  @Override
  public void handleNoMoreSplits() {
    inbox.noMoreSplits();
  }

  @Override
  public void pollNext(Collector collector) throws SQLException {
    if (rows == null && !openNext()) {
      return;
    }
    List<JdbcColumn> columns = settings.columns();
    for (int n = 0; n < BATCH; n++) {
      if (!rows.next()) {
        closeSplit();
        return;
      }
      Object[] values = new Object[columns.size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = columns.get(i).read(rows, i + 1);
      }
      collector.collect(new Row(RowKind.INSERT, values));
      emitted++;
      if (settings.keyed()) {
        lastKey = key();
      }
    }
  }

  private boolean openNext() throws SQLException {
    SourceSplit next = inbox.next();
    if (next == null) {
      return false;
    }
    if (connection == null) {
      JdbcConnections.Tracked tracked = connect();
      connection = tracked.connection();
      held = tracked.held();
    }
    split = next;
    String resumeAt = split.attributes().get(EMITTED);
    lastKey = settings.keyed() ? restoredKey(split) : List.of();
    statement = JdbcSplits.prepare(settings, split, lastKey, connection);
    statement.setFetchSize(settings.fetchSize());
    rows = statement.executeQuery();
    emitted = 0;
    long skip = resumeAt == null ? 0 : Long.parseLong(resumeAt);
    if (!lastKey.isEmpty()) {
      emitted = skip; // resumed after the key: nothing to skip
    }
    while (emitted < skip) {
      if (!rows.next()) {
        throw new SQLException("Jdbc source: split " + split.splitId() + " was restored after " + skip
            + " rows, but the query now returns only " + emitted + "; the table changed since the checkpoint");
      }
      emitted++;
    }
    return true;
  }

  /** The key of the current row as text; a NULL in it (possible in a nulls split) means no key. */
  private List<String> key() throws SQLException {
    List<String> key = new ArrayList<>(settings.keyIndexes().size());
    for (int index : settings.keyIndexes()) {
      String value = rows.getString(index + 1);
      if (value == null) {
        return List.of();
      }
      key.add(value);
    }
    return key;
  }

  /** The key a snapshot recorded, or empty when it recorded none (then the row count is used). */
  private List<String> restoredKey(SourceSplit restored) {
    List<String> key = new ArrayList<>();
    for (int i = 0; restored.attributes().containsKey(AFTER + i); i++) {
      key.add(restored.attributes().get(AFTER + i));
    }
    return key.size() == settings.keyIndexes().size() ? key : List.of();
  }

  private JdbcConnections.Tracked connect() throws SQLException {
    JdbcConnections.Tracked tracked = JdbcConnections.open(settings.login(), resources);
    Connection opened = tracked.connection();
    try {
      opened.setAutoCommit(false);
      opened.setReadOnly(true);
      if (settings.login().postgres()) { // also for a unique partition column: its NULL split has no order
        try (Statement set = opened.createStatement()) {
          set.execute("SET synchronize_seqscans = off");
          set.execute("SET max_parallel_workers_per_gather = 0");
        }
      }
      return tracked;
    } catch (SQLException e) {
      tracked.close();
      throw e;
    }
  }

  private void closeSplit() throws SQLException {
    try (Statement s = statement; ResultSet r = rows) {
      connection.commit(); // ends the read transaction and its cursor
    } finally {
      rows = null;
      statement = null;
      split = null;
      lastKey = List.of();
    }
  }

  @Override
  public List<SourceSplit> snapshotState(long checkpointId) {
    List<SourceSplit> state = new ArrayList<>();
    if (split != null) {
      Map<String, String> attributes = new HashMap<>(split.attributes());
      attributes.put(EMITTED, Long.toString(emitted));
      attributes.keySet().removeIf(k -> k.startsWith(AFTER));
      for (int i = 0; i < lastKey.size(); i++) {
        attributes.put(AFTER + i, lastKey.get(i));
      }
      state.add(new SourceSplit(split.splitId(), attributes));
    }
    state.addAll(inbox.waiting());
    return state;
  }

  @Override
  public void close() throws SQLException {
    try (Connection c = connection; Statement s = statement; ResultSet r = rows) {
      rows = null;
      statement = null;
      connection = null;
    } finally {
      if (held != null) {
        held.release();
        held = null;
      }
    }
  }
}
