package io.atoll.runtime.http;

import static io.atoll.runtime.http.HttpTesting.failMessage;
import static io.atoll.runtime.http.HttpTesting.json;
import static io.atoll.runtime.http.HttpTesting.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.receptionist.Receptionist;
import akka.http.javadsl.ServerBinding;
import com.fasterxml.jackson.databind.JsonNode;
import io.atoll.protocol.node.NodeMonitorProtocol;
import io.atoll.runtime.master.monitor.JobCountsSource;
import io.atoll.runtime.node.NodeMonitor;
import io.atoll.runtime.resource.LeakDetectionLevel;
import io.atoll.runtime.resource.ResourceOwner;
import io.atoll.runtime.resource.ResourceTracker;
import io.atoll.runtime.resource.ResourceTrackers;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /leaks} and {@code POST /leak-detection}: two nodes answer through their NodeMonitors
 * (each with its own tracker), a third does not answer and is listed as unreachable; a bad level or
 * body is a 400 that changes nothing. And the resource families of {@code GET /metrics}.
 */
class LeakRoutesTest {
  private static final ActorTestKit testKit = ActorTestKit.create("LeakRoutesTest", HttpTesting.CONFIG);
  private static final String NODE_A = "akka://atoll@10.0.0.1:25520";
  private static final String NODE_B = "akka://atoll@10.0.0.2:25520";
  private static final String SILENT = "akka://LeakRoutesTest"; // a local monitor's path has this system's address
  private static final ResourceTracker a = new ResourceTracker(NODE_A, LeakDetectionLevel.PARANOID);
  private static final ResourceTracker b = new ResourceTracker(NODE_B, LeakDetectionLevel.OFF);
  private static ServerBinding api;

  @BeforeAll
  static void start() throws Exception {
    a.acquire("file", ResourceOwner.job(8), "/data/in.csv", 2048, null);
    a.acquire("thread", ResourceOwner.task(7, 1, 2, 0), "poller-1", 0, null); // this line is the site
    ResourceTracker.Handle twice = a.acquire("connection", ResourceOwner.job(8), "jdbc:h2:mem:x", 0, null);
    twice.release();
    twice.release();
    a.jobEnded(7, "job FINISHED");
    b.acquire("slot", ResourceOwner.job(9), "slot 1", 0, null);
    b.jobEnded(9, "job CANCELED");

    testKit.spawn(NodeMonitor.create(NODE_A, List.of("master", "worker"), () -> 0, a));
    testKit.spawn(NodeMonitor.create(NODE_B, List.of("worker"), () -> 0, b));
    TestProbe<NodeMonitorProtocol> silentNode = testKit.createTestProbe("silent-node");
    TestProbe<Receptionist.Registered> registered = testKit.createTestProbe();
    testKit.system().receptionist().tell(Receptionist.register(NodeMonitor.KEY, silentNode.ref(), registered.ref()));
    registered.receiveMessage();
    api = HttpTesting.bind(testKit.system(), HttpTesting.settings(Duration.ofMillis(500)).withMaxBodySize(1024),
        testKit.spawn(TestingResourceManager.answering(TestingResourceManager.TWO_WORKERS)),
        testKit.system().ignoreRef(), JobCountsSource.none());
  }

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  /** Waits until all three monitors are registered (they register as they start). */
  private static JsonNode leaks(String query) {
    return testKit.createTestProbe().awaitAssert(Duration.ofSeconds(10), () -> {
      JsonNode all = HttpTesting.unchecked(() -> json(send(api, "GET", "/leaks" + query), 200));
      assertEquals(query.isEmpty() ? 3 : 1, all.size(), all::toString);
      return all;
    });
  }

  private static JsonNode post(String body, int status) throws Exception {
    return json(send(api, "POST", "/leak-detection", "application/json", body), status);
  }

