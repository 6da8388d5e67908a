package io.atoll.runtime.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.atoll.persistence.PersistenceSettings.JdbcSettings;
import io.atoll.persistence.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exactly-once Jdbc sink ({@code is_exactly_once = true}, XA) through a worker {@code kill -9}
 * and then a master {@code kill -9}, with runtime.jar processes: FakeSource ({@value #ROWS} rows,
 * 2 readers, checkpoints every second, throttled so both kills hit the middle of the job) into a
 * PostgreSQL table WITHOUT a unique key, so that a row committed twice stays there to be counted.
 * At the end the table holds exactly the rows of an undisturbed run (made once to LocalFile with
 * {@code runtime.jar run}: FakeSource rows depend only on split and offset), none twice, and no
 * prepared transaction of the database is left in {@code pg_prepared_xacts}. Skipped with the
 * reason without {@code ATOLL_TEST_JDBC_URL}, failing under {@code CI=true} ({@link TestDatabase}).
 */
class JdbcExactlyOnceCrashIT {
  private static final int ROWS_PER_READER = 15_000;
  private static final int ROWS = 2 * ROWS_PER_READER;
  private static final String SOURCE = "FakeSource { row.num = " + ROWS_PER_READER
      + ", split.num = 4, schema.fields { id = bigint, name = string, score = int } }";
  private static TestDatabase db;

  @TempDir static Path shared;
  private static List<Long> expectedIds;

  @TempDir Path tmp;
  private TestCluster cluster;

  @BeforeAll
  static void tableAndReference() throws Exception {
    db = TestDatabase.create("jdbc_xa_crash_it");
    try (Connection c = connect(); Statement statement = c.createStatement()) {
      statement.execute("CREATE TABLE xa_rows (id int8, name text, score int4)"); // no key: duplicates stay
    }
    expectedIds = referenceIds();
  }

  /** The ids of an undisturbed local run of {@link #SOURCE} at parallelism 2, sorted. */
  private static List<Long> referenceIds() throws Exception {
    Path out = shared.resolve("reference");
    Path conf = Files.writeString(shared.resolve("reference.conf"), "env { job.name = reference, parallelism = 2 }\n"
        + "source { " + SOURCE + " }\nsink { LocalFile { path = \"" + out + "\", file_format_type = csv } }\n");
    NodeProcess run = NodeProcess.start("reference", shared, List.of("run", conf.toString()), Map.of());
    assertEquals(0, run.awaitExit(Duration.ofSeconds(120)), run.logTail());
    List<Long> ids = new ArrayList<>();
    for (String line : ExactRun.lines(out)) {
      ids.add(Long.parseLong(line.substring(0, line.indexOf(','))));
    }
    ids.sort(null);
    assertEquals(ROWS, ids.size(), "the reference run's rows");
    assertEquals(ROWS, ids.stream().distinct().count(), "FakeSource's random bigint ids are distinct");
    return ids;
  }

  @AfterAll
  static void dropDatabase() throws SQLException {
    if (db == null) {
      return;
    }
    // a prepared transaction pins its database: roll back what a failed run left, or the drop fails
    try (Connection c = connect(); Statement statement = c.createStatement()) {
      for (String gid : strings(statement, "SELECT gid FROM pg_prepared_xacts WHERE database = current_database()")) {
        statement.execute("ROLLBACK PREPARED '" + gid.replace("'", "''") + "'");
      }
    }
    db.close();
  }

  @AfterEach
  void stopAll() throws InterruptedException {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void aWorkerKillThenAMasterKillLeaveEveryRowOnceAndNoPreparedTransaction() throws Exception {
    cluster = TestCluster.start(tmp, 3, 2); // enumerator + 2 readers spread one per worker; 4 slots stay after a kill
    cluster.rest.await(cluster.uri("/overview"), Duration.ofSeconds(90), o -> "3".equals(o.path("works").asText()));
    ExactRun run = new ExactRun(cluster);
    JdbcSettings login = db.settings();
    String jobId = run.submit("""
        env { job.name = jdbc-xa-crash, job.mode = BATCH, parallelism = 2, checkpoint.interval = 1000,
              read_limit.rows_per_second = 400, job.retry.times = 3, job.retry.interval.seconds = 1 }
        source { %s }
        sink { Jdbc {
          url = "%s", driver = "org.postgresql.Driver", user = "%s", password = "%s"
          generate_sink_sql = true, database = "%s", table = "xa_rows"
          is_exactly_once = true, batch_size = 200
        } }
        """.formatted(SOURCE, login.url(), login.user(), login.password(), db.name()));
    run.awaitStatus(jobId, "RUNNING", Duration.ofSeconds(60));
    awaitCommitted(ROWS / 10);

    cluster.worker(2).kill9();
    cluster.rest.until(Duration.ofSeconds(60),
        () -> cluster.master().log().contains("pipeline 1: restarting (retry 1 of 3) in 1 s, from checkpoint"),
        () -> "the pipeline was not restored from a checkpoint after the worker kill");
    long atWorkerKill = committed();
    awaitCommitted(Math.max(ROWS / 2, (int) atWorkerKill + ROWS / 10)); // running and committing again

    cluster.master().kill9();
    cluster.restartMaster();

    run.awaitStatus(jobId, "FINISHED", Duration.ofSeconds(150));
    try (Connection c = connect(); Statement statement = c.createStatement()) {
      assertEquals(List.of(ROWS + " " + ROWS), strings(statement, "SELECT count(*) || ' ' || count(DISTINCT id) FROM xa_rows"),
          "as many rows as the source made, none twice");
      List<Long> ids = new ArrayList<>();
      strings(statement, "SELECT id FROM xa_rows ORDER BY id").forEach(id -> ids.add(Long.parseLong(id)));
      assertEquals(expectedIds, ids, "exactly the rows of an undisturbed run");
      assertEquals(List.of("0"), strings(statement,
          "SELECT count(*) FROM pg_prepared_xacts WHERE database = current_database()"),
          "no prepared transaction left behind");
    }
    JsonNode info = cluster.rest.await(cluster.uri("/job-info/" + jobId), Duration.ofSeconds(10), j -> true);
    assertEquals(ROWS, info.path("metrics").path("SinkWriteCount").asLong(), info.toString());
  }

  // ---- helpers ----

  private void awaitCommitted(int rows) {
    long[] seen = {0};
    cluster.rest.until(Duration.ofSeconds(90), () -> (seen[0] = committed()) >= rows,
        () -> "only " + seen[0] + " of " + rows + " rows committed in time");
  }

  /** The rows visible in the table: committed XA branches only (a prepared branch is invisible). */
  private static long committed() throws SQLException {
    try (Connection c = connect(); Statement statement = c.createStatement()) {
      return Long.parseLong(strings(statement, "SELECT count(*) FROM xa_rows").get(0));
    }
  }

  private static Connection connect() throws SQLException {
    JdbcSettings login = db.settings();
    return DriverManager.getConnection(login.url(), login.user(), login.password());
  }

  private static List<String> strings(Statement statement, String sql) throws SQLException {
    List<String> values = new ArrayList<>();
    try (ResultSet rows = statement.executeQuery(sql)) {
      while (rows.next()) {
        values.add(rows.getString(1));
      }
    }
    return values;
  }
}
