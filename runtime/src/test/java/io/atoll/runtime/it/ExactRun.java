package io.atoll.runtime.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A FakeSource → LocalFile job of known content on a {@link TestCluster}, and the checks of exact
 * output: 2 readers x {@link #ROWS_PER_READER} rows, checkpoints every second, throttled so a failure
 * hits it in the middle. {@link #reference} makes the undisturbed output once with
 * {@code runtime.jar run}; FakeSource rows depend only on split and offset, so any run of the same
 * source must commit exactly those rows.
 */
final class ExactRun {
  static final int ROWS_PER_READER = 6000;
  static final String SOURCE = "FakeSource { row.num = " + ROWS_PER_READER
      + ", split.num = 4, schema.fields { id = bigint, name = string, score = int } }";

  private final TestCluster cluster;

  ExactRun(TestCluster cluster) {
    this.cluster = cluster;
  }

  /** The sorted lines of an undisturbed local run of {@link #SOURCE} with parallelism 2. */
  static List<String> reference(Path dir) throws Exception {
    Path out = dir.resolve("reference");
    Path conf = dir.resolve("reference.conf");
    Files.writeString(conf, "env { job.name = reference, parallelism = 2 }\nsource { " + SOURCE + " }\n"
        + "sink { LocalFile { path = \"" + out + "\", file_format_type = csv } }\n");
    NodeProcess run = NodeProcess.start("reference", dir, List.of("run", conf.toString()), Map.of());
    assertEquals(0, run.awaitExit(Duration.ofSeconds(120)), run.logTail());
    List<String> expected = lines(out);
    assertEquals(2 * ROWS_PER_READER, expected.size());
    return expected;
  }

  static String job(String name, String mode, Path out, int rowsPerSecondPerReader) {
    return "env { job.name = " + name + ", job.mode = " + mode + ", parallelism = 2, checkpoint.interval = 1000,"
        + " read_limit.rows_per_second = " + rowsPerSecondPerReader + ", job.retry.times = 3,"
        + " job.retry.interval.seconds = 1 }\n"
        + "source { " + SOURCE + " }\n"
        + "sink { LocalFile { path = \"" + out + "\", file_format_type = csv } }\n";
  }

  String submit(String job) throws Exception {
    HttpResponse<String> accepted = post("/submit-job?format=hocon", job);
    assertEquals(200, accepted.statusCode(), accepted.body());
    return RestPoller.JSON.readTree(accepted.body()).path("jobId").asText();
  }

  HttpResponse<String> post(String path, String body) throws Exception {
    return cluster.rest.http().send(HttpRequest.newBuilder(cluster.uri(path))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Waits until the job runs and checkpoints have committed at least {@code rows} rows: a failure then hits a job with a checkpoint to restore from. */
  void awaitCommitted(String jobId, Path out, int rows) throws Exception {
    awaitStatus(jobId, "RUNNING", Duration.ofSeconds(60));
    awaitLineCount(out, rows, Duration.ofSeconds(60));
  }

  /** Rows read again after a restore or an adoption are not counted twice. */
  void assertRowsCounted(String jobId) throws Exception {
    JsonNode info = cluster.rest.await(cluster.uri("/job-info/" + jobId), Duration.ofSeconds(10), j -> true);
    assertEquals(2 * ROWS_PER_READER, info.path("metrics").path("SourceReceivedCount").asLong(), info.toString());
    assertEquals(2 * ROWS_PER_READER, info.path("metrics").path("SinkWriteCount").asLong(), info.toString());
  }

  void awaitStatus(String jobId, String status, Duration timeout) throws Exception {
    cluster.rest.await(cluster.uri("/job-info/" + jobId), timeout, j -> status.equals(j.path("jobStatus").asText()));
  }

  void awaitLineCount(Path out, int count, Duration timeout) {
    int[] seen = {0};
    cluster.rest.until(timeout, () -> (seen[0] = lines(out).size()) >= count,
        () -> "only " + seen[0] + " of " + count + " rows committed within " + timeout);
  }

  /** Every line of the committed (visible) files, sorted. */
  static List<String> lines(Path dir) throws IOException {
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

  /** The sink's temp files (uncommitted checkpoint output) still under {@code out/.atoll-tmp}. */
  static List<Path> tempFiles(Path out) throws IOException {
    Path tmp = out.resolve(".atoll-tmp");
    if (!Files.isDirectory(tmp)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(tmp)) {
      return files.filter(Files::isRegularFile).toList();
    }
  }
}