  @Test
  void everyNodeListsItsLiveResourcesLeaksWithTheirSiteAndASilentOneIsUnreachable() {
    JsonNode nodes = leaks("");
    assertEquals(List.of(SILENT, NODE_A, NODE_B), addresses(nodes));

    JsonNode silent = nodes.get(0);
    assertEquals("unreachable", silent.get("status").textValue());
    assertTrue(silent.get("message").textValue().contains("did not answer within 500ms"), silent::toString);

    JsonNode node = nodes.get(1);
    assertEquals("ok", node.get("status").textValue());
    assertEquals(a.level().configName(), node.get("level").textValue());
    assertEquals("{\"file\":1}", node.get("live").toString());
    assertEquals("{\"file\":2048}", node.get("liveSize").toString());
    assertEquals("{\"thread\":1}", node.get("leaks").toString());
    assertEquals("{\"connection\":1}", node.get("doubleReleases").toString());
    JsonNode leak = node.get("recentLeaks").get(0);
    assertEquals("thread", leak.get("kind").textValue());
    assertEquals("job 7 pipeline 1 task group 2 attempt 0", leak.get("owner").textValue());
    assertEquals("poller-1", leak.get("description").textValue());
    assertEquals("job FINISHED", leak.get("how").textValue());
    assertTrue(leak.get("outcome").textValue().startsWith("left as it is"), leak::toString);
    assertTrue(leak.get("ageMillis").isNumber() && leak.get("detectedAt").asLong() > 0, leak::toString);
    JsonNode site = leak.get("allocationSite");
    assertTrue(site.isArray() && site.size() > 1, leak::toString);
    assertTrue(site.get(0).textValue().startsWith(LeakRoutesTest.class.getName() + ".start(LeakRoutesTest.java:"),
        site::toString);

    JsonNode off = nodes.get(2).get("recentLeaks").get(0);
    assertEquals("slot", off.get("kind").textValue());
    assertTrue(off.get("allocationSite").isNull(), "no site was recorded with detection off: " + off);
  }

  @Test
  void oneNodeIsShownByItsHostAndPort() {
    JsonNode nodes = leaks("?node=10.0.0.2:25520");
    assertEquals(List.of(NODE_B), addresses(nodes));
  }

  @Test
  void anUnknownNodeIsA404NamingTheNodesThereAre() throws Exception {
    leaks("?node=" + NODE_A); // all registered
    String message = failMessage(send(api, "GET", "/leaks?node=10.9.9.9:1"), 404);
    assertTrue(message.contains("no node at '10.9.9.9:1'") && message.contains(NODE_A) && message.contains(NODE_B)
        && message.contains(SILENT + " (unreachable)"), message);
    failMessage(send(api, "POST", "/leak-detection", "application/json",
        "{\"level\": \"off\", \"node\": \"10.9.9.9:1\"}"), 404);
    assertSame(LeakDetectionLevel.PARANOID, a.level());
  }

  @Test
  void aNamedNodeThatDoesNotAnswerIsA503() throws Exception {
    leaks("?node=" + NODE_A);
    String message = failMessage(send(api, "GET", "/leaks?node=" + SILENT), 503);
    assertTrue(message.startsWith("node " + SILENT + " did not answer: "), message);
  }

  @Test
  void theLevelOfOneNodeChangesAtRuntimeTheOthersKeepTheirs() throws Exception {
    leaks("?node=" + NODE_A);
    LeakDetectionLevel aBefore = a.level();
    JsonNode answer = post("{\"level\": \"simple\", \"node\": \"10.0.0.2:25520\"}", 200);
    assertEquals("simple", answer.get("level").textValue());
    assertEquals(1, answer.get("nodes").size(), answer::toString);
    JsonNode node = answer.get("nodes").get(0);
    assertEquals(NODE_B, node.get("address").textValue());
    assertEquals("ok", node.get("status").textValue());
    assertEquals("simple", node.get("level").textValue());
    assertSame(LeakDetectionLevel.SIMPLE, b.level());
    assertSame(aBefore, a.level());
  }

  @Test
  void theLevelOfEveryNodeChangesAndASilentNodeIsListedAsUnreachable() throws Exception {
    leaks("");
    JsonNode answer = post("{\"level\": \"PARANOID\"}", 200);
    assertEquals("paranoid", answer.get("level").textValue());
    JsonNode nodes = answer.get("nodes");
    assertEquals(List.of(SILENT, NODE_A, NODE_B), addresses(nodes));
    assertEquals("unreachable", nodes.get(0).get("status").textValue());
    assertEquals("paranoid", nodes.get(1).get("level").textValue());
    assertEquals("paranoid", nodes.get(2).get("level").textValue());
    assertSame(LeakDetectionLevel.PARANOID, a.level());
    assertSame(LeakDetectionLevel.PARANOID, b.level());
  }

