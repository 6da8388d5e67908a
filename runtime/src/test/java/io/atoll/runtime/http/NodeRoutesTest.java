package io.atoll.runtime.http;

import io.atoll.protocol.event.EventType;
import io.atoll.protocol.event.JobEvent;
import io.atoll.runtime.event.Events;

import static io.atoll.runtime.http.HttpTesting.json;
import static io.atoll.runtime.http.HttpTesting.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.receptionist.Receptionist;
import akka.http.javadsl.ServerBinding;
import com.fasterxml.jackson.databind.JsonNode;
import io.atoll.protocol.node.NodeMonitorProtocol;
import io.atoll.runtime.master.monitor.JobCountsSource;
import io.atoll.runtime.node.NodeMonitor;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /system-monitoring-information}: every NodeMonitor registered with the Receptionist
 * answers for its node; one that does not answer is listed as failed, not dropped.
 */
class NodeRoutesTest {
  private static final ActorTestKit testKit = ActorTestKit.create("NodeRoutesTest", HttpTesting.CONFIG);
  private static final String NODE = "akka://NodeRoutesTest@127.0.0.1:25520";
  private static final long RESTARTS = 2;
  private static ServerBinding api;

  @BeforeAll
  static void start() throws Exception {
    testKit.spawn(NodeMonitor.create(NODE, List.of("master", "worker"), () -> RESTARTS), NodeMonitor.NAME);
    TestProbe<NodeMonitorProtocol> silentNode = testKit.createTestProbe("silent-node");
    TestProbe<Receptionist.Registered> registered = testKit.createTestProbe();
    testKit.system().receptionist().tell(Receptionist.register(NodeMonitor.KEY, silentNode.ref(), registered.ref()));
    registered.receiveMessage();
    api = HttpTesting.bind(testKit.system(), Duration.ofMillis(500),
        testKit.spawn(TestingResourceManager.answering(TestingResourceManager.TWO_WORKERS)), JobCountsSource.none());
  }

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  @Test
  void everyNodeAnswersForItselfWithSeaTunnelsFieldsAndASilentOneIsListedAsFailed() throws Exception {
    JsonNode nodes = testKit.createTestProbe().awaitAssert(Duration.ofSeconds(10), () -> {
      JsonNode all = HttpTesting.unchecked(() -> json(send(api, "GET", "/system-monitoring-information"), 200));
      assertEquals(2, all.size(), all::toString); // the monitor registers itself as it starts
      return all;
    });
    JsonNode node = nodes.get(0).path("address").asText().equals(NODE) ? nodes.get(0) : nodes.get(1);
    JsonNode silent = node == nodes.get(0) ? nodes.get(1) : nodes.get(0);

    assertEquals("master,worker", node.get("roles").textValue());
    assertEquals("true", node.get("isMaster").textValue());
    assertEquals(Integer.toString(Runtime.getRuntime().availableProcessors()), node.get("processors").textValue());
    for (String field : List.of("physical.memory.total", "heap.memory.used", "heap.memory.free", "heap.memory.total",
        "heap.memory.max", "heap.memory.used/total", "heap.memory.used/max", "nonheap.memory.used", "metaspace.used",
        "minor.gc.count", "minor.gc.time", "major.gc.count", "load.process", "load.system", "load.systemAverage",
        "thread.count", "thread.peakCount", "uptime")) {
      assertTrue(node.hasNonNull(field) && node.get(field).isTextual(), () -> field + " in " + node);
    }
    assertTrue(node.get("heap.memory.max").textValue().matches("\\d+\\.\\d[KMGT]"), node::toString);
    assertTrue(node.get("heap.memory.used/max").textValue().matches("\\d+\\.\\d\\d%"), node::toString);
    assertTrue(Integer.parseInt(node.get("thread.count").textValue()) > 0, node::toString);
    assertTrue(node.get("minor.gc.time").textValue().endsWith("ms"), node::toString);

    assertEquals("fail", silent.get("status").textValue());
    assertTrue(silent.get("message").textValue().contains("did not answer within 500ms"), silent::toString);
  }

  @Test
  void metricsShowEveryNodesEventCountersLabelledByNode() throws Exception {
    Events events = Events.get(testKit.system());
    long before = events.counters().buffered();
    for (int i = 0; i < 5; i++) {
      events.publish(JobEvent.job(EventType.JOB_SUBMITTED, 7, null));
    }
    String text = testKit.createTestProbe().awaitAssert(Duration.ofSeconds(10), () -> {
      String metrics = HttpTesting.unchecked(() -> send(api, "GET", "/metrics").body());
      assertTrue(metrics.contains("atoll_events_buffered_total{node=\"" + NODE + "\"} " + (before + 5) + ".0\n"), metrics);
      return metrics;
    });
    assertTrue(text.contains("# TYPE atoll_events_shed_total counter\n"), text);
    assertTrue(text.contains("atoll_events_post_failures_total{node=\"" + NODE + "\"} "), text);
    assertTrue(text.contains("atoll_metrics_source_up{source=\"node_events\"} 1.0\n"), text);
    assertTrue(!text.contains("silent-node"), "a node that does not answer is left out: " + text);
  }

  @Test
  void metricsShowHowOftenEachNodeRestartedToRejoin() {
    String text = testKit.createTestProbe().awaitAssert(Duration.ofSeconds(10), () -> {
      String metrics = HttpTesting.unchecked(() -> send(api, "GET", "/metrics").body());
      assertTrue(metrics.contains("atoll_node_restarts_total{node=\"" + NODE + "\"} " + RESTARTS + ".0\n"), metrics);
      return metrics;
    });
    assertTrue(text.contains("# TYPE atoll_node_restarts_total counter\n"), text);
    assertTrue(text.contains("atoll_metrics_source_up{source=\"node_restarts\"} 1.0\n"), text);
    assertTrue(!text.contains("silent-node"), "a node that does not answer is left out: " + text);
  }

  @Test
  void sizesAreWrittenAsSeaTunnelDoes() {
    assertEquals("512", NodeJson.bytes(512));
    assertEquals("1.5K", NodeJson.bytes(1536));
    assertEquals("3.6G", NodeJson.bytes((long) (3.6 * (1L << 30))));
    assertEquals("n/a", NodeJson.bytes(-1));
  }
}
