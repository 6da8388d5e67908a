package io.atoll.runtime.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three {@code runtime.jar} processes on 127.0.0.1: one master, two workers with two slots each. The
 * REST API shows both workers and their four slots; after {@code kill -9} of one worker it shows one.
 */
class ClusterProcessIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final List<NodeProcess> nodes = new ArrayList<>();
  @TempDir Path tmp;

  @AfterEach
  void stopAll() throws InterruptedException {
    for (NodeProcess node : nodes) {
      node.close();
    }
  }

  @Test
  void overviewCountsWorkersAndSlotsAndForgetsAKilledWorker() throws Exception {
    Path conf = tmp.resolve("test.conf");
    Files.writeString(conf, """
        atoll.heartbeat { interval = 300ms, timeout = 2s }
        akka.cluster.split-brain-resolver.stable-after = 3s
        akka.cluster.failure-detector.acceptable-heartbeat-pause = 2s
        """);
    int masterPort = NodeProcess.freePort();
    int httpPort = NodeProcess.freePort();
    nodes.add(NodeProcess.start("master", tmp, List.of(
        "--role", "master", "--port", Integer.toString(masterPort), "--http-port", Integer.toString(httpPort),
        "--data-dir", tmp.resolve("master-data").toString(), "--config", conf.toString())));
    for (int i = 1; i <= 2; i++) {
      nodes.add(NodeProcess.start("worker-" + i, tmp, List.of(
          "--role", "worker", "--port", Integer.toString(NodeProcess.freePort()),
          "--seed-nodes", "127.0.0.1:" + masterPort, "--slots", "2",
          "--data-dir", tmp.resolve("worker-" + i + "-data").toString(), "--config", conf.toString())));
    }

    URI overview = URI.create("http://127.0.0.1:" + httpPort + "/overview");
    JsonNode two = await(overview, Duration.ofSeconds(90), o -> "2".equals(o.path("works").asText()));
    assertEquals("4", two.path("totalSlot").asText());
    assertEquals("4", two.path("unassignedSlot").asText());

    nodes.get(2).kill9();
    JsonNode one = await(overview, Duration.ofSeconds(60), o -> "1".equals(o.path("works").asText()));
    assertEquals("2", one.path("totalSlot").asText());
  }

  /** Polls the REST API (bounded by the deadline) until the JSON satisfies the condition. */
  private JsonNode await(URI uri, Duration timeout, Predicate<JsonNode> condition) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "no answer yet";
    while (System.nanoTime() < deadline) {
      try {
        HttpResponse<String> response = http.send(
            HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
        last = response.statusCode() + " " + response.body();
        if (response.statusCode() == 200) {
          JsonNode body = JSON.readTree(response.body());
          if (condition.test(body)) {
            return body;
          }
        }
      } catch (java.io.IOException e) {
        last = e.toString();
      }
      for (NodeProcess node : nodes) {
        if (!node.alive() && nodes.indexOf(node) != 2) {
          fail("a node died: " + node.logTail());
        }
      }
      java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(250).toNanos());
    }
    StringBuilder logs = new StringBuilder();
    nodes.forEach(n -> logs.append('\n').append(n.logTail()));
    return fail("condition not met within " + timeout + "; last answer: " + last + logs);
  }
}
