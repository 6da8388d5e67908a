package io.atoll.runtime.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly-once output through failures, with runtime.jar processes: a FakeSource → LocalFile job of
 * known content (2 readers x 6000 rows, checkpoints every second, throttled so it runs for a while)
 * is hit by a failure in the middle, and its output files must together hold exactly the rows of
 * an undisturbed run of the same source — none missing, none twice. The undisturbed run is made
 * once with {@code runtime.jar run}; FakeSource rows depend only on split and offset, so both runs
 * produce the same rows.
 */
class ExactlyOnceIT {
  private static final int ROWS_PER_READER = 6000;
  private static final String SOURCE = "FakeSource { row.num = " + ROWS_PER_READER
      + ", split.num = 4, schema.fields { id = bigint, name = string, score = int } }";

  @TempDir static Path shared;
  private static List<String> expected;

  @TempDir Path tmp;
  private TestCluster cluster;

  @BeforeAll
  static void undisturbedRun() throws Exception {
    Path out = shared.resolve("reference");
    Path conf = shared.resolve("reference.conf");
    Files.writeString(conf, "env { job.name = reference, parallelism = 2 }\nsource { " + SOURCE + " }\n"
        + "sink { LocalFile { path = \"" + out + "\", file_format_type = csv } }\n");
    NodeProcess run = NodeProcess.start("reference", shared, List.of("run", conf.toString()), java.util.Map.of());
    assertEquals(0, run.awaitExit(Duration.ofSeconds(120)), run.logTail());
    expected = lines(out);
    assertEquals(2 * ROWS_PER_READER, expected.size());
  }

