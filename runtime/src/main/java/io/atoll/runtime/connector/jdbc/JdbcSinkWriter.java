package io.atoll.runtime.connector.jdbc;

import io.atoll.protocol.connector.ResourceScope;
import io.atoll.protocol.connector.SinkWriter;
import io.atoll.protocol.connector.WriterContext;
import io.atoll.protocol.data.Row;
import io.atoll.protocol.data.RowType;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one subtask's rows into the table.
 *
 * <p>At-least-once (default): rows are buffered and written as JDBC batches, each committed, when
 * {@code batch_size} rows are buffered and at every checkpoint; a failed batch is retried
 * {@code max_retries} times on a new connection. After a restore the rows since the last checkpoint
 * come again: upserts by primary key make that idempotent.
 *
 * <p>Exactly-once ({@code is_exactly_once}): each checkpoint interval is one XA branch
 * ({@link JdbcSinkXid}); {@link #snapshotState} ends and prepares it and returns the ids of the
 * prepared, uncommitted branches; {@link #notifyCheckpointComplete} commits them. A restored writer
 * commits the branches of its restored state and rolls back every other prepared branch of its job
 * and subtask (a branch prepared for a checkpoint that never completed), so none stays in
 * {@code pg_prepared_xacts}. A failed task rolls back its open branch; a cancelled one its prepared
 * branches too.
 *
 * <p>On a fresh start (no restored state) the writer applies {@code schema_save_mode}; subtask 0
 * also applies {@code data_save_mode} (DROP_DATA and the like run once, not per subtask).
 */
final class JdbcSinkWriter implements SinkWriter {
  /** The first entry of every snapshot: marks a restored writer even when nothing was prepared. */
  static final String STARTED = "started";
  private static final Logger log = LoggerFactory.getLogger(JdbcSinkWriter.class);

  private final JdbcSinkSettings settings;
  private final WriterContext context;
  private final JdbcSinkBatch batch;
  private final JdbcSinkXa xa;
  private Connection connection;
  /** The working connection's registration with the task's resource scope (plain or XA). */
  private ResourceScope.Held held;
  private JdbcSinkXid open;
  private long lastCheckpoint;
  /** Prepared branches by the checkpoint that prepared them, until committed. */
  private final TreeMap<Long, JdbcSinkXid> prepared = new TreeMap<>();

  /**
   * DROP_DATA empties the table once, in subtask 0. Without XA the other subtasks commit their
   * batches as they go, possibly before subtask 0 has emptied the table, whose DELETE would then
   * take their rows with it: refused, by every subtask and before any of them touches the table.
   * With XA nothing is committed before the first checkpoint, which subtask 0 reaches only after
   * the DELETE.
   */
  static void requireOneEmptying(JdbcSinkSettings settings, WriterContext context) throws SQLException {
    if (settings.generated() && settings.dataSaveMode() == JdbcSinkSettings.DataSaveMode.DROP_DATA
        && !settings.exactlyOnce() && context.parallelism() > 1) {
      throw new SQLException("data_save_mode = DROP_DATA at parallelism " + context.parallelism()
          + " needs is_exactly_once = true (or parallelism 1): without it another subtask's first rows could be"
          + " committed before subtask 0 empties table " + settings.table() + ", and be deleted with the old ones");
    }
  }

  JdbcSinkWriter(JdbcSinkSettings settings, RowType input, List<String> keys, WriterContext context)
      throws SQLException {
    this.settings = settings;
    this.context = context;
    requireOneEmptying(settings, context);
    JdbcSinkSql sql;
    Map<String, String> columnTypes;
    try (JdbcConnections.Tracked tracked = JdbcConnections.open(settings.login(), context.resources())) {
      Connection setup = tracked.connection();
      sql = settings.generated() ? JdbcSinkTable.sql(setup, settings, input, keys) : null;
      boolean fresh = context.restoredState().isEmpty();
      if (sql != null && fresh) {
        JdbcSinkTable.applySaveModes(setup, settings, sql, input, context.subtaskIndex() == 0);
      }
      columnTypes = sql == null ? Map.of() : JdbcSinkTable.columns(setup, sql);
    } catch (SQLException e) {
      throw masked("preparing table " + settings.table(), e);
    }
    this.batch = new JdbcSinkBatch(settings, input, sql,
        new JdbcSinkValues(input, settings.login().postgres(), columnTypes));
    if (settings.exactlyOnce()) {
      this.xa = new JdbcSinkXa(settings.xaDataSource(), settings.login(), settings.maxCommitAttempts(),
          settings.transactionTimeoutSec());
      this.held = context.resources().hold("connection", JdbcConnections.describe(settings.login()) + " (XA)", xa);
      try {
        this.connection = xa.connection();
        recover();
      } catch (SQLException | RuntimeException e) {
        xa.close();
        held.release();
        throw e;
      }
    } else {
      this.xa = null;
      this.connection = plainConnection();
    }
  }

  /** Commits the restored branches, then rolls back this subtask's other prepared ones. */
  private void recover() throws SQLException {
    List<JdbcSinkXid> restored = new ArrayList<>();
    for (String entry : context.restoredState()) {
      if (!entry.equals(STARTED)) {
        restored.add(JdbcSinkXid.parse(entry));
      }
    }
    for (JdbcSinkXid xid : restored) {
      xa.commit(xid);
    }
    long job = context.job().jobId();
    for (JdbcSinkXid xid : xa.prepared()) {
      if (xid.ownedBy(job, context.job().pipelineId(), context.writerIndex(), context.subtaskIndex()) && !restored.contains(xid)) {
        log.info("Jdbc sink: rolling back XA branch {}, prepared for a checkpoint that did not complete", xid);
        xa.rollbackPrepared(xid);
      }
    }
  }

  private Connection plainConnection() throws SQLException {
    JdbcConnections.Tracked tracked = JdbcConnections.open(settings.login(), context.resources());
    try {
      tracked.connection().setAutoCommit(false);
    } catch (SQLException e) {
      tracked.close();
      throw e;
    }
    held = tracked.held();
    return tracked.connection();
  }

  @Override
  public void write(Row row) throws Exception {
    if (xa != null && open == null) {
      open = JdbcSinkXid.of(context.job().jobId(), context.job().pipelineId(), context.writerIndex(),
          context.subtaskIndex(), context.job().attempt(), lastCheckpoint);
      xa.start(open);
    }
    if (batch.add(row) >= settings.batchSize()) {
      flush();
    }
  }

  /** Writes the buffered rows: committed (at-least-once) or into the open XA branch. */
  private void flush() throws SQLException {
    if (batch.size() == 0) {
      return;
    }
    if (xa != null) {
      try {
        batch.execute(connection);
      } catch (SQLException e) {
        throw masked("writing " + batch.size() + " row(s) into XA branch " + open, e);
      }
      batch.clear();
      return;
    }
    for (int attempt = 0; ; attempt++) {
      try {
        batch.execute(connection);
        connection.commit();
        batch.clear();
        return;
      } catch (SQLException e) {
        rollbackQuietly();
        if (attempt >= settings.maxRetries()) {
          throw masked("writing " + batch.size() + " row(s) (after " + attempt + " retries, max_retries)", e);
        }
        log.warn("Jdbc sink: writing a batch failed ({}), retry {} of {} on a new connection",
            JdbcConnections.mask(e.getMessage(), settings.login().password()), attempt + 1, settings.maxRetries());
        closeQuietly();
        connection = plainConnection();
      }
    }
  }

  @Override
  public List<String> snapshotState(long checkpointId) throws Exception {
    flush();
    lastCheckpoint = checkpointId;
    if (xa == null) {
      return List.of(STARTED);
    }
    if (open != null) {
      xa.prepare(open);
      prepared.put(checkpointId, open);
      open = null;
      connection = xa.connection(); // a new one where the database ties the prepared branch to its session
    }
    List<String> state = new ArrayList<>(List.of(STARTED));
    prepared.values().forEach(xid -> state.add(xid.globalId()));
    return state;
  }

  @Override
  public void notifyCheckpointComplete(long checkpointId) throws Exception {
    if (xa == null) {
      return;
    }
    Map<Long, JdbcSinkXid> done = prepared.headMap(checkpointId, true);
    for (JdbcSinkXid xid : done.values()) {
      xa.commit(xid);
    }
    done.clear();
  }

  @Override
  public void finish() throws Exception {
    if (xa == null) {
      flush();
    }
  }

  @Override
  public void abort() throws Exception {
    batch.clear();
    if (xa == null) {
      rollbackQuietly();
    } else if (open != null) {
      JdbcSinkXid xid = open;
      open = null;
      xa.rollbackOpen(xid);
    }
  }

  @Override
  public void cancel() throws Exception {
    abort();
    if (xa != null) {
      for (JdbcSinkXid xid : prepared.values()) {
        xa.rollbackPrepared(xid);
      }
      prepared.clear();
    }
  }

  @Override
  public void close() throws Exception {
    try {
      if (xa != null) {
        xa.close();
      } else {
        closeQuietly();
      }
    } finally {
      if (held != null) {
        held.release();
        held = null;
      }
    }
  }

  private void rollbackQuietly() {
    try {
      if (connection != null && !connection.isClosed()) {
        connection.rollback();
      }
    } catch (SQLException e) {
      log.debug("Jdbc sink: rollback failed: {}", e.toString());
    }
  }

  private void closeQuietly() {
    try {
      if (connection != null) {
        connection.close();
      }
    } catch (SQLException e) {
      log.debug("Jdbc sink: closing a connection: {}", e.toString());
    } finally {
      if (held != null) {
        held.release();
        held = null;
      }
    }
  }

  private SQLException masked(String what, SQLException e) {
    String table = settings.generated() ? " into table " + settings.table() : "";
    String message = e.getMessage();
    SQLException next = e.getNextException(); // batch failures keep the cause here
    if (next != null && next != e) {
      message = message + "; " + next.getMessage();
    }
    return new SQLException("Jdbc sink: " + what + table + " failed: "
        + JdbcConnections.mask(message, settings.login().password()), e.getSQLState(), e);
  }
}
