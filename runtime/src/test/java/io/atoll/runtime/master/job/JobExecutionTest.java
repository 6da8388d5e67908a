package io.atoll.runtime.master.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.cluster.typed.Cluster;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.atoll.protocol.data.Row;
import io.atoll.protocol.job.JobCoordinatorProtocol;
import io.atoll.protocol.job.JobDefinition;
import io.atoll.protocol.job.JobStatus;
import io.atoll.protocol.job.JobSummary;
import io.atoll.protocol.resource.ClusterResources;
import io.atoll.protocol.resource.ResourceManagerProtocol;
import io.atoll.runtime.node.AtollNode;
import io.atoll.runtime.node.NodeGuardian;
import io.atoll.runtime.testing.Jobs;
import io.atoll.runtime.testing.TestConfigs;
import io.atoll.runtime.testing.plugins.TestingSink;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jobs on an in-JVM cluster: one master and two workers with two slots each (four slots). Each
 * test ends by checking that every slot is free again: a slot left owned by an ended job is a bug.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JobExecutionTest {
  @TempDir static Path tmp;
  private final List<AtollNode> nodes = new ArrayList<>();
  private NodeGuardian.Node master;
  private AtollNode masterNode;

  @BeforeAll
  void startCluster() throws Exception {
    masterNode = start(config("master", "m", List.of()));
    master = masterNode.ready().toCompletableFuture().get(60, TimeUnit.SECONDS);
    String seed = Cluster.get(masterNode.system()).selfMember().address().toString();
    start(config("worker", "w1", List.of(seed)));
    start(config("worker", "w2", List.of(seed)));
    TestProbe<ClusterResources> probe = TestProbe.create(masterNode.system());
    probe.awaitAssert(Duration.ofSeconds(30), () -> {
      master.resourceManager().tell(new ResourceManagerProtocol.GetClusterResources(probe.ref()));
      assertEquals(4, probe.receiveMessage().totalSlots());
      return null;
    });
  }

  @AfterAll
  void stopCluster() throws Exception {
    for (AtollNode node : nodes) {
      node.stop().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  private Config config(String role, String dir, List<String> seeds) {
    return ConfigFactory.parseMap(Map.of(
            "atoll.node.role", role,
            "atoll.data-dir", tmp.resolve(dir).toString(),
            "atoll.slot-service.slot-num", 2,
            "atoll.heartbeat.interval", "200ms",
            "atoll.heartbeat.timeout", "2s",
            "atoll.http.enabled", false,
            "atoll.job.slot-retry-interval", "200ms",
            "akka.remote.artery.canonical.port", 0,
            "akka.cluster.seed-nodes", seeds))
        .withFallback(TestConfigs.base());
  }

  private AtollNode start(Config config) throws Exception {
    AtollNode node = AtollNode.start(config);
    nodes.add(node);
    node.ready().toCompletableFuture().get(60, TimeUnit.SECONDS);
    return node;
  }

  private long submit(JobDefinition job) {
    TestProbe<JobCoordinatorProtocol.SubmitReply> probe = TestProbe.create(masterNode.system());
    master.jobCoordinator().tell(new JobCoordinatorProtocol.SubmitJob(job, 0, probe.ref()));
    return assertInstanceOf(JobCoordinatorProtocol.JobAccepted.class, probe.receiveMessage(Duration.ofSeconds(10))).jobId();
  }

  private JobSummary await(long jobId, Duration timeout) {
    TestProbe<JobCoordinatorProtocol.JobLookup> probe = TestProbe.create(masterNode.system());
    master.jobCoordinator().tell(new JobCoordinatorProtocol.AwaitJob(jobId, probe.ref()));
    JobSummary job = probe.receiveMessage(timeout).job();
    assertNotNull(job);
    return job;
  }

  private JobSummary status(long jobId) {
    TestProbe<JobCoordinatorProtocol.JobLookup> probe = TestProbe.create(masterNode.system());
    master.jobCoordinator().tell(new JobCoordinatorProtocol.GetJob(jobId, probe.ref()));
    return probe.receiveMessage(Duration.ofSeconds(5)).job();
  }

  private void assertEverySlotFree() {
    TestProbe<ClusterResources> probe = TestProbe.create(masterNode.system());
    probe.awaitAssert(Duration.ofSeconds(10), () -> {
      master.resourceManager().tell(new ResourceManagerProtocol.GetClusterResources(probe.ref()));
      ClusterResources resources = probe.receiveMessage();
      assertEquals(4, resources.totalSlots());
      assertEquals(4, resources.unassignedSlots(), "slots still owned: " + resources.workers());
      return null;
    });
  }

  @Test
  void aJobAtParallelismThreeOnTwoWorkersFinishesWithEveryRow() {
    long jobId = submit(Jobs.testing("p3", 3, "{\"rows\":500,\"batch\":50}", "{\"collect_to\":\"p3\"}", 0));
    JobSummary done = await(jobId, Duration.ofSeconds(60));
    assertEquals(JobStatus.FINISHED, done.status(), "error: " + done.errorMessage());
    List<Row> rows = new ArrayList<>(TestingSink.committed("p3"));
    assertEquals(1500, rows.size());
    Set<Object> perSubtask = new HashSet<>();
    rows.forEach(r -> perSubtask.add(r.field(1)));
    assertEquals(Set.of(0, 1, 2), perSubtask);
    assertEquals(1500, done.metrics().rowsRead());
    assertEquals(1500, done.metrics().rowsWritten());
    assertEverySlotFree();
  }

  @Test
  void aSecondJobWaitsForSlotsAndThenRuns() {
    // 1 enumerator + 3 readers take all four slots; rows are throttled so the job runs a while.
    long first = submit(Jobs.testing("wait-1", 3, "{\"rows\":300,\"batch\":10}", "{\"collect_to\":\"wait-1\"}", 200));
    long second = submit(Jobs.testing("wait-2", 1, "{\"rows\":50}", "{\"collect_to\":\"wait-2\"}", 0));
    TestProbe<Object> probe = TestProbe.create(masterNode.system());
    probe.awaitAssert(Duration.ofSeconds(20), () -> {
      assertEquals(JobStatus.RUNNING, status(first).status());
      return null;
    });
    assertEquals(JobStatus.PENDING, status(second).status(), "no slot is free while the first job runs");
    assertEquals(JobStatus.FINISHED, await(first, Duration.ofSeconds(60)).status());
    JobSummary secondDone = await(second, Duration.ofSeconds(60));
    assertEquals(JobStatus.FINISHED, secondDone.status(), "error: " + secondDone.errorMessage());
    assertEquals(50, TestingSink.committed("wait-2").size());
    assertEverySlotFree();
  }

  @Test
  void aCancelledStreamingJobEndsCancelledAndAbortsItsWriters() {
    long jobId = submit(Jobs.testing("cancel", 2, "{\"unbounded\":true,\"batch\":10}", "{\"collect_to\":\"cancel\"}", 100));
    TestProbe<JobCoordinatorProtocol.CancelReply> replies = TestProbe.create(masterNode.system());
    replies.awaitAssert(Duration.ofSeconds(20), () -> {
      assertEquals(JobStatus.RUNNING, status(jobId).status());
      return null;
    });
    master.jobCoordinator().tell(new JobCoordinatorProtocol.CancelJob(jobId, replies.ref()));
    assertTrue(replies.receiveMessage().accepted());
    JobSummary done = await(jobId, Duration.ofSeconds(30));
    assertEquals(JobStatus.CANCELED, done.status());
    assertEquals(2, TestingSink.aborted("cancel"), "both writers aborted");
    assertEquals(0, TestingSink.committed("cancel").size(), "nothing committed");
    assertEverySlotFree();
  }

  @Test
  void aFailingWriterFailsThePipelineWhichIsRetriedThenTheJobFails() {
    long jobId = submit(Jobs.testing("fail", 1, "{\"rows\":100}", "{\"collect_to\":\"fail\",\"fail_after\":10}", 0));
    JobSummary done = await(jobId, Duration.ofSeconds(60));
    assertEquals(JobStatus.FAILED, done.status());
    assertTrue(done.errorMessage().contains("TestingSink fails after 10 rows"), done.errorMessage());
    assertEquals(2, TestingSink.aborted("fail"), "first run + one retry (job.retry.times = 1), each aborted");
    assertEverySlotFree();
  }

  @Test
  void aPipelineThatFailsIsRestoredFromItsLastCheckpointAndWritesEveryRowExactlyOnce() {
    // 2 readers x 3000 rows, checkpoints every 100 ms, throttled; the first writer to write 200
    // rows after one of its checkpoints completed fails once; the retry restores from the last one.
    long jobId = submit(Jobs.testing("restore", 2, "{\"rows\":3000,\"batch\":20}",
        "{\"collect_to\":\"restore\",\"fail_once_after\":200}", 2000, 100));
    JobSummary done = await(jobId, Duration.ofSeconds(60));
    assertEquals(JobStatus.FINISHED, done.status(), "error: " + done.errorMessage());
    assertEquals(2, TestingSink.aborted("restore"), "the failed attempt's two writers aborted");
    Map<Object, Long> counts = new java.util.HashMap<>();
    for (Row row : TestingSink.committed("restore")) {
      counts.merge(List.of(row.field(0), row.field(1)), 1L, Long::sum);
    }
    assertEquals(6000, counts.size(), "every (id, subtask) committed");
    assertEquals(Set.of(1L), Set.copyOf(counts.values()), "none twice");
    assertEquals(2, TestingSink.restoredWriters("restore"), "both writers restored from a checkpoint's state");
    assertEquals(6000, done.metrics().rowsRead(), "rows read again after the restore are not counted twice");
    assertEquals(6000, done.metrics().rowsWritten());
    assertEverySlotFree();
  }

  @Test
  void unknownAndEndedJobsCannotBeCancelled() {
    TestProbe<JobCoordinatorProtocol.CancelReply> replies = TestProbe.create(masterNode.system());
    master.jobCoordinator().tell(new JobCoordinatorProtocol.CancelJob(424242, replies.ref()));
    JobCoordinatorProtocol.CancelReply reply = replies.receiveMessage();
    assertEquals(false, reply.accepted());
    assertTrue(reply.message().contains("no job 424242"), reply.message());
  }
}
