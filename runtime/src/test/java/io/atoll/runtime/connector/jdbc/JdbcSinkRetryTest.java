package io.atoll.runtime.connector.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.atoll.protocol.connector.SinkWriter;
import io.atoll.protocol.data.DataType;
import io.atoll.protocol.data.Row;
import io.atoll.protocol.data.RowType;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A database session that goes away under an at-least-once writer (its backend terminated, as a
 * restarted server does): {@code max_retries} writes the batch again on a new connection; without
 * retries the writer fails naming the table, without the password.
 */
class JdbcSinkRetryTest {
  private static final RowType INPUT = RowType.of(new RowType.Field("id", DataType.Basic.INT));

  private JdbcTestDatabase db;

  @BeforeEach
  void createDatabase() throws Exception {
    db = new JdbcTestDatabase("jdbc_sink_retry");
    db.execute("CREATE TABLE numbers (id int PRIMARY KEY)");
  }

  @AfterEach
  void dropDatabase() {
    if (db != null) {
      db.close();
    }
  }

  private String options(int retries) {
    return """
        generate_sink_sql = true
        database = "%s"
        table = "numbers"
        max_retries = %d
        """.formatted(db.login().url().replaceAll(".*/", ""), retries);
  }

  /** Ends every session of the sink in the test database, as a database restart would. */
  private void terminateSinkSessions() throws Exception {
    List<String> ended = JdbcSinkWriters.rows(db, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
        + " WHERE application_name = 'atoll-jdbc-sink' AND datname = current_database()");
    assertEquals(List.of("t"), ended, "the writer's one session");
  }

  @Test
  void aLostConnectionIsRetriedOnANewOne() throws Exception {
    try (SinkWriter writer = JdbcSinkWriters.writer(db, options(1), INPUT)) {
      writer.write(Row.of(1));
      terminateSinkSessions();
      writer.snapshotState(1);
      writer.write(Row.of(2));
      writer.snapshotState(2);
    }
    assertEquals(List.of("1", "2"), JdbcSinkWriters.rows(db, "SELECT id FROM numbers ORDER BY id"));
  }

  @Test
  void withoutRetriesALostConnectionFailsTheWriter() throws Exception {
    try (SinkWriter writer = JdbcSinkWriters.writer(db, options(0), INPUT)) {
      writer.write(Row.of(1));
      terminateSinkSessions();
      SQLException e = assertThrows(SQLException.class, () -> writer.snapshotState(1));
      assertTrue(e.getMessage().startsWith("Jdbc sink: writing 1 row(s) (after 0 retries, max_retries) into table"
          + " numbers failed: "), e.getMessage());
      assertFalse(e.getMessage().contains(db.login().password()), e.getMessage());
      writer.abort();
    }
    assertEquals(List.of(), JdbcSinkWriters.rows(db, "SELECT id FROM numbers"));
  }
}
