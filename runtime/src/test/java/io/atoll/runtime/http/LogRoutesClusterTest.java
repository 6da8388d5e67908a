package io.atoll.runtime.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.cluster.typed.Cluster;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import io.atoll.runtime.node.AtollNode;
import io.atoll.runtime.testing.TestConfigs;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes, each its own ActorSystem with a log directory of its own ({@code atoll.log-dir}): the
 * master's {@code GET /logs} lists the worker's files too, asked over Artery, and the link it gives
 * serves the worker's file.
 */
class LogRoutesClusterTest {
  @TempDir Path tmp;
  private final List<AtollNode> nodes = new ArrayList<>();

  @AfterEach
  void stopAll() throws Exception {
    for (int i = nodes.size() - 1; i >= 0; i--) {
      nodes.get(i).stop().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void theMasterListsAndServesTheWorkersFiles() throws Exception {
    Path masterLogs = Files.createDirectories(tmp.resolve("master-logs"));
    Path workerLogs = Files.createDirectories(tmp.resolve("worker-logs"));
    Files.writeString(masterLogs.resolve("atoll-master.log"), "master line\n");
    Files.writeString(workerLogs.resolve("job-5.log"), "worker: job 5 ✓\n");
    AtollNode master = start("master", masterLogs, List.of(), true);
    String seed = Cluster.get(master.system()).selfMember().address().toString();
    AtollNode worker = start("worker", workerLogs, List.of(seed), false);
    String workerNode = LogRoutes.hostPort(Cluster.get(worker.system()).selfMember().address().toString());
    int port = master.ready().toCompletableFuture().get().httpAddress().orElseThrow().getPort();

    JsonNode job = TestProbe.create(master.system()).awaitAssert(Duration.ofSeconds(20), () -> {
      JsonNode found = new ObjectMapper().readTree(get(port, "/logs/5?format=json").body());
      assertEquals(1, found.size(), found::toString);
      return found;
    });
    assertEquals(workerNode, job.get(0).get("node").textValue());
    assertEquals("http://127.0.0.1:" + port + "/logs/job-5.log?node=" + workerNode, job.get(0).get("logLink").textValue());
    URI link = URI.create(job.get(0).get("logLink").textValue());
    assertEquals("worker: job 5 ✓\n", get(port, link.getPath() + "?" + link.getQuery()).body());
    assertTrue(get(port, "/logs?format=json").body().contains("atoll-master.log"));
  }

  private AtollNode start(String role, Path logDir, List<String> seeds, boolean http) throws Exception {
    Map<String, Object> keys = new HashMap<>(Map.of(
        "atoll.node.role", role,
        "atoll.data-dir", tmp.resolve(role + "-data").toString(),
        "atoll.log-dir", logDir.toString(),
        "atoll.slot-service.slot-num", 1,
        "atoll.http.enabled", http,
        "akka.remote.artery.canonical.port", 0,
        "akka.cluster.seed-nodes", seeds));
    if (http) {
      keys.put("atoll.http.host", "127.0.0.1");
      keys.put("atoll.http.port", 0);
    }
    AtollNode node = AtollNode.start(ConfigFactory.parseMap(keys).withFallback(TestConfigs.base()));
    nodes.add(node);
    node.ready().toCompletableFuture().get(60, TimeUnit.SECONDS);
    return node;
  }

  private static HttpResponse<String> get(int port, String pathAndQuery) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response::body);
    return response;
  }
}
