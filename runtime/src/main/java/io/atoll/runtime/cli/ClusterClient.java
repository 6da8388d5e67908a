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
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * The REST API of a cluster's master node, as the cluster commands use it: every call is bounded
 * (connect and answer timeouts), every answer is parsed as JSON, and a network failure becomes a
 * {@link ClusterException} with a one-line message. Speaks HTTPS for an {@code https://} address
 * (trusting the given CA certificates, or the JVM's default trust store), and sends the
 * credentials of {@link ClusterCredentials}.
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
  static final String TOKEN_ENV = ClusterCredentials.TOKEN_ENV;

  private final URI base;
  private final ClusterCredentials credentials;
  private final HttpClient http;

  /** @param token sent as {@code Authorization: Bearer <token>} when present and not blank */
  ClusterClient(URI base, Optional<String> token) {
    this(base, ClusterCredentials.bearer(token), Optional.empty());
  }

  /** @param trust for an {@code https} base: the context trusting its certificate; empty = the JVM's default */
  ClusterClient(URI base, ClusterCredentials credentials, Optional<SSLContext> trust) {
    this.base = base;
    this.credentials = credentials;
    HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(CONNECT_TIMEOUT);
    trust.ifPresent(builder::sslContext);
    this.http = builder.build();
  }

  /**
   * {@code HOST:PORT}, {@code http://HOST:PORT} or {@code https://HOST:PORT}, each optionally with
   * the API's context path ({@code https://HOST:PORT/seatunnel}), as the API's base URI (no trailing
   * slash).
   *
   * @throws IllegalArgumentException saying what is wrong with it
   */
  static URI address(String hostPort) {
    String text = hostPort.trim();
    String expected = "expected HOST:HTTP_PORT such as 10.0.0.5:8080 (or https://HOST:PORT, either optionally "
        + "followed by the API's context path: https://10.0.0.5:8443/seatunnel), got '" + hostPort + "'";
    String withScheme = text.contains("://") ? text : "http://" + text;
    URI uri;
    try {
      uri = new URI(withScheme);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(expected);
    }
    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
      throw new IllegalArgumentException("only http:// and https:// are spoken; " + expected);
    }
    if (uri.getRawUserInfo() != null) {
      throw new IllegalArgumentException("credentials do not belong in --cluster (every user of the machine sees "
          + "the command line): set " + ClusterCredentials.USER_ENV + " and " + ClusterCredentials.PASSWORD_ENV
          + ", or " + ClusterCredentials.TOKEN_ENV + ", in the environment");
    }
    if (uri.getHost() == null || uri.getPort() < 1 || uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new IllegalArgumentException(expected);
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
    return URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + path);
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
        HttpRequest.newBuilder(URI.create(base + path)).timeout(REQUEST_TIMEOUT).header("Accept", "application/json");
    credentials.authorization().ifPresent(value -> request.header("Authorization", value));
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
    if (cause instanceof SSLHandshakeException handshake && trustProblem(handshake)) {
      return new ClusterException("cannot reach the cluster at " + base + ": its certificate is not trusted ("
          + rootMessage(cause) + "); pass the CA certificate that signed it (PEM) with --cacert FILE");
    }
    if (cause instanceof SSLException && clientCertificateRefused(cause)) {
      return new ClusterException("the cluster at " + base + " wants a client certificate it trusts ("
          + rootMessage(cause) + "); pass one with --cert FILE --key FILE");
    }
    if (cause instanceof SSLException) {
      // a refused client certificate often arrives as a broken pipe rather than the server's alert
      return new ClusterException("cannot reach the cluster at " + base + " over HTTPS (" + rootMessage(cause)
          + "); if it wants a client certificate (atoll.http.tls.client-ca or trust-store), pass --cert FILE "
          + "--key FILE; if its REST API speaks plain HTTP (atoll.http.tls.enabled off), use http://");
    }
    if (cause instanceof IOException) {
      // connected, then the server hung up without an HTTP answer: what a TLS port does to plain HTTP
      boolean connected = !hasCause(cause, ConnectException.class) && !hasCause(cause, UnresolvedAddressException.class)
          && !hasCause(cause, UnknownHostException.class);
      return new ClusterException("cannot reach the cluster at " + base + " (" + rootMessage(cause) + ")"
          + (connected && base.getScheme().equals("http")
              ? "; if its REST API speaks HTTPS (atoll.http.tls), use https://" : ""));
    }
    throw new CompletionException(cause); // not a network failure: a bug, keep its stack trace
  }

  private static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  /** The server's TLS alerts for a missing or untrusted client certificate (RFC 8446, 6.2). */
  private static boolean clientCertificateRefused(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String message = String.valueOf(t.getMessage());
      if (message.contains("certificate_required") || message.contains("bad_certificate")
          || message.contains("unknown_ca")) {
        return true;
      }
    }
    return false;
  }

  private static boolean trustProblem(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof java.security.cert.CertificateException
          || t instanceof java.security.cert.CertPathValidatorException
          || t.getClass().getName().equals("sun.security.provider.certpath.SunCertPathBuilderException")) {
        return true;
      }
    }
    return false;
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
