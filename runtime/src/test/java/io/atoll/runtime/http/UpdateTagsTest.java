package io.atoll.runtime.http;

import static io.atoll.runtime.http.HttpTesting.failMessage;
import static io.atoll.runtime.http.HttpTesting.json;
import static io.atoll.runtime.http.HttpTesting.send;
import static io.atoll.runtime.http.HttpTesting.unchecked;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.actor.typed.javadsl.Behaviors;
import akka.http.javadsl.ServerBinding;
import com.fasterxml.jackson.databind.JsonNode;
import io.atoll.protocol.resource.JobId;
import io.atoll.protocol.resource.ResourceManagerProtocol;
import io.atoll.protocol.resource.SlotReply;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code POST /update-tags} against a real ResourceManager and real SlotServices: the worker takes
 * the tags, and the registry holds them before the API answers, so /workers, /overview and the
 * next slot request see them at once.
 */
class UpdateTagsTest {
  private static final ActorTestKit testKit = ActorTestKit.create("UpdateTagsTest", HttpTesting.CONFIG);
  private static final String A = "akka://atoll@10.0.0.1:25520";
  private static final String B = "akka://atoll@10.0.0.2:25520";
  private static ActorRef<ResourceManagerProtocol> rm;
  private static ActorRef<SlotServiceProtocol> workerA;
  private static ServerBinding api;

  @BeforeAll
  static void start() throws Exception {
    TestProbe<WorkerLost> lost = testKit.createTestProbe();
    rm = testKit.spawn(ResourceManager.create(
        new ResourceManagerSettings(Duration.ofMinutes(1), Duration.ofSeconds(2)), lost.ref()::tell, false));
    workerA = testKit.spawn(SlotService.create(slots(Map.of("zone", "a")), A, rm, testKit.spawn(Behaviors.ignore())))
        .narrow();
    testKit.spawn(SlotService.create(slots(Map.of("zone", "b")), B, rm, testKit.spawn(Behaviors.ignore())));
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

  private static JsonNode workersTagged(String zone) throws Exception {
    return json(send(api, "GET", "/workers?zone=" + zone), 200);
  }

  @Test
  void newTagsAreSeenByWorkersOverviewAndTheNextSlotRequest() throws Exception {
    JsonNode reply = json(send(api, "POST", "/update-tags", "application/json",
        "{\"worker\": \"10.0.0.1:25520\", \"tags\": {\"zone\": \"gpu\", \"rack\": 7}}"), 200);
    assertEquals("success", reply.get("status").textValue());
    assertEquals(A, reply.get("worker").textValue());
    assertEquals("{\"rack\":\"7\",\"zone\":\"gpu\"}", reply.get("tags").toString());

    JsonNode gpu = workersTagged("gpu");
    assertEquals(1, gpu.size());
    assertEquals(A, gpu.get(0).get("address").textValue());
    assertEquals(0, workersTagged("a").size(), "the old tags are gone: tags are replaced, not merged");
    assertEquals("1", json(send(api, "GET", "/overview?zone=gpu&rack=7"), 200).get("works").textValue());

    TestProbe<SlotServiceStatus> status = testKit.createTestProbe();
    workerA.tell(new SlotServiceProtocol.GetStatus(status.ref()));
    assertEquals(Map.of("zone", "gpu", "rack", "7"), status.receiveMessage().profile().tags(), "the worker's own");

    TestProbe<SlotReply> requester = testKit.createTestProbe();
    rm.tell(new ResourceManagerProtocol.RequestSlots(JobId.of(1), 2, Map.of("zone", "gpu"), requester.ref()));
    SlotReply.SlotsAllocated allocated = assertInstanceOf(SlotReply.SlotsAllocated.class, requester.receiveMessage());
    assertTrue(allocated.slots().stream().allMatch(s -> s.worker().equals(A)), allocated::toString);
    rm.tell(new ResourceManagerProtocol.ReleaseSlots(JobId.of(1), allocated.slots()));

    json(send(api, "POST", "/update-tags", "application/json", "{\"worker\": \"" + A + "\", \"tags\": {}}"), 200);
    JsonNode workers = json(send(api, "GET", "/workers"), 200); // ordered by address: A first
    assertEquals(A, workers.get(0).get("address").textValue());
    assertEquals("{}", workers.get(0).get("tags").toString(), "{} clears the tags");
    json(send(api, "POST", "/update-tags", "application/json",
        "{\"worker\": \"" + A + "\", \"tags\": {\"zone\": \"a\"}}"), 200);
  }

  @Test
  void anUnknownWorkerIs404AndNothingChanges() throws Exception {
    String message = failMessage(send(api, "POST", "/update-tags", "application/json",
        "{\"worker\": \"10.9.9.9:25520\", \"tags\": {\"zone\": \"x\"}}"), 404);
    assertTrue(message.contains("no live worker at 10.9.9.9:25520") && message.contains("GET /workers"), message);
    assertEquals(0, workersTagged("x").size());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "{\"worker\": \"10.0.0.2:25520\", \"tags\": {  | request body is not JSON",
    "[\"10.0.0.2:25520\"]                          | must be a JSON object",
    "' '                                           | request body is empty",
    "{\"tags\": {\"zone\": \"x\"}}                 | worker is missing",
    "{\"worker\": 7, \"tags\": {}}                 | worker is missing or not a string",
    "{\"worker\": \"10.0.0.2:25520\"}              | tags is missing or not a JSON object",
    "{\"worker\": \"10.0.0.2:25520\", \"tags\": [\"x\"]} | tags is missing or not a JSON object",
    "{\"worker\": \"10.0.0.2:25520\", \"tags\": {\"zone\": {\"a\": 1}}} | tag 'zone' must be a string, number or boolean",
    "{\"worker\": \"10.0.0.2:25520\", \"tags\": {\"zone\": null}} | tag 'zone' must be a string",
    "{\"worker\": \"10.0.0.2:25520\", \"tags\": {\"\": \"x\"}} | a tag name is empty",
    "{\"worker\": \"10.0.0.2:25520\", \"tags\": {}, \"zone\": \"x\"} | unknown field 'zone'",
    "{\"zone\": \"x\"}                             | this node (akka://UpdateTagsTest) runs no worker",
    "{\"zone\": [\"x\"]}                           | tag 'zone' must be a string, number or boolean",
  })
  void malformedBodiesAre400AndChangeNothing(String body, String expected) throws Exception {
    String message = failMessage(send(api, "POST", "/update-tags", "application/json", body.trim()), 400);
    assertTrue(message.contains(expected.trim()), message);
    JsonNode b = workersTagged("b");
    assertEquals(1, b.size(), "B keeps its tags");
    assertEquals("{\"zone\":\"b\"}", b.get(0).get("tags").toString());
  }

  @Test
  void getIsNotAllowed() throws Exception {
    failMessage(send(api, "GET", "/update-tags"), 405);
  }
}
