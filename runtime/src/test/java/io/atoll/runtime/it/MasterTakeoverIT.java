package io.atoll.runtime.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.atoll.persistence.TestDatabase;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two master nodes and two workers on one shared JDBC journal (PostgreSQL, a database of this test's
 * own). A rate-limited BATCH job FakeSource → LocalFile runs; the master holding the singletons is
 * killed with {@code kill -9}. The other master takes over — the Split Brain Resolver downs the dead
 * one (3 of 4 members remain, a majority), the JobCoordinator and the job's JobMaster recover from
 * the shared journal — and the job finishes there with every generated row in the sink exactly once.
 * The finished-job history is visible on the surviving master.
 */
class MasterTakeoverIT {
  private static final int READERS = 2;
  private static final int ROWS_PER_READER = 2500;
  private static final int ROWS_PER_SECOND = 100; // per reader: the job reads for ~25 s

  @TempDir Path tmp;
  private TestDatabase database;
  private TestCluster cluster;

  @AfterEach
  void stopAll() throws InterruptedException {
    if (cluster != null) {
      cluster.close();
    }
    if (database != null) {
      database.close();
    }
  }

  @Test
  void theOtherMasterTakesOverAndTheJobFinishesWithEveryRowOnce() throws Exception {
    database = TestDatabase.create("takeover_it");
    cluster = TestCluster.startOnSharedJournal(tmp, 2, 2, 2, database.settings());
    RestPoller rest = cluster.rest;
    for (int master = 1; master <= 2; master++) {
      rest.await(cluster.uri(master, "/overview"), Duration.ofSeconds(120), o -> "2".equals(o.path("works").asText()));
    }
    String quick = submit(1, """
        env { job.name = quick }
        source { FakeSource { row.num = 10, schema.fields { id = bigint } } }
        sink { Console { log.print.data = false } }
        """);
    rest.await(cluster.uri("/job-info/" + quick), Duration.ofSeconds(60), j -> "FINISHED".equals(j.path("jobStatus").asText()));

    Path sinkDir = tmp.resolve("sink");
    // bigint over its whole range, drawn per (split, row offset): 5,000 distinct values (a collision
    // has a chance of about 1e-12), so a duplicate id in the output is a row written twice.
    String job = submit(2, """
        env { job.name = takeover, job.mode = BATCH, parallelism = %d, read_limit.rows_per_second = %d }
        source { FakeSource { row.num = %d, split.num = 1, schema.fields { id = bigint } } }
        sink { LocalFile { path = "%s", file_format_type = "csv" } }
        """.formatted(READERS, ROWS_PER_SECOND, ROWS_PER_READER, sinkDir));
    URI info = cluster.uri("/job-info/" + job);
    JsonNode running = rest.await(info, Duration.ofSeconds(60), j -> "RUNNING".equals(j.path("jobStatus").asText())
        && j.path("metrics").path("SourceReceivedCount").asLong() > 0);

    int active = cluster.master(1).log().contains("job coordinator starting") ? 1 : 2;
    int survivor = 3 - active;
    assertTrue(cluster.master(active).log().contains("job coordinator starting"),
        "one master runs the singletons:\n" + cluster.master(1).logTail() + "\n" + cluster.master(2).logTail());
    assertTrue(!cluster.master(survivor).log().contains("job coordinator starting"), cluster.master(survivor).logTail());
    cluster.master(active).kill9();
    long readAtKill = running.path("metrics").path("SourceReceivedCount").asLong();
    assertTrue(readAtKill < READERS * ROWS_PER_READER, "the job was still reading when its master died");

    JsonNode finished = rest.await(cluster.uri(survivor, "/job-info/" + job), Duration.ofSeconds(180),
        j -> "FINISHED".equals(j.path("jobStatus").asText()));
    assertEquals(READERS * ROWS_PER_READER, finished.path("metrics").path("SinkWriteCount").asLong(), finished.toString());
    NodeProcess newMaster = cluster.master(survivor);
    assertTrue(newMaster.log().contains("job coordinator starting"), "the singletons moved:\n" + newMaster.logTail());

    List<String> ids = outputLines(sinkDir);
    Set<String> distinct = new HashSet<>(ids);
    assertEquals(ids.size(), distinct.size(), "no row written twice");
    assertEquals(READERS * ROWS_PER_READER, ids.size(), "every row written");

    JsonNode history = rest.await(cluster.uri(survivor, "/finished-jobs/FINISHED"), Duration.ofSeconds(10), f -> true);
    assertTrue(history.toString().contains(quick) && history.toString().contains(job),
        "history of jobs finished before and after the takeover: " + history);
  }

  private String submit(int master, String job) throws Exception {
    HttpResponse<String> accepted = cluster.rest.http().send(HttpRequest.newBuilder(cluster.uri(master, "/submit-job?format=hocon"))
        .POST(HttpRequest.BodyPublishers.ofString(job)).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, accepted.statusCode(), accepted.body());
    return RestPoller.JSON.readTree(accepted.body()).path("jobId").asText();
  }

  /** Every line of the committed files (hidden temp dirs of unfinished writers are skipped). */
  private static List<String> outputLines(Path dir) throws Exception {
    List<String> lines = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(f -> Files.isRegularFile(f) && !f.getFileName().toString().startsWith(".")).toList()) {
        Files.readAllLines(file).stream().filter(line -> !line.isBlank()).forEach(lines::add);
      }
    }
    return lines;
  }
}
