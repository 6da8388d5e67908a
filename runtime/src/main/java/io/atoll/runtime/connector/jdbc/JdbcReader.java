package io.atoll.runtime.connector.jdbc;

import io.atoll.protocol.connector.Collector;
import io.atoll.protocol.connector.ReaderContext;
import io.atoll.protocol.connector.SourceReader;
import io.atoll.protocol.connector.SourceSplit;
import io.atoll.protocol.data.Row;
import io.atoll.protocol.data.RowKind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads its splits one after another through one connection, at most {@link #BATCH} rows per
 * {@link #pollNext}, keeping the open cursor between calls. Auto-commit is off and a fetch size set,
 * so PostgreSQL streams the rows through a server-side cursor instead of loading the result. Its
 * checkpoint is the split being read with the number of rows emitted from it (attribute
 * {@code emitted}) and the splits not started; a restored reader runs the split's query again and
 * skips that many rows. That needs a repeatable row order: the table's primary key orders the rows
 * when it has one; otherwise, on PostgreSQL, synchronized and parallel scans are turned off for the
 * session so an unchanged table is scanned in the same order. A lost connection fails the task
 * (the pipeline retries from its last checkpoint).
 */
final class JdbcReader implements SourceReader {
  static final int BATCH = 1000;
  static final String EMITTED = "emitted";

  private final JdbcSourceSettings settings;
  private final ReaderContext context;
  private final Deque<SourceSplit> splits = new ArrayDeque<>();
  private boolean requestOutstanding;
  private boolean noMoreSplits;
  private boolean finished;
  private Connection connection;
  private SourceSplit split;
  private PreparedStatement statement;
  private ResultSet rows;
  private long emitted;

  JdbcReader(JdbcSourceSettings settings, ReaderContext context) {
    this.settings = settings;
    this.context = context;
  }

  @Override
  public void open() {
    request();
  }

  @Override
  public void addSplits(List<SourceSplit> newSplits) {
    splits.addAll(newSplits);
    requestOutstanding = false;
  }

  @Override
  public void handleNoMoreSplits() {
    noMoreSplits = true;
    requestOutstanding = false;
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
    }
  }

  private boolean openNext() throws SQLException {
    SourceSplit next = splits.poll();
    if (next == null) {
      if (noMoreSplits && !finished) {
        finished = true;
        context.signalNoMoreElement();
      } else if (!noMoreSplits) {
        request();
      }
      return false;
    }
    if (connection == null) {
      connection = connect();
    }
    split = next;
    statement = JdbcSplits.prepare(settings, split, connection);
    statement.setFetchSize(settings.fetchSize());
    rows = statement.executeQuery();
    String resumeAt = split.attributes().get(EMITTED);
    emitted = 0;
    long skip = resumeAt == null ? 0 : Long.parseLong(resumeAt);
    while (emitted < skip) {
      if (!rows.next()) {
        throw new SQLException("Jdbc source: split " + split.splitId() + " was restored after " + skip
            + " rows, but the query now returns only " + emitted + "; the table changed since the checkpoint");
      }
      emitted++;
    }
    return true;
  }

  private Connection connect() throws SQLException {
    Connection opened = JdbcConnections.open(settings.login());
    try {
      opened.setAutoCommit(false);
      opened.setReadOnly(true);
      if (settings.login().postgres() && settings.orderBy().isEmpty()) {
        try (Statement set = opened.createStatement()) {
          set.execute("SET synchronize_seqscans = off");
          set.execute("SET max_parallel_workers_per_gather = 0");
        }
      }
      return opened;
    } catch (SQLException e) {
      opened.close();
      throw e;
    }
  }

  private void request() {
    if (!requestOutstanding) {
      requestOutstanding = true;
      context.sendSplitRequest();
    }
  }

  private void closeSplit() throws SQLException {
    try (Statement s = statement; ResultSet r = rows) {
      connection.commit(); // ends the read transaction and its cursor
    } finally {
      rows = null;
      statement = null;
      split = null;
    }
  }

  @Override
  public List<SourceSplit> snapshotState(long checkpointId) {
    List<SourceSplit> state = new ArrayList<>();
    if (split != null) {
      Map<String, String> attributes = new HashMap<>(split.attributes());
      attributes.put(EMITTED, Long.toString(emitted));
      state.add(new SourceSplit(split.splitId(), attributes));
    }
    state.addAll(splits);
    return state;
  }

  @Override
  public void close() throws SQLException {
    try (Connection c = connection; Statement s = statement; ResultSet r = rows) {
      rows = null;
      statement = null;
      connection = null;
    }
  }
}