  @AfterEach
  void stopAll() throws InterruptedException {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void aBatchJobFinishesExactlyOnceThroughAMasterKillAndRestart() throws Exception {
    cluster = startCluster(2);
    Path out = tmp.resolve("out");
    String jobId = submit(job("batch", "BATCH", out, 300));
    awaitCommitted(jobId, out, 1500);

    cluster.master().kill9();
    cluster.restartMaster();

    awaitStatus(jobId, "FINISHED", Duration.ofSeconds(150));
    assertEquals(expected, lines(out), "every row exactly once");
    assertRowsCounted(jobId);
  }

  @Test
  void aStreamingJobCommitsExactlyOnceThroughAMasterKillAndRestart() throws Exception {
    cluster = startCluster(2);
    Path out = tmp.resolve("out");
    String jobId = submit(job("streaming", "STREAMING", out, 500));
    awaitCommitted(jobId, out, 1500);

    cluster.master().kill9();
    cluster.restartMaster();

    awaitStatus(jobId, "RUNNING", Duration.ofSeconds(120));
    awaitLineCount(out, expected.size(), Duration.ofSeconds(120));
    // a streaming job never ends by itself: once every row is committed, cancel it; after the
    // cancel nothing more can be committed, so a row committed twice would show now
    HttpResponse<String> stop = post("/stop-job", "{\"jobId\": " + jobId + "}");
    assertEquals(200, stop.statusCode(), stop.body());
    awaitStatus(jobId, "CANCELED", Duration.ofSeconds(30));
    assertEquals(expected, lines(out), "every row exactly once");
    assertRowsCounted(jobId);
  }

  @Test
  void aWorkerKilledMidJobIsReplacedFromTheLastCheckpointExactlyOnce() throws Exception {
    cluster = startCluster(3); // enumerator + 2 readers spread one per worker; 4 slots stay after a kill
    Path out = tmp.resolve("out");
    String jobId = submit(job("worker-kill", "BATCH", out, 300));
    awaitCommitted(jobId, out, 1500);

    cluster.worker(2).kill9();

    awaitStatus(jobId, "FINISHED", Duration.ofSeconds(150));
    assertEquals(expected, lines(out), "every row exactly once");
    assertRowsCounted(jobId);
    assertTrue(cluster.master().log().contains("pipeline 1: restarting (retry 1 of 3) in 1 s, from checkpoint"),
        "the pipeline was restored from a checkpoint\n" + cluster.master().logTail());
  }

  @Test
  void aFullClusterRestartKeepsHistoryAndRestoresTheRunningJobExactlyOnce() throws Exception {
    cluster = startCluster(2);
    String quick = submit("env { job.name = quick }\nsource { FakeSource { row.num = 10, schema.fields { id = bigint } } }\n"
        + "sink { Console { log.print.data = false } }\n");
    awaitStatus(quick, "FINISHED", Duration.ofSeconds(60));
    Path out = tmp.resolve("out");
    String jobId = submit(job("full-restart", "BATCH", out, 300));
    awaitCommitted(jobId, out, 1500);

    cluster.killAll();
    for (int i = 0; i < cluster.nodes.size(); i++) {
      cluster.restart(i);
    }

    awaitStatus(jobId, "FINISHED", Duration.ofSeconds(180));
    assertEquals(expected, lines(out), "every row exactly once");
    assertRowsCounted(jobId);
    JsonNode history = cluster.rest.await(cluster.uri("/finished-jobs/FINISHED"), Duration.ofSeconds(10), f -> true);
    assertTrue(history.toString().contains(quick), "history survives a full restart: " + history);
  }

  // ---- helpers ----

  private TestCluster startCluster(int workers) throws Exception {
    TestCluster c = TestCluster.start(tmp, workers, 2);
    c.rest.await(c.uri("/overview"), Duration.ofSeconds(90), o -> Integer.toString(workers).equals(o.path("works").asText()));
    return c;
  }

  private static String job(String name, String mode, Path out, int rowsPerSecondPerReader) {
    return "env { job.name = " + name + ", job.mode = " + mode + ", parallelism = 2, checkpoint.interval = 1000,"
        + " read_limit.rows_per_second = " + rowsPerSecondPerReader + ", job.retry.times = 3,"
        + " job.retry.interval.seconds = 1 }\n"
        + "source { " + SOURCE + " }\n"
        + "sink { LocalFile { path = \"" + out + "\", file_format_type = csv } }\n";
  }

  private String submit(String job) throws Exception {
    HttpResponse<String> accepted = post("/submit-job?format=hocon", job);
    assertEquals(200, accepted.statusCode(), accepted.body());
    return RestPoller.JSON.readTree(accepted.body()).path("jobId").asText();
  }

  private HttpResponse<String> post(String path, String body) throws Exception {
    return cluster.rest.http().send(HttpRequest.newBuilder(cluster.uri(path))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Waits until the job runs and checkpoints have committed at least {@code rows} rows: the failure then hits a job with a checkpoint to restore from. */
  private void awaitCommitted(String jobId, Path out, int rows) throws Exception {
    awaitStatus(jobId, "RUNNING", Duration.ofSeconds(60));
    awaitLineCount(out, rows, Duration.ofSeconds(60));
  }

  /** Rows read again after a restore or an adoption are not counted twice. */
  private void assertRowsCounted(String jobId) throws Exception {
    com.fasterxml.jackson.databind.JsonNode info =
        cluster.rest.await(cluster.uri("/job-info/" + jobId), Duration.ofSeconds(10), j -> true);
    assertEquals(2 * ROWS_PER_READER, info.path("metrics").path("SourceReceivedCount").asLong(), info.toString());
    assertEquals(2 * ROWS_PER_READER, info.path("metrics").path("SinkWriteCount").asLong(), info.toString());
  }

  private void awaitStatus(String jobId, String status, Duration timeout) throws Exception {
    cluster.rest.await(cluster.uri("/job-info/" + jobId), timeout, j -> status.equals(j.path("jobStatus").asText()));
  }

  private void awaitLineCount(Path out, int count, Duration timeout) {
    int[] seen = {0};
    cluster.rest.until(timeout, () -> (seen[0] = lines(out).size()) >= count,
        () -> "only " + seen[0] + " of " + count + " rows committed within " + timeout);
  }

  /** Every line of the committed (visible) files, sorted. */
  private static List<String> lines(Path dir) throws IOException {
    List<String> all = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return all;
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList()) {
        all.addAll(Files.readAllLines(file));
      }
    }
    all.sort(null);
    return all;
  }
}
