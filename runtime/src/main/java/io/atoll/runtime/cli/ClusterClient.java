package io.atoll.runtime.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The REST API of a cluster's master node, as the cluster commands use it: every call is bounded
 * (connect and answer timeouts), every answer is parsed as JSON, and a network failure becomes a
 * {@link ClusterException} with a one-line message.
 */
final class ClusterClient {
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** An HTTP answer with its JSON body. */
  record Reply(int status, JsonNode body) {
    boolean ok() {
      return status >= 200 && status < 300;
    }

    /** The API's error message ({@code {"status":"fail","message":...}}), or the status. */
    String message() {
      return body.path("message").asText("HTTP " + status);
    }
  }

  /** Where the cluster commands take the bearer token of a cluster with {@code atoll.http.auth-token}. */
  static final String TOKEN_ENV = "ATOLL_HTTP_AUTH_TOKEN";

  private final URI base;
  private final Optional<String> token;
  private final HttpClient http;

  /** @param token sent as {@code Authorization: Bearer <token>} when present and not blank */
  ClusterClient(URI base, Optional<String> token) {
    this.base = base;
    this.token = token.map(String::strip).filter(t -> !t.isEmpty());
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT_TIMEOUT).build();
  }

  /**
   * {@code HOST:PORT} (or {@code http://HOST:PORT}) as the API's base URI.
   *
   * @throws IllegalArgumentException saying what is wrong with it
   */
  static URI address(String hostPort) {
    String text = hostPort.trim();
    String withScheme = text.startsWith("http://") ? text : "http://" + text;
    URI uri;
    try {
      uri = new URI(withScheme);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("expected HOST:HTTP_PORT such as 10.0.0.5:8080, got '" + hostPort + "'");
    }
    if (uri.getHost() == null || uri.getPort() < 1 || (uri.getPath() != null && !uri.getPath().isEmpty())) {
      throw new IllegalArgumentException("expected HOST:HTTP_PORT such as 10.0.0.5:8080, got '" + hostPort + "'");
    }
    return URI.create("http://" + uri.getRawAuthority());
  }

  URI base() {
    return base;
  }

  Reply get(String path) {
    return await(getAsync(path));
  }

  Reply post(String path, String contentType, String body) {
    return post(path, contentType, body, REQUEST_TIMEOUT);
  }

  /** @param timeout how long the answer may take (a stop with a savepoint waits for the savepoint) */
  Reply post(String path, String contentType, String body, Duration timeout) {
    return await(send(request(path).timeout(timeout).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build()));
  }

  CompletableFuture<Reply> getAsync(String path) {
    return send(request(path).GET().build());
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path)).timeout(REQUEST_TIMEOUT).header("Accept", "application/json");
    token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
    return request;
  }

  private CompletableFuture<Reply> send(HttpRequest request) {
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((response, failure) -> {
      if (failure != null) {
        throw unreachable(unwrap(failure));
      }
      return new Reply(response.statusCode(), json(response));
    });
  }

  private JsonNode json(HttpResponse<String> response) {
    try {
      JsonNode body = MAPPER.readTree(response.body());
      if (body != null && !body.isMissingNode()) {
        return body;
      }
    } catch (JsonProcessingException e) {
      // not JSON: reported below, the same as an empty body
    }
    String start = response.body().length() > 80 ? response.body().substring(0, 80) + "..." : response.body();
    throw new ClusterException("the server at " + base + " answered HTTP " + response.statusCode()
        + " without a JSON body ('" + start.replaceAll("\\s+", " ") + "'); is that the REST port of an Atoll master?");
  }

  private ClusterException unreachable(Throwable cause) {
    if (cause instanceof ClusterException e) {
      return e;
    }
    if (cause instanceof HttpConnectTimeoutException) {
      return new ClusterException("cannot reach the cluster at " + base + " (no connection within "
          + CONNECT_TIMEOUT.toSeconds() + " s)");
    }
    if (cause instanceof HttpTimeoutException) {
      return new ClusterException("cannot reach the cluster at " + base + " (no answer within "
          + REQUEST_TIMEOUT.toSeconds() + " s)");
    }
    if (cause instanceof IOException) {
      return new ClusterException("cannot reach the cluster at " + base + " (" + rootMessage(cause) + ")");
    }
    throw new CompletionException(cause); // not a network failure: a bug, keep its stack trace
  }

  /** Waits for a call; its {@link ClusterException} is thrown as is, not wrapped. */
  static <T> T await(CompletableFuture<T> call) {
    try {
      return call.join();
    } catch (CompletionException e) {
      if (unwrap(e) instanceof ClusterException cluster) {
        throw cluster;
      }
      throw e;
    }
  }

  private static Throwable unwrap(Throwable failure) {
    Throwable t = failure;
    while (t instanceof CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  /**
   * Why the connection failed, in words. The JDK's HttpClient wraps the cause in exceptions
   * without a message: a bare ConnectException is a refused connection, one caused by an
   * UnresolvedAddressException an unknown host.
   */
  private String rootMessage(Throwable failure) {
    String message = null;
    boolean connect = false;
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
        return "unknown host " + base.getHost();
      }
      connect |= t instanceof ConnectException;
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        message = t.getMessage();
      }
    }
    return message != null ? message : connect ? "Connection refused" : failure.getClass().getSimpleName();
  }
}
