package io.atoll.runtime.master.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.TestProbe;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.atoll.protocol.event.EventType;
import io.atoll.protocol.event.JobEvent;
import io.atoll.protocol.job.JobStatus;
import io.atoll.protocol.job.JobSummary;
import io.atoll.runtime.client.JobClient;
import io.atoll.runtime.event.EventCounters;
import io.atoll.runtime.event.Events;
import io.atoll.runtime.node.AtollNode;
import io.atoll.runtime.testing.TestConfigs;
import io.atoll.runtime.testing.TestingEventReceiver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Events published on a node go through the EventForwarder, reliable delivery and the
 * EventProcessor's journal to a real HTTP endpoint on 127.0.0.1, which refuses, goes away and
 * comes back; the node itself restarts with events still stored. Every event id arrives.
 */
class EventReportingTest {
  private static final Map<String, String> HEADERS = Map.of("X-Atoll-Test", "events", "Authorization", "Bearer t0k3n");

  @TempDir Path tmp;
  private AtollNode node;

  @AfterEach
  void stop() throws Exception {
    if (node != null) {
      node.stop().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  private AtollNode start(String url, Path dataDir, Map<String, Object> more) throws Exception {
    Map<String, Object> keys = new HashMap<>(Map.of(
        "atoll.node.role", "hybrid",
        "atoll.data-dir", dataDir.toString(),
        "atoll.slot-service.slot-num", 1,
        "atoll.http.enabled", false,
        "atoll.event-report-http.url", url,
        "atoll.event-report-http.headers", HEADERS,
        "atoll.event-report-http.batch-interval", "100ms",
        "atoll.event-report-http.min-backoff", "50ms",
        "atoll.event-report-http.max-backoff", "400ms",
        "akka.remote.artery.canonical.port", 0));
    keys.putAll(more);
    Config config = ConfigFactory.parseMap(keys).withFallback(TestConfigs.base());
    AtollNode started = AtollNode.start(config);
    started.ready().toCompletableFuture().get(60, TimeUnit.SECONDS);
    return started;
  }

  private static Set<String> publish(AtollNode node, int from, int count) {
    Events events = Events.get(node.system());
    EventType[] types = EventType.values();
    Set<String> ids = new LinkedHashSet<>();
    for (int i = from; i < from + count; i++) {
      JobEvent event = JobEvent.pipeline(types[i % types.length], 1000 + i % 7, i % 3, i % 5 == 0 ? "reason \"" + i + "\"" : null);
      ids.add(events.publish(event).orElseThrow());
    }
    return ids;
  }

  @Test
  void everyEventArrivesThroughRefusalsAnEndpointRestartAndANodeRestart() throws Exception {
    try (TestingEventReceiver receiver = new TestingEventReceiver(3, HEADERS)) {
      Path dataDir = tmp.resolve("node");
      node = start(receiver.url(), dataDir, Map.of("atoll.event-report-http.batch-size", 50));
      TestProbe<Object> probe = TestProbe.create(node.system());
      EventCounters counters = Events.get(node.system()).counters();

      Set<String> produced = new LinkedHashSet<>(publish(node, 0, 1000));
      probe.awaitAssert(Duration.ofSeconds(30), () -> {
        assertTrue(receiver.received.keySet().containsAll(produced), "received " + receiver.received.size());
        return null;
      });
      assertEquals(3, receiver.refused.get(), "the first three POSTs were answered 503");
      assertTrue(counters.postFailures() >= 3, counters::toString);

      // the endpoint goes away: events are stored and POSTs fail and are retried
      receiver.stop();
      long failuresBefore = counters.postFailures();
      produced.addAll(publish(node, 1000, 1000));
      probe.awaitAssert(Duration.ofSeconds(30), () -> {
        assertEquals(2000, counters.delivered(), counters::toString);
        assertTrue(counters.postFailures() > failuresBefore, counters::toString);
        return null;
      });

      // the node (master and forwarder) restarts with events stored and not yet posted
      node.stop().toCompletableFuture().get(30, TimeUnit.SECONDS);
      node = start(receiver.url(), dataDir, Map.of("atoll.event-report-http.batch-size", 50));
      produced.addAll(publish(node, 2000, 500));
      receiver.start();
      TestProbe<Object> again = TestProbe.create(node.system());
      again.awaitAssert(Duration.ofSeconds(30), () -> {
        assertTrue(receiver.received.keySet().containsAll(produced),
            "missing " + produced.stream().filter(id -> !receiver.received.containsKey(id)).limit(5).toList());
        return null;
      });
      assertEquals(2500, produced.size());
      assertEquals(0, receiver.missingHeaders.get(), "every request carried the configured headers");
      assertEquals(0, Events.get(node.system()).counters().shed());
      System.out.printf("events: %d produced, %d received, %d duplicate deliveries, %d requests%n",
          produced.size(), receiver.received.size(), receiver.duplicates.get(), receiver.requests.get());
    }
  }

  @Test
  void aJobReportsItsLifecycle() throws Exception {
    try (TestingEventReceiver receiver = new TestingEventReceiver(0, HEADERS)) {
      node = start(receiver.url(), tmp.resolve("job"), Map.of("atoll.slot-service.slot-num", 3));
      JobClient jobs = node.jobClient().toCompletableFuture().get(60, TimeUnit.SECONDS);
      Path job = tmp.resolve("events-job.conf");
      Files.writeString(job, """
          env { job.name = events, parallelism = 2 }
          source { TestingSource { rows = 5 } }
          sink { TestingSink { collect_to = events-job } }
          """);
      JobSummary result = jobs.run(job, Map.of()).toCompletableFuture().get(60, TimeUnit.SECONDS);
      assertEquals(JobStatus.FINISHED, result.status());
      String jobId = Long.toString(result.jobId());
      List<EventType> expected = List.of(EventType.JOB_SUBMITTED, EventType.JOB_SCHEDULED, EventType.JOB_RUNNING,
          EventType.PIPELINE_SCHEDULED, EventType.TASK_RUNNING, EventType.PIPELINE_RUNNING, EventType.LIFECYCLE_ENUMERATOR_OPEN,
          EventType.LIFECYCLE_READER_OPEN, EventType.CHECKPOINT_COMPLETED, EventType.LIFECYCLE_READER_CLOSE,
          EventType.LIFECYCLE_WRITER_CLOSE, EventType.LIFECYCLE_ENUMERATOR_CLOSE, EventType.TASK_FINISHED,
          EventType.PIPELINE_FINISHED, EventType.JOB_FINISHED);
      TestProbe<Object> probe = TestProbe.create(node.system());
      probe.awaitAssert(Duration.ofSeconds(30), () -> {
        for (EventType type : expected) {
          assertTrue(receiver.byType.getOrDefault(type.name(), Set.of()).contains(jobId),
              type + " of job " + jobId + " not received; got " + receiver.byType.keySet());
        }
        return null;
      });
    }
  }

  @Test
  void aBurstOf100000EventsArrivesWhole() throws Exception {
    try (TestingEventReceiver receiver = new TestingEventReceiver(0, HEADERS)) {
      node = start(receiver.url(), tmp.resolve("burst"), Map.of(
          "atoll.event-report-http.batch-size", 2000,
          "atoll.events.buffer-size", 100_000));
      Set<String> produced = publish(node, 0, 100_000);
      TestProbe<Object> probe = TestProbe.create(node.system());
      probe.awaitAssert(Duration.ofSeconds(50), () -> {
        assertEquals(100_000, receiver.received.size());
        return null;
      });
      assertTrue(receiver.received.keySet().containsAll(produced));
      EventCounters counters = Events.get(node.system()).counters();
      assertEquals(0, counters.shed());
      System.out.printf("burst: %d events, %d duplicates, %d requests; %s%n",
          receiver.received.size(), receiver.duplicates.get(), receiver.requests.get(), counters);
    }
  }
}
