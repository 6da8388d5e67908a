package io.atoll.runtime.it;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.function.Supplier;

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

  JsonNode await(URI uri, Duration timeout, Predicate<JsonNode> condition) {
    JsonNode[] match = new JsonNode[1];
    String[] last = {"no answer yet"};
    until(timeout, () -> {
      HttpResponse<String> response = http.send(
          HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
      last[0] = response.statusCode() + " " + response.body();
      if (response.statusCode() == 200) {
        JsonNode body = JSON.readTree(response.body());
        if (condition.test(body)) {
          match[0] = body;
          return true;
        }
      }
      return false;
    }, () -> "condition on " + uri + " not met within " + timeout + "; last answer: " + last[0]);
    return match[0];
  }

  /** A condition on something outside this JVM; it may fail while the other side is down. */
  @FunctionalInterface
  interface Check {
    boolean holds() throws Exception;
  }

  /**
   * Polls {@code check} every 100 ms until it holds; fails after {@code timeout} with the message,
   * the last exception the check threw (a node or endpoint may be down meanwhile) and the nodes' log
   * tails.
   */
  void until(Duration timeout, Check check, Supplier<String> message) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Exception lastFailure = null;
    while (true) {
      try {
        if (check.holds()) {
          return;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting: " + message.get(), e);
      } catch (Exception e) {
        lastFailure = e;
      }
      if (System.nanoTime() > deadline) {
        StringBuilder logs = new StringBuilder();
        List.copyOf(nodes).forEach(n -> logs.append('\n').append(n.logTail()));
        fail(message.get() + (lastFailure == null ? "" : "; last failure: " + lastFailure) + logs);
      }
      LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
    }
  }
}
