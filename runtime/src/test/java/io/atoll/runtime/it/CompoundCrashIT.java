package io.atoll.runtime.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compound crashes with runtime.jar processes and Artery's default settings: 1 master + 2 workers
 * of 3 slots (one worker alone can hold the parallelism-2 job), the {@link ExactRun} job, and a
 * failure of more than one node — or of the master at the worst moment. Every scenario must end
 * FINISHED with exactly the rows of an undisturbed run, no temp file left in the sink, and no node
 * process gone: a worker left in the minority is downed by the Split Brain Resolver and must rejoin
 * by itself, not exit.
 *
 * <p>Artery's actor-ref compression stays on (its default); only its table is advertised every 2 s
 * instead of every minute, so that a message sent to a worker actor before it existed — which Artery
 * then compresses to a dead reference for good — shows within these short runs.
 */
class CompoundCrashIT {
  private static final String ADVERTISE_SOONER =
      "akka.remote.artery.advanced.compression.actor-refs.advertisement-interval = 2s";

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
  void theMasterAndTheSeedWorkerKilledTogether() throws Exception {
    masterAndWorkerKilledTogether(1);
  }

  @Test
  void theMasterAndTheOtherWorkerKilledTogether() throws Exception {
    masterAndWorkerKilledTogether(2);
  }

  private void masterAndWorkerKilledTogether(int worker) throws Exception {
    startCluster();
    Path out = tmp.resolve("out");
    String jobId = run.submit(ExactRun.job("master-and-worker-" + worker, "BATCH", out, 300));
    run.awaitCommitted(jobId, out, 1500);

    cluster.master().kill9();
    cluster.worker(worker).kill9();
    cluster.restartMaster();
    cluster.restart(worker); // nodes: master first, then the workers

    assertExactEnd(jobId, out);
  }

  @Test
  void aWorkerKilledTwiceInOneJob() throws Exception {
    startCluster();
    Path out = tmp.resolve("out");
    String jobId = run.submit(ExactRun.job("worker-twice", "BATCH", out, 300));
    run.awaitCommitted(jobId, out, 1500);

    cluster.worker(2).kill9();
    cluster.restart(2);
    int before = ExactRun.lines(out).size();
    run.awaitLineCount(out, before + 600, Duration.ofSeconds(120)); // running again after the first kill
    cluster.worker(1).kill9();
    cluster.restart(1);

    assertExactEnd(jobId, out);
  }

  @Test
  void theMasterKilledWhileACheckpointIsInFlight() throws Exception {
    // The workers are frozen for a few seconds below: long enough for a checkpoint to hang, not long
    // enough to be declared lost or unreachable first (that would be another scenario).
    startCluster(ADVERTISE_SOONER + "\natoll.heartbeat.timeout = 10s\n"
        + "akka.cluster.failure-detector.acceptable-heartbeat-pause = 10s\n");
    Path out = tmp.resolve("out");
    String jobId = run.submit(ExactRun.job("mid-checkpoint", "BATCH", out, 300));
    run.awaitCommitted(jobId, out, 1500);

    // Frozen workers cannot acknowledge: the next checkpoint stays in flight, and the master says so
    // at the tick after it was triggered. Kill it right then, and thaw the workers.
    cluster.worker(1).pause();
    cluster.worker(2).pause();
    try {
      cluster.rest.until(Duration.ofSeconds(20), () -> cluster.master().log().contains("still waits for task groups"),
          () -> "the master never reported a checkpoint in flight");
      cluster.master().kill9();
    } finally {
      cluster.worker(1).resume();
      cluster.worker(2).resume();
    }
    cluster.restartMaster();

    assertExactEnd(jobId, out);
  }

  // ---- helpers ----

  private void startCluster() throws Exception {
    startCluster(ADVERTISE_SOONER);
  }

  private void startCluster(String config) throws Exception {
    cluster = TestCluster.start(tmp, 2, 3, config);
    cluster.rest.await(cluster.uri("/overview"), Duration.ofSeconds(90), o -> "2".equals(o.path("works").asText()));
    run = new ExactRun(cluster);
  }

  private void assertExactEnd(String jobId, Path out) throws Exception {
    run.awaitStatus(jobId, "FINISHED", Duration.ofSeconds(180));
    assertEquals(expected, ExactRun.lines(out), "every row exactly once");
    run.assertRowsCounted(jobId);
    assertEquals(List.of(), ExactRun.tempFiles(out), "no temp file of an abandoned checkpoint is left");
    for (NodeProcess node : cluster.nodes) {
      assertTrue(node.alive(), "no node exited by itself\n" + node.logTail());
    }
  }
}
