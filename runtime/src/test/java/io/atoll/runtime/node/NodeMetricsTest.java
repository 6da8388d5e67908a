package io.atoll.runtime.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.cluster.typed.Cluster;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.atoll.protocol.job.JobStatus;
import io.atoll.protocol.job.JobSummary;
import io.atoll.runtime.client.JobClient;
import io.atoll.runtime.testing.TestConfigs;
import java.net.ServerSocket;
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
 * A master with the REST API and a worker with its metrics server ({@code atoll.metrics-server}),
 * two ActorSystems in this JVM: a job run on the worker moves SeaTunnel's figures on the master's
 * {@code /metrics}, and the worker's own {@code /metrics} has its JVM and task dispatcher figures.
 */
class NodeMetricsTest {
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  @TempDir Path tmp;
  private final List<AtollNode> nodes = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (int i = nodes.size() - 1; i >= 0; i--) { // workers first
      nodes.get(i).stop().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  private AtollNode start(String role, Map<String, Object> more) throws Exception {
    Map<String, Object> keys = new HashMap<>(Map.of(
        "atoll.node.role", role,
        "atoll.data-dir", tmp.resolve(role).toString(),
        "atoll.heartbeat.interval", "200ms",
        "akka.remote.artery.canonical.port", 0));
    keys.putAll(more);
    Config config = ConfigFactory.parseMap(keys).withFallback(TestConfigs.base());
    AtollNode node = AtollNode.start(config);
    nodes.add(node);
    node.ready().toCompletableFuture().get(60, TimeUnit.SECONDS);
    return node;
  }

  private static HttpResponse<String> get(int port, String path) throws Exception {
    return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static List<String> metrics(int port) throws Exception {
    HttpResponse<String> response = get(port, "/metrics");
    assertEquals(200, response.statusCode(), response::body);
    return response.body().lines().toList();
  }

  private static double value(List<String> lines, String series) {
    return lines.stream().filter(l -> l.startsWith(series + " ")).findFirst()
        .map(l -> Double.parseDouble(l.substring(series.length() + 1)))
        .orElseThrow(() -> new AssertionError("no " + series + " in:\n" + String.join("\n", lines)));
  }

  private static String address(AtollNode node) {
    var a = Cluster.get(node.system()).selfMember().address();
    return a.host().get() + ":" + a.port().get();
  }

  @Test
  void aJobOnTheWorkerMovesTheMastersFiguresAndTheWorkerServesItsOwn() throws Exception {
    AtollNode master = start("master", Map.of("atoll.http.port", 0, "atoll.http.host", "127.0.0.1"));
    int api = master.ready().toCompletableFuture().get().httpAddress().orElseThrow().getPort();
    int workerPort;
    try (ServerSocket free = new ServerSocket(0)) {
      workerPort = free.getLocalPort();
    }
    AtollNode worker = start("worker", Map.of(
        "atoll.slot-service.slot-num", 3,
        "akka.cluster.seed-nodes", List.of(Cluster.get(master.system()).selfMember().address().toString()),
        "atoll.metrics-server.enabled", true,
        "atoll.metrics-server.port", workerPort));
    String cluster = "cluster=\"" + master.system().name() + "\"";
    TestProbe<Object> probe = TestProbe.create(master.system());
    probe.awaitAssert(Duration.ofSeconds(30), () -> {
      List<String> lines = metrics(api);
      assertEquals(1.0, value(lines, "atoll_workers"));
      assertEquals(2.0, value(lines, "node_count{" + cluster + "}"));
      return null;
    });
    List<String> before = metrics(api);
    double finishedBefore = value(before, "job_count{" + cluster + ",type=\"finished\"}");
    assertEquals(1.0, value(before, "node_state{address=\"" + address(worker) + "\"," + cluster + "}"));
    assertTrue(before.contains("cluster_info{" + cluster + ",master=\"" + address(master) + "\"} 1"), before.toString());
    double workerTasksBefore = value(metrics(workerPort),
        "job_thread_pool_task_total{address=\"" + address(worker) + "\"," + cluster + "}");

    JobClient jobs = master.jobClient().toCompletableFuture().get(60, TimeUnit.SECONDS);
    Path job = tmp.resolve("metrics-job.conf");
    Files.writeString(job, """
        env { job.name = metrics, parallelism = 2 }
        source { TestingSource { rows = 5 } }
        sink { TestingSink { collect_to = metrics-job } }
        """);
    JobSummary result = jobs.run(job, Map.of()).toCompletableFuture().get(60, TimeUnit.SECONDS);
    assertEquals(JobStatus.FINISHED, result.status());

    List<String> after = metrics(api);
    assertEquals(finishedBefore + 1, value(after, "job_count{" + cluster + ",type=\"finished\"}"));
    String labels = "{" + cluster + ",job_id=\"" + result.jobId() + "\",job_name=\"metrics\"}";
    assertEquals(10.0, value(after, "job_SourceReceivedCount" + labels), "5 rows from each of 2 readers");
    assertEquals(10.0, value(after, "job_SinkWriteCount" + labels));
    assertTrue(value(after, "job_SinkWriteQPS" + labels) > 0);

    List<String> own = metrics(workerPort);
    String self = "{address=\"" + address(worker) + "\"," + cluster + "}";
    assertTrue(value(own, "job_thread_pool_task_total" + self) > workerTasksBefore, "its task groups ran there");
    assertTrue(value(own, "jvm_threads_current") > 0);
    assertTrue(value(own, "process_cpu_seconds_total") > 0);
    assertTrue(own.stream().anyMatch(l -> l.startsWith("atoll_resources_live{")), "its resource tracker");
    assertFalse(own.stream().anyMatch(l -> l.startsWith("atoll_workers") || l.startsWith("job_count")),
        "cluster and job figures are the master's: " + own);
    HttpResponse<String> open = get(workerPort, "/openmetrics");
    assertEquals(200, open.statusCode());
    assertTrue(open.body().endsWith("# EOF\n"), open.body());
    HttpResponse<String> unknown = get(workerPort, "/overview");
    assertEquals(404, unknown.statusCode(), unknown::body);
    assertTrue(unknown.body().contains("\"status\":\"fail\""), unknown.body());
  }
}
