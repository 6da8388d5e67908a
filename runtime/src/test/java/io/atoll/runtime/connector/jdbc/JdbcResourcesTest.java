package io.atoll.runtime.connector.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.atoll.protocol.connector.ResourceScope;
import io.atoll.protocol.connector.SinkWriter;
import io.atoll.runtime.connector.TestingWriterContext;
import io.atoll.protocol.data.CatalogTable;
import io.atoll.protocol.data.DataType;
import io.atoll.protocol.data.Row;
import io.atoll.protocol.data.RowType;
import io.atoll.runtime.resource.LeakDetectionLevel;
import io.atoll.runtime.resource.ResourceOwner;
import io.atoll.runtime.resource.ResourceTracker;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Jdbc sink's connections as the task group's resource scope sees them. */
class JdbcResourcesTest {
  private static final RowType INPUT = RowType.of(new RowType.Field("id", DataType.Basic.INT));

  private final ResourceTracker tracker = new ResourceTracker("worker", LeakDetectionLevel.PARANOID);
  private final ResourceOwner task = ResourceOwner.task(4711, 1, 1, 0);
  private JdbcTestDatabase db;

  @BeforeEach
  void createDatabase() throws Exception {
    db = new JdbcTestDatabase("jdbc_resources");
    db.execute("CREATE TABLE numbers (id int PRIMARY KEY)");
  }

  @AfterEach
  void dropDatabase() {
    if (db != null) {
      db.close();
    }
  }

  private SinkWriter writer() throws Exception {
    String options = """
        generate_sink_sql = true
        database = "%s"
        table = "numbers"
        """.formatted(db.login().url().replaceAll(".*/", ""));
    ResourceScope scope = tracker.scope(task);
    return new JdbcSinkFactory().createSink(JdbcSinkWriters.config(db, options), CatalogTable.only(INPUT))
        .createWriter(new TestingWriterContext(JdbcSinkWriters.JOB, 0, 1).withResources(scope));
  }

  private long sinkSessions() throws Exception {
    return Long.parseLong(JdbcSinkWriters.rows(db, "SELECT count(*) FROM pg_stat_activity"
        + " WHERE application_name = 'atoll-jdbc-sink' AND datname = current_database()").get(0));
  }

  @Test
  void aWritersConnectionIsHeldUnderItsUrlWithoutThePasswordUntilClosed() throws Exception {
    SinkWriter writer = writer();
    assertEquals(Map.of("connection", 1), tracker.report().liveByKind(), "the setup connection is released");
    String description = tracker.live(task).get(0).description();
    assertEquals(JdbcConnections.mask(db.login().url(), db.login().password()), description);
    assertFalse(db.login().password() != null && !db.login().password().isEmpty()
        && description.contains(db.login().password()), description);

    writer.write(Row.of(1));
    writer.snapshotState(1);
    writer.close();

    assertEquals(Map.of(), tracker.report().liveByKind());
    assertEquals(List.of(), tracker.ownerEnded(task, "task group FINISHED"));
  }

  @Test
  void aConnectionAWriterNeverClosedIsALeakTheRuntimeCloses() throws Exception {
    writer().write(Row.of(1));
    assertEquals(1, sinkSessions());

    List<ResourceTracker.Leak> leaks = tracker.ownerEnded(task, "task group FAILED");

    assertEquals(List.of("connection"), leaks.stream().map(ResourceTracker.Leak::kind).toList());
    assertEquals("released by the runtime", leaks.get(0).outcome());
    assertTrue(leaks.get(0).site().stream().anyMatch(f -> f.contains("JdbcSinkWriter")), leaks.get(0).site().toString());
    // the server ends a closed session's backend on its own time: poll, with a deadline
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
    while (sinkSessions() > 0 && System.nanoTime() < deadline) {
      java.util.concurrent.locks.LockSupport.parkNanos(20_000_000);
    }
    assertEquals(0, sinkSessions(), "the runtime closed the session");
  }
}
