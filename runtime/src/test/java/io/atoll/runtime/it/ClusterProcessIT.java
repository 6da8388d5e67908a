package io.atoll.runtime.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three {@code runtime.jar} processes on 127.0.0.1: one master, two workers with two slots each. The
 * REST API shows both workers and their four slots; after {@code kill -9} of one worker it shows one.
 */
class ClusterProcessIT {
  private final List<NodeProcess> nodes = new ArrayList<>();
  private final RestPoller rest = new RestPoller(nodes);
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
    JsonNode two = rest.await(overview, Duration.ofSeconds(90), o -> "2".equals(o.path("works").asText()));
    assertEquals("4", two.path("totalSlot").asText());
    assertEquals("4", two.path("unassignedSlot").asText());

    nodes.get(2).kill9();
    JsonNode one = rest.await(overview, Duration.ofSeconds(60), o -> "1".equals(o.path("works").asText()));
    assertEquals("2", one.path("totalSlot").asText());
  }
}
