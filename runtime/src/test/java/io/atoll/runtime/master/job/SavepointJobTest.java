package io.atoll.runtime.master.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.TestProbe;
import com.typesafe.config.ConfigFactory;
import io.atoll.protocol.job.JobCoordinatorProtocol;
import io.atoll.protocol.job.JobCoordinatorProtocol.CancelReply;
import io.atoll.protocol.job.JobDefinition;
import io.atoll.protocol.job.JobStatus;
import io.atoll.protocol.job.JobSummary;
import io.atoll.runtime.client.JobClient;
import io.atoll.runtime.node.AtollNode;
import io.atoll.runtime.node.NodeGuardian;
import io.atoll.runtime.testing.TestConfigs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stop with a savepoint and restore, end to end on an embedded hybrid node: a throttled FakeSource
 * → exactly-once LocalFile job is stopped with a savepoint in the middle, then submitted again with
 * the same id from its savepoint; the files both runs committed must hold exactly the rows of an
 * undisturbed run of the same source (FakeSource rows depend only on split and offset) — none
 * missing, none twice.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SavepointJobTest {
  private static final int ROWS_PER_READER = 3000;
  private static final String SOURCE = "FakeSource { row.num = " + ROWS_PER_READER
      + ", split.num = 4, schema.fields { id = bigint, name = string, score = int } }";

  @TempDir static Path tmp;
  private AtollNode node;
  private NodeGuardian.Node master;
  private JobClient client;

  @BeforeAll
  void startNode() throws Exception {
    node = AtollNode.start(ConfigFactory.parseMap(Map.of(
            "atoll.data-dir", tmp.resolve("data").toString(),
            "atoll.http.enabled", false,
            "atoll.slot-service.dynamic-slot", true,
            "akka.remote.artery.canonical.port", 0))
        .withFallback(TestConfigs.base()));
    master = node.ready().toCompletableFuture().get(60, TimeUnit.SECONDS);
    client = node.jobClient().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  @AfterAll
  void stopNode() throws Exception {
    node.stop().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private JobDefinition job(String name, Path out, int rowsPerSecond) throws Exception {
    return client.parse("env { job.name = " + name + ", job.mode = BATCH, parallelism = 2, checkpoint.interval = 500"
        + (rowsPerSecond > 0 ? ", read_limit.rows_per_second = " + rowsPerSecond : "") + " }\n"
        + "source { " + SOURCE + " }\n"
        + "sink { LocalFile { path = \"" + out + "\", file_format_type = csv } }\n", Map.of());
  }

  @Test
  void aJobStoppedWithASavepointAndRestoredCommitsEveryRowExactlyOnce() throws Exception {
    JobSummary reference = client.run(job("reference", tmp.resolve("reference"), 0))
        .toCompletableFuture().get(60, TimeUnit.SECONDS);
    assertEquals(JobStatus.FINISHED, reference.status());
    List<String> expected = lines(tmp.resolve("reference"));
    assertEquals(2 * ROWS_PER_READER, expected.size());

    Path out = tmp.resolve("out");
    long jobId = 4242;
    JobDefinition throttled = job("saved", out, 300);
    assertEquals(jobId, (long) client.submit(throttled, jobId).toCompletableFuture().get(10, TimeUnit.SECONDS));
    awaitStatus(jobId, JobStatus.RUNNING);
    awaitLines(out, 200);

    CancelReply stopped = client.stopWithSavepoint(jobId, Duration.ofSeconds(60)).toCompletableFuture()
        .get(70, TimeUnit.SECONDS);
    assertTrue(stopped.accepted(), stopped.message());
    JobSummary saved = status(jobId);
    assertEquals(JobStatus.SAVEPOINT_DONE, saved.status());
    List<String> firstRun = lines(out);
    assertTrue(firstRun.size() < expected.size(), "stopped in the middle: " + firstRun.size() + " rows committed");
    assertEquals(firstRun.size(), new HashSet<>(firstRun).size(), "no row committed twice by the first run");
    assertTrue(stopWithSavepoint(jobId).message().contains("already ended: SAVEPOINT_DONE"));

    JobCoordinatorProtocol.SubmitReply plain = submit(throttled, jobId, false);
    assertTrue(((JobCoordinatorProtocol.JobRejected) plain).reason().contains("isStartWithSavePoint=true"));
    JobCoordinatorProtocol.SubmitReply unknown = submit(throttled, 777, true);
    assertTrue(((JobCoordinatorProtocol.JobRejected) unknown).reason().contains("no savepoint for job 777"));

    assertEquals(jobId, (long) client.restore(job("saved", out, 0), jobId).toCompletableFuture().get(10, TimeUnit.SECONDS));
    JobSummary done = client.result(jobId).toCompletableFuture().get(60, TimeUnit.SECONDS);
    assertEquals(JobStatus.FINISHED, done.status(), "error: " + done.errorMessage());
    assertEquals(expected, lines(out), "every row exactly once over both runs");
    assertEquals(2 * ROWS_PER_READER, done.metrics().rowsWritten(), "the restored run counts on from the savepoint");
  }

  @Test
  void aJobThatIsNotRunningCannotBeStoppedWithASavepoint() {
    CancelReply unknown = stopWithSavepoint(31337);
    assertFalse(unknown.accepted());
    assertTrue(unknown.message().contains("no job 31337"), unknown.message());
  }

  // ---- helpers ----

  private CancelReply stopWithSavepoint(long jobId) {
    TestProbe<CancelReply> probe = TestProbe.create(node.system());
    master.jobCoordinator().tell(new JobCoordinatorProtocol.StopJobWithSavepoint(jobId, probe.ref()));
    return probe.receiveMessage(Duration.ofSeconds(60));
  }

  private JobCoordinatorProtocol.SubmitReply submit(JobDefinition job, long jobId, boolean fromSavepoint) {
    TestProbe<JobCoordinatorProtocol.SubmitReply> probe = TestProbe.create(node.system());
    master.jobCoordinator().tell(new JobCoordinatorProtocol.SubmitJob(job, jobId, fromSavepoint, probe.ref()));
    return probe.receiveMessage(Duration.ofSeconds(10));
  }

  private JobSummary status(long jobId) {
    TestProbe<JobCoordinatorProtocol.JobLookup> probe = TestProbe.create(node.system());
    master.jobCoordinator().tell(new JobCoordinatorProtocol.GetJob(jobId, probe.ref()));
    JobSummary job = probe.receiveMessage(Duration.ofSeconds(5)).job();
    assertNotNull(job);
    return job;
  }

  private void awaitStatus(long jobId, JobStatus expected) {
    TestProbe<Object> probe = TestProbe.create(node.system());
    probe.awaitAssert(Duration.ofSeconds(30), Duration.ofMillis(100), () -> {
      assertEquals(expected, status(jobId).status());
      return null;
    });
  }

  private void awaitLines(Path out, int count) {
    TestProbe<Object> probe = TestProbe.create(node.system());
    probe.awaitAssert(Duration.ofSeconds(30), Duration.ofMillis(100), () -> {
      assertTrue(lines(out).size() >= count, "rows committed: " + lines(out).size());
      return null;
    });
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
