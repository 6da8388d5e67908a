package io.atoll.runtime.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three {@code runtime.jar} processes on 127.0.0.1: one master, two workers with two slots each. The
 * REST API shows both workers and their four slots; after {@code kill -9} of one worker it shows one.
 */
class ClusterProcessIT {
  @TempDir Path tmp;
  private TestCluster cluster;

  @AfterEach
  void stopAll() throws InterruptedException {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void overviewCountsWorkersAndSlotsAndForgetsAKilledWorker() throws Exception {
    cluster = TestCluster.start(tmp, 2, 2);
    URI overview = cluster.uri("/overview");
    JsonNode two = cluster.rest.await(overview, Duration.ofSeconds(90), o -> "2".equals(o.path("works").asText()));
    assertEquals("4", two.path("totalSlot").asText());
    assertEquals("4", two.path("unassignedSlot").asText());

    cluster.worker(2).kill9();
    JsonNode one = cluster.rest.await(overview, Duration.ofSeconds(60), o -> "1".equals(o.path("works").asText()));
    assertEquals("2", one.path("totalSlot").asText());
  }
}
