package io.atoll.runtime.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.atoll.runtime.testing.TestingEventReceiver;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Events through endpoint refusals, an endpoint restart mid-stream and a {@code kill -9} of the
 * master, with runtime.jar processes posting to a JDK HttpServer in this JVM. A streaming job with
 * checkpoints every 300 ms keeps events coming from every node. Event ids are
 * {@code <node incarnation>-<sequence from 1>}, so a lost event shows as a gap in some node's
 * sequence; the test checks there is none, that every request carried the configured header, and
 * reports the duplicates (at-least-once allows them).
 */
class EventDeliveryIT {
  @TempDir Path tmp;
  private TestCluster cluster;
  private TestingEventReceiver receiver;

  @AfterEach
  void stopAll() throws InterruptedException {
    if (cluster != null) {
      cluster.close();
    }
    if (receiver != null) {
      receiver.close();
    }
  }

  @Test
  void everyEventArrivesThroughRefusalsAnEndpointRestartAndAMasterKill() throws Exception {
    receiver = new TestingEventReceiver(3, Map.of("X-Team", "data"));
    cluster = TestCluster.start(tmp, 2, 2, "atoll.event-report-http { url = \"" + receiver.url()
        + "\", headers { X-Team = data }, batch-size = 20, batch-interval = 100ms, min-backoff = 100ms,"
        + " max-backoff = 500ms }");
    cluster.rest.await(cluster.uri("/overview"), Duration.ofSeconds(90), o -> "2".equals(o.path("works").asText()));
    String jobId = submit("env { job.name = events, job.mode = STREAMING, parallelism = 2, checkpoint.interval = 300,"
        + " read_limit.rows_per_second = 100 }\n"
        + "source { FakeSource { row.num = 100000, schema.fields { id = bigint } } }\n"
        + "sink { Console { log.print.data = false } }\n");
    awaitEvent("JOB_RUNNING", jobId);
    awaitEvent("CHECKPOINT_COMPLETED", jobId);
    assertEquals(3, receiver.refused.get(), "the first three POSTs were refused, then retried");

    // the endpoint goes away mid-stream and comes back
    receiver.stop();
    int before = receiver.received.size();
    awaitPostFailures(1);
    receiver.start();
    awaitMoreEvents(before);

    // the master is killed and restarted: the job goes on, events keep coming
    cluster.master().kill9();
    cluster.restartMaster();
    cluster.rest.await(cluster.uri("/job-info/" + jobId), Duration.ofSeconds(120),
        j -> "RUNNING".equals(j.path("jobStatus").asText()));
    awaitMoreEvents(receiver.received.size() + 30); // checkpoints of the recovered job master
    HttpResponse<String> stop = cluster.rest.http().send(HttpRequest.newBuilder(cluster.uri("/stop-job"))
        .POST(HttpRequest.BodyPublishers.ofString("{\"jobId\": " + jobId + "}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, stop.statusCode(), stop.body());
    awaitEvent("JOB_CANCELED", jobId);
    awaitEvent("LIFECYCLE_READER_CLOSE", jobId);

    Map<String, TreeSet<Long>> sequences = new HashMap<>();
    receiver.received.keySet().forEach(id -> {
      int dash = id.lastIndexOf('-');
      sequences.computeIfAbsent(id.substring(0, dash), k -> new TreeSet<>()).add(Long.parseLong(id.substring(dash + 1)));
    });
    for (Map.Entry<String, TreeSet<Long>> node : sequences.entrySet()) {
      TreeSet<Long> seen = node.getValue();
      assertEquals(seen.last(), (long) seen.size(), "node " + node.getKey() + " has gaps in its event sequence: "
          + seen.size() + " ids up to " + seen.last());
    }
    assertTrue(sequences.size() >= 4, "events from the master (both incarnations) and both workers: " + sequences.keySet());
    assertEquals(0, receiver.missingHeaders.get(), "every request carried X-Team");
    System.out.printf("EventDeliveryIT: %d distinct events from %d node incarnations, %d duplicate deliveries, %d requests;"
        + " types %s%n", receiver.received.size(), sequences.size(), receiver.duplicates.get(), receiver.requests.get(),
        receiver.byType.keySet());
  }

  private String submit(String job) throws Exception {
    HttpResponse<String> accepted = cluster.rest.http().send(HttpRequest.newBuilder(cluster.uri("/submit-job?format=hocon"))
        .POST(HttpRequest.BodyPublishers.ofString(job)).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, accepted.statusCode(), accepted.body());
    return RestPoller.JSON.readTree(accepted.body()).path("jobId").asText();
  }

  private void awaitEvent(String type, String jobId) {
    cluster.rest.until(Duration.ofSeconds(90), () -> receiver.byType.getOrDefault(type, Set.of()).contains(jobId),
        () -> type + " of job " + jobId + " not received; types so far " + receiver.byType.keySet());
  }

  private void awaitMoreEvents(int than) {
    cluster.rest.until(Duration.ofSeconds(60), () -> receiver.received.size() > than,
        () -> "no event arrived after the endpoint came back");
  }

  /** The master's /metrics shows POSTs failing beyond the three refusals at the start. */
  private void awaitPostFailures(long atLeast) {
    cluster.rest.until(Duration.ofSeconds(60), () -> {
      HttpResponse<String> metrics = cluster.rest.http().send(HttpRequest.newBuilder(cluster.uri("/metrics")).build(),
          HttpResponse.BodyHandlers.ofString());
      return metrics.body().lines().filter(l -> l.startsWith("atoll_events_post_failures_total{"))
          .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum() >= 3 + atLeast;
    }, () -> "the master's POSTs never failed while the endpoint was down");
  }
}
