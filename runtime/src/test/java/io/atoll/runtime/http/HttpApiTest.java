package io.atoll.runtime.http;

import static io.atoll.runtime.http.HttpTesting.json;
import static io.atoll.runtime.http.HttpTesting.send;
import static io.atoll.runtime.http.TestingResourceManager.SLOT;
import static io.atoll.runtime.http.TestingResourceManager.TWO_WORKERS;
import static io.atoll.runtime.http.TestingResourceManager.WORKER_A;
import static io.atoll.runtime.http.TestingResourceManager.WORKER_B;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.typed.ActorRef;
import akka.http.javadsl.ServerBinding;
import com.fasterxml.jackson.databind.JsonNode;
import io.atoll.protocol.job.JobCoordinatorProtocol;
import io.atoll.protocol.resource.ResourceManagerProtocol;
import io.atoll.runtime.config.HttpSettings;
import io.atoll.runtime.master.monitor.JobCounts;
import io.atoll.runtime.master.monitor.JobCountsSource;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code /overview} and {@code /workers} content through a real binding. */
class HttpApiTest {
  private static final ActorTestKit testKit = ActorTestKit.create("HttpApiTest", HttpTesting.CONFIG);
  private static ServerBinding api;
  private static ServerBinding withJobs;

  @BeforeAll
  static void start() throws Exception {
    ActorRef<ResourceManagerProtocol> rm = testKit.spawn(TestingResourceManager.answering(TWO_WORKERS));
    // the coordinator's own job counts: it knows no jobs
    ActorRef<JobCoordinatorProtocol> coordinator =
        testKit.spawn(TestingJobCoordinator.create(new TestingJobCoordinator.Jobs()));
    api = HttpApi.start(
            testKit.system(),
            new HttpSettings(true, "127.0.0.1", 0, Duration.ofSeconds(3)),
            rm,
            coordinator,
            HttpTesting.PLUGINS,
            HttpTesting.BUILD)
        .toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
    JobCountsSource jobs = () -> CompletableFuture.completedFuture(new JobCounts(1, 2, 3, 4, 5));
    withJobs = HttpTesting.bind(testKit.system(), Duration.ofSeconds(3), rm, jobs);
  }

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  @Test
  void overviewCountsEveryWorkerAsSeaTunnelStrings() throws Exception {
    JsonNode o = json(send(api, "GET", "/overview"), 200);
    assertEquals("1.2.3", o.get("projectVersion").textValue());
    assertEquals("abc1234", o.get("gitCommitAbbrev").textValue());
    assertEquals("4", o.get("totalSlot").textValue());
    assertEquals("3", o.get("unassignedSlot").textValue());
    assertEquals("2", o.get("works").textValue());
    for (String jobs : new String[] {"runningJobs", "pendingJobs", "finishedJobs", "failedJobs", "cancelledJobs"}) {
      assertEquals("0", o.get(jobs).textValue(), jobs);
    }
    assertEquals(10, o.size(), () -> "fields: " + o);
  }

  @Test
  void overviewFiltersWorkersByEveryTag() throws Exception {
    JsonNode zoneA = json(send(api, "GET", "/overview?zone=a"), 200);
    assertEquals("1", zoneA.get("works").textValue());
    assertEquals("2", zoneA.get("totalSlot").textValue());
    assertEquals("1", zoneA.get("unassignedSlot").textValue());

    JsonNode zoneB = json(send(api, "GET", "/overview?zone=b"), 200);
    assertEquals("1", zoneB.get("works").textValue());
    assertEquals("2", zoneB.get("unassignedSlot").textValue());

    JsonNode both = json(send(api, "GET", "/overview?zone=a&disk=ssd"), 200);
    assertEquals("1", both.get("works").textValue());

    JsonNode none = json(send(api, "GET", "/overview?zone=b&disk=ssd"), 200);
    assertEquals("0", none.get("works").textValue());
    assertEquals("0", none.get("totalSlot").textValue());
  }

  @Test
  void overviewTakesJobCountsFromThePluggedSource() throws Exception {
    JsonNode o = json(send(withJobs, "GET", "/overview"), 200);
    assertEquals("1", o.get("runningJobs").textValue());
    assertEquals("2", o.get("pendingJobs").textValue());
    assertEquals("3", o.get("finishedJobs").textValue());
    assertEquals("4", o.get("failedJobs").textValue());
    assertEquals("5", o.get("cancelledJobs").textValue());
    assertEquals("2", o.get("works").textValue());
  }

  @Test
  void workersListsSlotsResourcesAndHeartbeats() throws Exception {
    JsonNode workers = json(send(api, "GET", "/workers"), 200);
    assertTrue(workers.isArray());
    assertEquals(2, workers.size());

    JsonNode a = workers.get(0);
    assertEquals(WORKER_A, a.get("address").textValue());
    assertEquals(1, a.get("sequence").longValue());
    assertEquals(false, a.get("dynamicSlot").booleanValue());
    assertEquals("a", a.get("tags").get("zone").textValue());
    assertEquals("ssd", a.get("tags").get("disk").textValue());
    assertEquals(2, a.get("totalSlot").intValue());
    assertEquals(1, a.get("assignedSlot").intValue());
    assertEquals(1, a.get("unassignedSlot").intValue());
    assertEquals(2 * SLOT.cpuMillis(), a.get("totalResource").get("cpuMillis").longValue());
    assertEquals(2 * SLOT.heapBytes(), a.get("totalResource").get("heapBytes").longValue());
    assertEquals(SLOT.cpuMillis(), a.get("unassignedResource").get("cpuMillis").longValue());
    assertEquals(SLOT.heapBytes(), a.get("unassignedResource").get("heapBytes").longValue());
    assertEquals(1, a.get("assignedSlots").size());
    assertEquals(0, a.get("assignedSlots").get(0).get("slotId").intValue());
    assertEquals("42", a.get("assignedSlots").get(0).get("ownerJobId").textValue());
    assertEquals("2023-11-14T22:13:20Z", a.get("lastHeartbeat").textValue());
    assertEquals(250, a.get("heartbeatAgeMillis").longValue());

    JsonNode b = workers.get(1);
    assertEquals(WORKER_B, b.get("address").textValue());
    assertEquals(true, b.get("dynamicSlot").booleanValue());
    assertEquals(0, b.get("assignedSlot").intValue());
    assertEquals(2, b.get("unassignedSlot").intValue());
    assertEquals(0, b.get("assignedSlots").size());
    assertEquals("2023-11-14T22:13:20.100Z", b.get("lastHeartbeat").textValue());
  }

  @Test
  void workersFiltersByTag() throws Exception {
    JsonNode workers = json(send(api, "GET", "/workers?zone=b"), 200);
    assertEquals(1, workers.size());
    assertEquals(WORKER_B, workers.get(0).get("address").textValue());

    assertEquals(0, json(send(api, "GET", "/workers?zone=c"), 200).size());
  }
}
