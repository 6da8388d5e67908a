package io.atoll.runtime.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.atoll.persistence.PersistenceSettings.JdbcSettings;
import io.atoll.persistence.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Jdbc source through a worker {@code kill -9}, with runtime.jar processes: a PostgreSQL table of
 * {@value #ROWS} rows read at parallelism 2 (4 ranges of the primary key and the NULL split) into
 * LocalFile with checkpoints every second, throttled so that the kill hits it in the middle. The
 * committed files must hold exactly the table's rows, none twice. Skipped with the reason without
 * {@code ATOLL_TEST_JDBC_URL}, failing under {@code CI=true} ({@link TestDatabase}).
 */
class JdbcCrashIT {
  private static final int ROWS = 100_000;
  private static TestDatabase db;

  @TempDir Path tmp;
  private TestCluster cluster;

  @BeforeAll
  static void table() throws Exception {
    db = TestDatabase.create("jdbc_crash_it");
    JdbcSettings login = db.settings();
    try (Connection connection = DriverManager.getConnection(login.url(), login.user(), login.password());
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE crash (id int8 PRIMARY KEY, name text, score int4)");
      // inserted out of key order, so only the ORDER BY of the key makes a split's order
      statement.execute("INSERT INTO crash SELECT g, 'n' || g, g % 1000 FROM generate_series(" + ROWS + ", 1, -1) g");
    }
  }

  @AfterAll
  static void dropTable() {
    if (db != null) {
      db.close();
    }
  }

  @AfterEach
  void stopAll() throws InterruptedException {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void aWorkerKilledMidReadLeavesExactlyTheTableInTheFiles() throws Exception {
    cluster = TestCluster.start(tmp, 3, 2); // enumerator + 2 readers spread one per worker; 4 slots stay after a kill
    cluster.rest.await(cluster.uri("/overview"), Duration.ofSeconds(90), o -> "3".equals(o.path("works").asText()));
    ExactRun run = new ExactRun(cluster);
    Path out = tmp.resolve("out");
    JdbcSettings login = db.settings();
    String jobId = run.submit("""
        env { job.name = jdbc-crash, job.mode = BATCH, parallelism = 2, checkpoint.interval = 1000,
              read_limit.rows_per_second = 2500, job.retry.times = 3, job.retry.interval.seconds = 1 }
        source { Jdbc {
          url = "%s", driver = "org.postgresql.Driver", user = "%s", password = "%s"
          table_path = "public.crash", partition_column = "id", partition_num = 4, fetch_size = 500
        } }
        sink { LocalFile { path = "%s", file_format_type = csv } }
        """.formatted(login.url(), login.user(), login.password(), out));
    run.awaitCommitted(jobId, out, ROWS / 5);

    cluster.worker(2).kill9();

    run.awaitStatus(jobId, "FINISHED", Duration.ofSeconds(120));
    List<String> expected = IntStream.rangeClosed(1, ROWS).mapToObj(i -> i + ",n" + i + "," + (i % 1000)).sorted().toList();
    List<String> lines = ExactRun.lines(out);
    assertEquals(ROWS, lines.size(), "as many rows as the table");
    assertEquals(expected, lines, "every row of the table exactly once");
    assertTrue(cluster.master().log().contains("pipeline 1: restarting (retry 1 of 3) in 1 s, from checkpoint"),
        "the pipeline was restored from a checkpoint\n" + cluster.master().logTail());
    JsonNode info = cluster.rest.await(cluster.uri("/job-info/" + jobId), Duration.ofSeconds(10), j -> true);
    assertEquals(ROWS, info.path("metrics").path("SinkWriteCount").asLong(), info.toString());
    assertEquals(List.of(), ExactRun.tempFiles(out), "no temp file of an abandoned checkpoint is left");
  }
}
