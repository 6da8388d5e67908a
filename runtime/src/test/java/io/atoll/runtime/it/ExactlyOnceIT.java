package io.atoll.runtime.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
  private static final int ROWS_PER_READER = ExactRun.ROWS_PER_READER;

  @TempDir static Path shared;
  private static List<String> expected;

  @TempDir Path tmp;
  private TestCluster cluster;
  private ExactRun run;

  @BeforeAll
  static void undisturbedRun() throws Exception {
    expected = ExactRun.reference(shared);
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
    String jobId = run.submit(ExactRun.job("batch", "BATCH", out, 300));
    run.awaitCommitted(jobId, out, 1500);

    cluster.master().kill9();
    cluster.restartMaster();

    run.awaitStatus(jobId, "FINISHED", Duration.ofSeconds(150));
    assertEquals(expected, ExactRun.lines(out), "every row exactly once");
    run.assertRowsCounted(jobId);
  }

  @Test
  void aStreamingJobCommitsExactlyOnceThroughAMasterKillAndRestart() throws Exception {
    cluster = startCluster(2);
    Path out = tmp.resolve("out");
    String jobId = run.submit(ExactRun.job("streaming", "STREAMING", out, 500));
    run.awaitCommitted(jobId, out, 1500);

    cluster.master().kill9();
    cluster.restartMaster();

    run.awaitStatus(jobId, "RUNNING", Duration.ofSeconds(120));
    run.awaitLineCount(out, expected.size(), Duration.ofSeconds(120));
    // a streaming job never ends by itself: once every row is committed, cancel it; after the
    // cancel nothing more can be committed, so a row committed twice would show now
    HttpResponse<String> stop = run.post("/stop-job", "{\"jobId\": " + jobId + "}");
    assertEquals(200, stop.statusCode(), stop.body());
    run.awaitStatus(jobId, "CANCELED", Duration.ofSeconds(30));
    assertEquals(expected, ExactRun.lines(out), "every row exactly once");
    run.assertRowsCounted(jobId);
  }

  @Test
  void aWorkerKilledMidJobIsReplacedFromTheLastCheckpointExactlyOnce() throws Exception {
    cluster = startCluster(3); // enumerator + 2 readers spread one per worker; 4 slots stay after a kill
    Path out = tmp.resolve("out");
    String jobId = run.submit(ExactRun.job("worker-kill", "BATCH", out, 300));
    run.awaitCommitted(jobId, out, 1500);

    cluster.worker(2).kill9();

    run.awaitStatus(jobId, "FINISHED", Duration.ofSeconds(150));
    assertEquals(expected, ExactRun.lines(out), "every row exactly once");
    run.assertRowsCounted(jobId);
    assertTrue(cluster.master().log().contains("pipeline 1: restarting (retry 1 of 3) in 1 s, from checkpoint"),
        "the pipeline was restored from a checkpoint\n" + cluster.master().logTail());
  }

  @Test
  void aFullClusterRestartKeepsHistoryAndRestoresTheRunningJobExactlyOnce() throws Exception {
    cluster = startCluster(2);
    String quick = run.submit("env { job.name = quick }\nsource { FakeSource { row.num = 10, schema.fields { id = bigint } } }\n"
        + "sink { Console { log.print.data = false } }\n");
    run.awaitStatus(quick, "FINISHED", Duration.ofSeconds(60));
    Path out = tmp.resolve("out");
    String jobId = run.submit(ExactRun.job("full-restart", "BATCH", out, 300));
    run.awaitCommitted(jobId, out, 1500);

    cluster.killAll();
    for (int i = 0; i < cluster.nodes.size(); i++) {
      cluster.restart(i);
    }

    run.awaitStatus(jobId, "FINISHED", Duration.ofSeconds(180));
    assertEquals(expected, ExactRun.lines(out), "every row exactly once");
    run.assertRowsCounted(jobId);
    JsonNode history = cluster.rest.await(cluster.uri("/finished-jobs/FINISHED"), Duration.ofSeconds(10), f -> true);
    assertTrue(history.toString().contains(quick), "history survives a full restart: " + history);
  }

  // ---- helpers ----

  private TestCluster startCluster(int workers) throws Exception {
    TestCluster c = TestCluster.start(tmp, workers, 2);
    c.rest.await(c.uri("/overview"), Duration.ofSeconds(90), o -> Integer.toString(workers).equals(o.path("works").asText()));
    run = new ExactRun(c);
    return c;
  }
}
