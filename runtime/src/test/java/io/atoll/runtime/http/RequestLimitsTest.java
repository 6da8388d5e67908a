package io.atoll.runtime.http;

import static io.atoll.runtime.http.HttpTesting.failMessage;
import static io.atoll.runtime.http.HttpTesting.json;
import static io.atoll.runtime.http.HttpTesting.send;
import static io.atoll.runtime.http.HttpTesting.uri;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.http.javadsl.ServerBinding;
import io.atoll.runtime.config.HttpSettings;
import io.atoll.runtime.master.monitor.JobCountsSource;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code atoll.http.auth-token} and {@code atoll.http.max-body-size} on every endpoint. */
class RequestLimitsTest {
  private static final ActorTestKit testKit = ActorTestKit.create("RequestLimitsTest", HttpTesting.CONFIG);
  private static final String TOKEN = "s3cr3t-t0ken";
  private static final long LIMIT = 2048;
  private static final TestingJobCoordinator.Jobs jobs = new TestingJobCoordinator.Jobs();
  private static ServerBinding secured;
  private static ServerBinding open;

  @BeforeAll
  static void start() throws Exception {
    var rm = testKit.spawn(TestingResourceManager.answering(TestingResourceManager.TWO_WORKERS));
    var coordinator = testKit.spawn(TestingJobCoordinator.create(jobs));
    HttpSettings base = HttpTesting.settings(Duration.ofSeconds(3)).withMaxBodySize(LIMIT);
    secured = HttpTesting.bind(testKit.system(), base.withAuthToken(TOKEN), rm, coordinator, JobCountsSource.none());
    open = HttpTesting.bind(testKit.system(), base, rm, coordinator, JobCountsSource.none());
  }

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  private static HttpRequest.Builder get(ServerBinding api, String path) {
    return HttpRequest.newBuilder(uri(api, path)).GET();
  }

  @ParameterizedTest
  @ValueSource(strings = {"/overview", "/workers", "/running-jobs", "/finished-jobs", "/metrics",
      "/system-monitoring-information", "/no-such-endpoint"})
  void withATokenSetEveryRequestWithoutItIs401(String path) throws Exception {
    HttpResponse<String> response = send(get(secured, path));
    String message = failMessage(response, 401);
    assertTrue(message.contains("Authorization: Bearer"), message);
    assertEquals("Bearer realm=\"atoll\"", response.headers().firstValue("WWW-Authenticate").orElse("(none)"));
  }

  @Test
  void aWrongTokenOrSchemeIs401AndTheTokenIsNeverEchoed() throws Exception {
    HttpResponse<String> wrong = send(get(secured, "/overview").header("Authorization", "Bearer " + TOKEN + "x"));
    assertTrue(failMessage(wrong, 401).contains("not this cluster's atoll.http.auth-token"));
    assertFalse(wrong.body().contains(TOKEN), wrong.body());
    HttpResponse<String> basic = send(get(secured, "/overview").header("Authorization", "Basic " + TOKEN));
    assertTrue(failMessage(basic, 401).contains("Bearer scheme"));
    assertTrue(basic.headers().firstValue("WWW-Authenticate").isPresent());
    String prefix = TOKEN.substring(0, 4);
    failMessage(send(get(secured, "/overview").header("Authorization", "Bearer " + prefix)), 401);
  }

  @Test
  void theRightTokenPassesOnEveryEndpoint() throws Exception {
    assertEquals("2", json(send(get(secured, "/overview").header("Authorization", "Bearer " + TOKEN)), 200)
        .get("works").textValue());
    HttpResponse<String> metrics = send(get(secured, "/metrics").header("Authorization", "bearer " + TOKEN));
    assertEquals(200, metrics.statusCode());
    HttpResponse<String> post = send(HttpRequest.newBuilder(uri(secured, "/stop-job"))
        .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"jobId\": 404}")));
    assertTrue(failMessage(post, 404).contains("no job 404"), "past authentication, the request is handled");
  }

  @Test
  void withoutATokenNoAuthorizationIsNeeded() throws Exception {
    assertEquals("2", json(send(open, "GET", "/overview"), 200).get("works").textValue());
  }

  @ParameterizedTest
  @ValueSource(strings = {"/submit-job", "/stop-job", "/update-tags"})
  void aDeclaredBodyOverTheLimitIs413(String path) throws Exception {
    String body = "{\"x\": \"" + "y".repeat((int) LIMIT) + "\"}";
    String message = failMessage(send(open, "POST", path, "application/json", body), 413);
    assertTrue(message.contains("larger than " + LIMIT + " bytes (atoll.http.max-body-size)"), message);
    assertTrue(jobs.submitted.isEmpty(), "nothing was submitted");
  }

  @Test
  void aChunkedBodyGrowingPastTheLimitIs413() throws Exception {
    byte[] body = "# padding\n".repeat((int) LIMIT).getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> response = send(HttpRequest.newBuilder(uri(open, "/submit-job"))
        .header("Content-Type", "text/plain")
        // a stream of unknown length goes out chunked, so only reading it finds it too large
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));
    assertTrue(failMessage(response, 413).contains("larger than " + LIMIT), response.body());
    assertTrue(jobs.submitted.isEmpty(), "nothing was submitted");
  }

  @Test
  void aBodyWithinTheLimitIsRead() throws Exception {
    String message = failMessage(send(open, "POST", "/stop-job", "application/json", "{\"jobId\": 404}"), 404);
    assertTrue(message.contains("no job 404"), message);
  }

  @Test
  void theTokenNeverAppearsInTheSettingsText() {
    HttpSettings settings = HttpTesting.settings(Duration.ofSeconds(1)).withAuthToken(TOKEN);
    assertFalse(settings.toString().contains(TOKEN), settings.toString());
    assertTrue(settings.toString().contains("authToken=(set)"), settings.toString());
  }
}
