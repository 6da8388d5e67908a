package io.atoll.runtime.http;

import static io.atoll.runtime.http.HttpTesting.json;
import static io.atoll.runtime.http.HttpTesting.send;
import static io.atoll.runtime.http.HttpTesting.unchecked;
import static org.junit.jupiter.api.Assertions.assertEquals;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.actor.typed.javadsl.Behaviors;
import akka.http.javadsl.ServerBinding;
import com.fasterxml.jackson.databind.JsonNode;
import io.atoll.protocol.resource.ResourceManagerProtocol;
import io.atoll.protocol.resource.SlotServiceProtocol;
import io.atoll.protocol.resource.SlotServiceProtocol.SlotServiceStatus;
import io.atoll.protocol.resource.WorkerLost;
import io.atoll.runtime.config.ResourceManagerSettings;
import io.atoll.runtime.config.SlotServiceSettings;
import io.atoll.runtime.master.monitor.JobCountsSource;
import io.atoll.runtime.master.resource.ResourceManager;
import io.atoll.runtime.worker.slot.SlotService;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /update-tags} with SeaTunnel's bare tag map, on a node that runs a worker as well
 * (a hybrid node): the map is for that worker. (A node without one: {@link UpdateTagsTest}.)
 */
class UpdateTagsBareMapTest {
  private static final ActorTestKit testKit = ActorTestKit.create("UpdateTagsBareMapTest", HttpTesting.CONFIG);
  private static final String OTHER = "akka://atoll@10.0.0.9:25520";
  private static String self;
  private static ActorRef<SlotServiceProtocol> localWorker;
  private static ServerBinding api;

  @BeforeAll
  static void start() throws Exception {
    TestProbe<WorkerLost> lost = testKit.createTestProbe();
    ActorRef<ResourceManagerProtocol> rm = testKit.spawn(ResourceManager.create(
        new ResourceManagerSettings(Duration.ofMinutes(1), Duration.ofSeconds(2)), lost.ref()::tell, false));
    self = testKit.system().address().toString(); // what NodeGuardian gives this node's SlotService
    localWorker = testKit.spawn(SlotService.create(slots(Map.of("zone", "a")), self, rm,
        testKit.spawn(Behaviors.ignore()))).narrow();
    testKit.spawn(SlotService.create(slots(Map.of("zone", "b")), OTHER, rm, testKit.spawn(Behaviors.ignore())));
    api = HttpTesting.bind(testKit.system(), Duration.ofSeconds(3), rm, JobCountsSource.none());
    testKit.createTestProbe().awaitAssert(Duration.ofSeconds(10), () -> {
      assertEquals(2, unchecked(() -> json(send(api, "GET", "/workers"), 200)).size(), "both workers registered");
      return null;
    });
  }

  private static SlotServiceSettings slots(Map<String, String> tags) {
    return new SlotServiceSettings(false, 2, tags, Duration.ofSeconds(1), 2000, 1L << 30);
  }

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  private static Map<String, String> localTags() {
    TestProbe<SlotServiceStatus> status = testKit.createTestProbe();
    localWorker.tell(new SlotServiceProtocol.GetStatus(status.ref()));
    return status.receiveMessage().profile().tags();
  }

  private static JsonNode workersTagged(String query) throws Exception {
    return json(send(api, "GET", "/workers?" + query), 200);
  }

  @Test
  void aBareMapReplacesTheTagsOfThisNodesWorkerAndAnEmptyOneClearsThem() throws Exception {
    JsonNode reply = json(send(api, "POST", "/update-tags", "application/json",
        "{\"tag1\": \"dev_1\", \"tag2\": 2, \"tag3\": null}"), 200);
    assertEquals("success", reply.get("status").textValue());
    assertEquals("update node tags done.", reply.get("message").textValue());
    assertEquals(self, reply.get("worker").textValue());
    assertEquals(Map.of("tag1", "dev_1", "tag2", "2", "tag3", ""), localTags(), "null is an empty value, as SeaTunnel");
    assertEquals(self, workersTagged("tag1=dev_1").get(0).get("address").textValue());
    assertEquals("{\"zone\":\"b\"}", workersTagged("zone=b").get(0).get("tags").toString(), "the other worker keeps its own");

    json(send(api, "POST", "/update-tags", "application/json", "{}"), 200);
    assertEquals(Map.of(), localTags(), "{} clears this node's worker's tags");

    // Atoll's worker-addressed form still works next to it
    json(send(api, "POST", "/update-tags", "application/json",
        "{\"worker\": \"" + OTHER + "\", \"tags\": {\"zone\": \"c\"}}"), 200);
    assertEquals(1, workersTagged("zone=c").size());
    assertEquals(Map.of(), localTags());
  }
}
