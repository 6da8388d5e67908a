package io.atoll.runtime.it;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

/**
 * Watches another process's REST API: polls a JSON endpoint, bounded by a deadline, until the answer
 * satisfies a condition (the only way to observe a node in another JVM). Fails with the last answer
 * and the nodes' log tails.
 */
final class RestPoller {
  static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final List<NodeProcess> nodes;

  RestPoller(List<NodeProcess> nodes) {
    this.nodes = nodes;
  }

  HttpClient http() {
    return http;
  }

  JsonNode await(URI uri, Duration timeout, Predicate<JsonNode> condition) throws Exception {
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
      } catch (IOException e) {
        last = e.toString();
      }
      LockSupport.parkNanos(Duration.ofMillis(250).toNanos());
    }
    StringBuilder logs = new StringBuilder();
    nodes.forEach(n -> logs.append('\n').append(n.logTail()));
    return fail("condition on " + uri + " not met within " + timeout + "; last answer: " + last + logs);
  }
}
