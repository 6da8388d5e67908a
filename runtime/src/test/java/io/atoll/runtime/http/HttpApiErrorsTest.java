package io.atoll.runtime.http;

import static io.atoll.runtime.http.HttpTesting.failMessage;
import static io.atoll.runtime.http.HttpTesting.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.http.javadsl.ServerBinding;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.atoll.protocol.resource.ResourceManagerProtocol;
import io.atoll.runtime.master.monitor.JobCounts;
import io.atoll.runtime.master.monitor.JobCountsSource;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every error is SeaTunnel's JSON shape with the right status, never akka-http's plain text. */
class HttpApiErrorsTest {
  private static final ActorTestKit testKit = ActorTestKit.create("HttpApiErrorsTest", HttpTesting.CONFIG);
  private static ServerBinding api;
  private static TestProbe<ResourceManagerProtocol> silentRm;
  private static ServerBinding silent;

  @BeforeAll
  static void start() throws Exception {
    api =
        HttpTesting.bind(
            testKit.system(),
            Duration.ofSeconds(3),
            testKit.spawn(TestingResourceManager.answering(TestingResourceManager.TWO_WORKERS)),
            JobCountsSource.none());
    silentRm = testKit.createTestProbe(ResourceManagerProtocol.class);
    silent = HttpTesting.bind(testKit.system(), Duration.ofMillis(300), silentRm.ref(), JobCountsSource.none());
  }

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  @Test
  void unknownPathIs404NamingThePathAndTheEndpoints() throws Exception {
    String message = failMessage(send(api, "GET", "/jobs/overview"), 404);
    assertTrue(message.contains("/jobs/overview"), message);
    assertTrue(message.contains("GET /overview") && message.contains("GET /workers"), message);

    failMessage(send(api, "POST", "/nothing-here"), 404);
  }

  @Test
  void wrongMethodIs405WithAllowHeader() throws Exception {
    HttpResponse<String> response = send(api, "POST", "/overview");
    String message = failMessage(response, 405);
    assertTrue(message.contains("POST") && message.contains("/overview") && message.contains("GET"), message);
    assertEquals("GET", response.headers().firstValue("Allow").orElse("(none)"));

    failMessage(send(api, "DELETE", "/workers"), 405);
  }

  @Test
  void repeatedTagIs400() throws Exception {
    String message = failMessage(send(api, "GET", "/overview?zone=a&zone=b"), 400);
    assertTrue(message.contains("'zone' is given twice"), message);

    failMessage(send(api, "GET", "/workers?zone=a&zone=a"), 400);
  }

  @Test
  void emptyTagNameIs400() throws Exception {
    String message = failMessage(send(api, "GET", "/overview?=a"), 400);
    assertTrue(message.contains("empty tag name"), message);
  }

  @Test
  void silentResourceManagerIs503AfterTheAskTimeout() throws Exception {
    String overview = failMessage(send(silent, "GET", "/overview"), 503);
    silentRm.expectMessageClass(ResourceManagerProtocol.GetClusterResources.class);
    assertTrue(overview.contains("resource manager did not answer within 300ms"), overview);

    String workers = failMessage(send(silent, "GET", "/workers"), 503);
    silentRm.expectMessageClass(ResourceManagerProtocol.GetClusterResources.class);
    assertTrue(workers.contains("resource manager did not answer within 300ms"), workers);
  }

  @Test
  void failedJobCountsAre503() throws Exception {
    JobCountsSource broken =
        () -> CompletableFuture.<JobCounts>failedFuture(new IllegalStateException("job coordinator restarting"));
    ServerBinding binding =
        HttpTesting.bind(
            testKit.system(),
            Duration.ofSeconds(3),
            testKit.spawn(TestingResourceManager.answering(TestingResourceManager.TWO_WORKERS)),
            broken);
    try {
      String message = failMessage(send(binding, "GET", "/overview"), 503);
      assertTrue(message.contains("job counts are unavailable"), message);
      assertTrue(message.contains("job coordinator restarting"), message);
    } finally {
      binding.unbind().toCompletableFuture().get();
    }
  }

  @Test
  void unparsableRequestIs400Json() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", api.localAddress().getPort())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write("GET /overview HTTP/1.1\r\nHost: localhost\r\nnot a header\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);

      assertTrue(response.startsWith("HTTP/1.1 400 "), response);
      String head = response.substring(0, response.indexOf("\r\n\r\n")).toLowerCase();
      assertTrue(head.contains("content-type: application/json"), response);
      JsonNode body = new ObjectMapper().readTree(response.substring(response.indexOf("\r\n\r\n") + 4));
      assertEquals("fail", body.get("status").textValue());
      assertTrue(body.get("message").textValue().toLowerCase().contains("header"), response);
    }
  }
}