  @Test
  void aBadLevelOrBodyIsA400AndChangesNothing() throws Exception {
    LeakDetectionLevel aBefore = a.level();
    LeakDetectionLevel bBefore = b.level();
    assertEquals("leak detection level 'loud' is not one of off | simple | paranoid",
        failMessage(send(api, "POST", "/leak-detection", "application/json", "{\"level\": \"loud\"}"), 400));
    assertTrue(failMessage(send(api, "POST", "/leak-detection", "application/json", "{}"), 400)
        .startsWith("level is missing or not a string"));
    assertTrue(failMessage(send(api, "POST", "/leak-detection", "application/json", "{\"level\": 2}"), 400)
        .startsWith("level is missing or not a string"));
    assertTrue(failMessage(send(api, "POST", "/leak-detection", "application/json",
        "{\"level\": \"off\", \"nodes\": \"a\"}"), 400).startsWith("unknown field 'nodes'"));
    assertTrue(failMessage(send(api, "POST", "/leak-detection", "application/json",
        "{\"level\": \"off\", \"node\": 5}"), 400).startsWith("node must be a node's address"));
    assertTrue(failMessage(send(api, "POST", "/leak-detection", "application/json", "level=off"), 400)
        .startsWith("request body is not JSON"));
    assertTrue(failMessage(send(api, "POST", "/leak-detection", "application/json", ""), 400)
        .startsWith("request body is empty"));
    assertTrue(failMessage(send(api, "POST", "/leak-detection", "application/json",
        "{\"level\": \"" + "x".repeat(2000) + "\"}"), 413).contains("atoll.http.max-body-size"));
    assertSame(aBefore, a.level());
    assertSame(bBefore, b.level());
  }

  @Test
  void bothEndpointsNeedTheBearerTokenOfASecuredApi() throws Exception {
    ServerBinding secured = HttpTesting.bind(testKit.system(),
        HttpTesting.settings(Duration.ofMillis(500)).withAuthToken("s3cret"),
        testKit.createTestProbe(io.atoll.protocol.resource.ResourceManagerProtocol.class).ref(),
        testKit.system().ignoreRef(), JobCountsSource.none());
    LeakDetectionLevel aBefore = a.level();
    assertEquals(401, send(secured, "GET", "/leaks").statusCode());
    assertEquals(401, send(secured, "POST", "/leak-detection", "application/json", "{\"level\": \"off\"}")
        .statusCode());
    assertSame(aBefore, a.level());
    var withToken = HttpRequest.newBuilder(HttpTesting.uri(secured, "/leaks")).header("Authorization", "Bearer s3cret");
    assertEquals(200, send(withToken).statusCode());
    secured.unbind();
  }

  @Test
  void metricsCountTheServingNodesResourcesByKind() throws Exception {
    ResourceTracker node = ResourceTrackers.get(testKit.system());
    node.setLevel(LeakDetectionLevel.PARANOID);
    node.acquire("temp-file", ResourceOwner.job(42), "/tmp/atoll-42", 0, null);
    node.acquire("temp-file", ResourceOwner.job(42), "/tmp/atoll-42b", 0, null);
    node.acquire("classloader", ResourceOwner.job(43), "plugins of job 43", 0, null);
    ResourceTracker.Handle twice = node.acquire("file", ResourceOwner.job(43), "/data/x", 0, null);
    twice.release();
    twice.release();
    node.jobEnded(42, "job FAILED");

    List<String> lines = List.of(send(api, "GET", "/metrics").body().split("\n"));
    for (String expected : List.of(
        "# TYPE atoll_resources_live gauge",
        "atoll_resources_live{kind=\"classloader\"} 1.0",
        "atoll_resources_live{kind=\"temp-file\"} 0.0",
        "atoll_resources_live{kind=\"native-library\"} 0.0",
        "# TYPE atoll_resource_leaks_total counter",
        "atoll_resource_leaks_total{kind=\"temp-file\"} 2.0",
        "atoll_resource_leaks_total{kind=\"classloader\"} 0.0",
        "# TYPE atoll_resource_double_releases_total counter",
        "atoll_resource_double_releases_total{kind=\"file\"} 1.0",
        "# TYPE atoll_leak_detection_level gauge",
        "atoll_leak_detection_level 2.0",
        "atoll_metrics_source_up{source=\"resources\"} 1.0")) {
      assertTrue(lines.contains(expected), () -> "no line '" + expected + "' in:\n" + String.join("\n", lines));
    }
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("# HELP atoll_resource_leaks_total ")), "HELP line");
    assertTrue(lines.stream().filter(l -> l.startsWith("atoll_resource")).noneMatch(l -> l.contains("node=")),
        "only the serving node's own figures, not those of the other monitors");
  }

  private static List<String> addresses(JsonNode nodes) {
    List<String> out = new ArrayList<>();
    nodes.forEach(n -> out.add(n.get("address").textValue()));
    return out;
  }
}
