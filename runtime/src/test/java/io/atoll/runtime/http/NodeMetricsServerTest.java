package io.atoll.runtime.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.http.javadsl.ServerBinding;
import io.atoll.runtime.config.MetricsServerSettings;
import io.prometheus.metrics.core.metrics.Counter;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A node's own metrics server: its JVM, task dispatcher and registry figures, behind the REST API's token. */
class NodeMetricsServerTest {
  private static final String TOKEN = "s3cret";
  private static final ActorTestKit testKit = ActorTestKit.create("NodeMetricsServerTest", HttpTesting.CONFIG);
  private static ServerBinding server;
  private static Counter embedded;

  @BeforeAll
  static void start() throws Exception {
    server = NodeMetricsServer.start(testKit.system(), new MetricsServerSettings(true, "127.0.0.1", 0),
        HttpTesting.settings(java.time.Duration.ofSeconds(3)).withAuthToken(TOKEN))
        .toCompletableFuture().get(10, TimeUnit.SECONDS);
    embedded = Counter.builder().name("embedder_events").help("Events of an embedding program")
        .register(MetricsRegistry.get(testKit.system()).prometheus());
  }

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  private static HttpResponse<String> get(String path, boolean withToken) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(HttpTesting.uri(server, path));
    if (withToken) {
      request.header("Authorization", "Bearer " + TOKEN);
    }
    return HttpTesting.send(request);
  }

  @Test
  void servesThisNodesOwnFiguresInBothFormats() throws Exception {
    embedded.inc(3);
    HttpResponse<String> text = get("/metrics", true);
    assertEquals(200, text.statusCode(), text::body);
    assertEquals("text/plain; version=0.0.4; charset=UTF-8", text.headers().firstValue("Content-Type").orElse(""));
    List<String> lines = text.body().lines().toList();
    String self = "{address=\"akka://NodeMetricsServerTest\",cluster=\"NodeMetricsServerTest\"}";
    for (String series : List.of("job_thread_pool_poolSize" + self, "job_thread_pool_activeCount" + self,
        "node_state" + self, "jvm_threads_current", "process_cpu_seconds_total", "atoll_leak_detection_level")) {
      assertTrue(lines.stream().anyMatch(l -> l.startsWith(series + " ")), series + " in:\n" + text.body());
    }
    assertTrue(lines.contains("embedder_events_total 3.0"), "the registry's Prometheus client metrics:\n" + text.body());
    assertTrue(lines.contains("atoll_metrics_source_up{source=\"job_thread_pool\"} 1.0"), text.body());
    assertFalse(lines.stream().anyMatch(l -> l.startsWith("atoll_workers") || l.startsWith("job_count")),
        "cluster and job figures are a master's");

    HttpResponse<String> open = get("/openmetrics", true);
    assertEquals(200, open.statusCode(), open::body);
    assertTrue(open.headers().firstValue("Content-Type").orElse("").startsWith("application/openmetrics-text; version=1.0.0"));
    assertTrue(open.body().contains("# TYPE embedder_events counter\n"), open.body());
    assertTrue(open.body().endsWith("# EOF\n"), open.body());
  }

  @Test
  void withoutTheTokenOrOnAnotherPathTheAnswerIsAJsonError() throws Exception {
    HttpResponse<String> anonymous = get("/metrics", false);
    assertEquals(401, anonymous.statusCode(), anonymous::body);
    assertTrue(anonymous.body().contains("\"status\":\"fail\""), anonymous.body());
    HttpResponse<String> other = get("/overview", true);
    assertEquals(404, other.statusCode(), other::body);
    assertTrue(other.body().contains("\"status\":\"fail\"") && other.body().contains("GET /metrics"), other.body());
  }

  @Test
  void startingItWhenItIsOffIsRefused() {
    ExecutionException refused = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, () ->
        NodeMetricsServer.start(testKit.system(), new MetricsServerSettings(false, "127.0.0.1", 0),
            HttpTesting.settings(java.time.Duration.ofSeconds(3)))
            .toCompletableFuture().get(10, TimeUnit.SECONDS));
    assertTrue(refused.getCause().getMessage().contains("atoll.metrics-server.enabled"), refused.getMessage());
  }
}
