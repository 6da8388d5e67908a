package io.atoll.runtime.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.http.javadsl.ServerBinding;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import io.atoll.protocol.job.JobCoordinatorProtocol;
import io.atoll.protocol.resource.ResourceManagerProtocol;
import io.atoll.runtime.connector.PluginRegistry;
import io.atoll.runtime.config.HttpSettings;
import io.atoll.runtime.master.monitor.JobCountsSource;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Starts the API on a free local port and calls it with the JDK's HTTP client. */
final class HttpTesting {
  static final Config CONFIG = io.atoll.runtime.testing.TestConfigs.base();

  static final BuildInfo BUILD = new BuildInfo("1.2.3", "abc1234");

  /** The test plugins: TestSource / TestTransform / TestSink and TestingSource / TestingSink. */
  static final PluginRegistry PLUGINS = PluginRegistry.fromClasspath();

  private static final HttpClient CLIENT =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private HttpTesting() {}

  /** Blocks the test thread (never a request thread) until the server is bound. */
  static ServerBinding bind(
      ActorSystem<?> system,
      Duration askTimeout,
      ActorRef<ResourceManagerProtocol> resourceManager,
      JobCountsSource jobCounts)
      throws Exception {
    return bind(system, askTimeout, resourceManager, system.ignoreRef(), jobCounts);
  }

  /** With a job coordinator; job counts come from the given source. */
  static ServerBinding bind(
      ActorSystem<?> system,
      Duration askTimeout,
      ActorRef<ResourceManagerProtocol> resourceManager,
      ActorRef<JobCoordinatorProtocol> jobCoordinator,
      JobCountsSource jobCounts)
      throws Exception {
    return bind(system, new HttpSettings(true, "127.0.0.1", 0, askTimeout), resourceManager, jobCoordinator,
        jobCounts);
  }

  /** With settings of the test's own (auth token, body limit); binds on a free local port. */
  static ServerBinding bind(
      ActorSystem<?> system,
      HttpSettings settings,
      ActorRef<ResourceManagerProtocol> resourceManager,
      ActorRef<JobCoordinatorProtocol> jobCoordinator,
      JobCountsSource jobCounts)
      throws Exception {
    return HttpApi.start(system, settings, resourceManager, jobCoordinator, PLUGINS, BUILD, jobCounts)
        .toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
  }

  /** Settings for a test API on a free local port. */
  static HttpSettings settings(Duration askTimeout) {
    return new HttpSettings(true, "127.0.0.1", 0, askTimeout);
  }

  /** Sends a request built by the test (extra headers, a streamed body). */
  static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
    return CLIENT.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Sends a body with a content type. */
  static HttpResponse<String> send(ServerBinding binding, String method, String pathAndQuery, String contentType,
      String body) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(uri(binding, pathAndQuery))
            .method(method, HttpRequest.BodyPublishers.ofString(body))
            .header("Content-Type", contentType)
            .timeout(Duration.ofSeconds(10))
            .build();
    return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> send(ServerBinding binding, String method, String pathAndQuery)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(uri(binding, pathAndQuery))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .timeout(Duration.ofSeconds(10))
            .build();
    return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** Asserts the status and that the body is JSON, declared as such; returns the parsed body. */
  static JsonNode json(HttpResponse<String> response, int expectedStatus) throws IOException {
    assertEquals(expectedStatus, response.statusCode(), () -> "body: " + response.body());
    assertEquals(
        "application/json",
        response.headers().firstValue("Content-Type").orElse("(none)"),
        "content type of " + response.request().uri());
    return MAPPER.readTree(response.body());
  }

  /** Asserts a SeaTunnel-shaped error and returns its message. */
  static String failMessage(HttpResponse<String> response, int expectedStatus) throws IOException {
    JsonNode body = json(response, expectedStatus);
    assertEquals("fail", body.path("status").asText(), () -> "body: " + response.body());
    return body.path("message").asText();
  }

  /** A call that may throw, for lambdas that cannot (e.g. an {@code awaitAssert} block). */
  interface Call<T> {
    T call() throws Exception;
  }

  static <T> T unchecked(Call<T> call) {
    try {
      return call.call();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  static URI uri(ServerBinding binding, String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + binding.localAddress().getPort() + pathAndQuery);
  }
}
