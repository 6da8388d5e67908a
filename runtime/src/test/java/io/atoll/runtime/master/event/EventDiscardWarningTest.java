package io.atoll.runtime.master.event;

import static org.junit.jupiter.api.Assertions.assertEquals;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.LoggingTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.cluster.typed.Cluster;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.atoll.protocol.event.EventType;
import io.atoll.protocol.event.JobEvent;
import io.atoll.runtime.event.Events;
import io.atoll.runtime.node.AtollNode;
import io.atoll.runtime.testing.TestConfigs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With no {@code atoll.event-report-http.url}, a node's own events are discarded quietly (a local
 * {@code run} is not warned about events nobody set up to receive), while events another node
 * forwarded to the master are warned about once: that node sent them for nobody.
 */
class EventDiscardWarningTest {
  private static final String WARNING = "are discarded: atoll.event-report-http.url is not set";

  /** Only for LoggingTestKit's settings: the nodes' start is among what it watches. */
  private static final ActorTestKit testKit = ActorTestKit.create(TestConfigs.base());

  @TempDir Path tmp;
  private final List<AtollNode> nodes = new ArrayList<>();

  @AfterEach
  void stopAll() throws Exception {
    for (int i = nodes.size() - 1; i >= 0; i--) {
      nodes.get(i).stop().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void aSingleNodeDiscardsItsOwnEventsWithoutAWarning() throws Exception {
    // the node's start is inside: its processor's first words are checked too
    LoggingTestKit.warn("event-report-http.url is not set").withOccurrences(0).expect(testKit.system(), () ->
        LoggingTestKit.info("atoll.event-report-http.url is not set: events are acknowledged and discarded")
            .expect(testKit.system(), () -> {
              AtollNode node = start("hybrid", "single", List.of());
              publish(node, 20);
              awaitDiscarded(node, 20);
              return null;
            }));
  }

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  @Test
  void eventsForwardedByAnotherNodeAreWarnedAboutOnce() throws Exception {
    AtollNode master = start("master", "m", List.of());
    String seed = Cluster.get(master.system()).selfMember().address().toString();
    AtollNode worker = start("worker", "w", List.of(seed));
    String workerAddress = Cluster.get(worker.system()).selfMember().address().toString();

    LoggingTestKit.warn("events forwarded by " + workerAddress + " (and any other node) " + WARNING)
        .expect(master.system(), () -> {
          publish(worker, 5);
          awaitDiscarded(master, 5);
          return null;
        });
    LoggingTestKit.warn(WARNING).withOccurrences(0).expect(master.system(), () -> {
      publish(worker, 5);
      awaitDiscarded(master, 10);
      return null;
    });
  }

  private AtollNode start(String role, String dataDir, List<String> seeds) {
    Config config = ConfigFactory.parseMap(Map.of(
            "atoll.node.role", role,
            "atoll.data-dir", tmp.resolve(dataDir).toString(),
            "atoll.slot-service.slot-num", 1,
            "atoll.http.enabled", false,
            "akka.remote.artery.canonical.port", 0,
            "akka.cluster.seed-nodes", seeds))
        .withFallback(TestConfigs.base());
    AtollNode node = AtollNode.start(config);
    nodes.add(node);
    node.ready().toCompletableFuture().orTimeout(60, TimeUnit.SECONDS).join();
    return node;
  }

  private static void publish(AtollNode node, int count) {
    for (int i = 0; i < count; i++) {
      Events.get(node.system()).publish(JobEvent.job(EventType.JOB_SUBMITTED, 1000 + i, null)).orElseThrow();
    }
  }

  private static void awaitDiscarded(AtollNode node, long count) {
    TestProbe<Object> probe = TestProbe.create(node.system());
    probe.awaitAssert(Duration.ofSeconds(30), () -> {
      assertEquals(count, Events.get(node.system()).counters().discarded());
      return null;
    });
  }
}
