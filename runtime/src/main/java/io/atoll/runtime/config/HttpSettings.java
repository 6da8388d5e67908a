package io.atoll.runtime.config;

import com.typesafe.config.Config;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * The REST API of master nodes.
 *
 * @param authToken the bearer token every request must carry; empty = no authentication. Never
 *     printed: {@link #toString()} hides it.
 * @param maxBodySize the largest request body accepted, in bytes
 * @param basicAuth HTTP basic authentication; with a token too, either credential is accepted
 * @param tls HTTPS on {@link #port()} instead of plain HTTP
 * @param contextPath the prefix of every endpoint ({@code /seatunnel}), or empty for none
 * @param allowAnonymous serve without authentication on an address other hosts can reach
 */
public record HttpSettings(
    boolean enabled,
    String host,
    int port,
    Duration askTimeout,
    String authToken,
    long maxBodySize,
    BasicAuthSettings basicAuth,
    TlsSettings tls,
    String contextPath,
    boolean allowAnonymous) {

  public static final long DEFAULT_MAX_BODY_SIZE = 10L * 1024 * 1024;
  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._~-]+");

  public HttpSettings {
    if (port < 0 || port > 65535) {
      throw new SettingsException("atoll.http.port must be between 0 and 65535, got " + port);
    }
    Configs.positive(askTimeout, "http.ask-timeout");
    if (authToken == null || !authToken.equals(authToken.strip())) {
      throw new SettingsException("atoll.http.auth-token must not start or end with white space "
          + "(a header value cannot carry it); leave it empty to turn authentication off");
    }
    if (maxBodySize <= 0) {
      throw new SettingsException("atoll.http.max-body-size must be positive, got " + maxBodySize);
    }
    if (basicAuth == null || tls == null) {
      throw new SettingsException("atoll.http.basic-auth and atoll.http.tls must not be null (use their OFF values)");
    }
    contextPath = contextPath(contextPath);
  }

  /** No authentication, plain HTTP, no context path and the default body limit. */
  public HttpSettings(boolean enabled, String host, int port, Duration askTimeout) {
    this(enabled, host, port, askTimeout, "", DEFAULT_MAX_BODY_SIZE);
  }

  /** Bearer-token authentication only, plain HTTP, no context path. */
  public HttpSettings(boolean enabled, String host, int port, Duration askTimeout, String authToken, long maxBodySize) {
    this(enabled, host, port, askTimeout, authToken, maxBodySize, BasicAuthSettings.OFF, TlsSettings.OFF, "", false);
  }

  /** @param nodeHost the node's own host, used when {@code atoll.http.host} is empty */
  public static HttpSettings fromConfig(Config atoll, String nodeHost) {
    String host = Configs.string(atoll, "http.host");
    return new HttpSettings(
        Configs.bool(atoll, "http.enabled"),
        host.isBlank() ? nodeHost : host,
        Configs.integer(atoll, "http.port"),
        Configs.duration(atoll, "http.ask-timeout"),
        Configs.string(atoll, "http.auth-token"),
        Configs.bytes(atoll, "http.max-body-size"),
        BasicAuthSettings.fromConfig(atoll),
        TlsSettings.fromConfig(atoll),
        Configs.string(atoll, "http.context-path"),
        Configs.bool(atoll, "http.allow-anonymous"));
  }

  /**
   * {@code ""} for none, else {@code /a/b}: a leading slash is added, a trailing one dropped; each
   * segment is URL-safe text ({@code A-Z a-z 0-9 . _ ~ -}).
   */
  static String contextPath(String path) {
    if (path == null) {
      throw new SettingsException("atoll.http.context-path must not be null (empty for none)");
    }
    String stripped = path.strip();
    while (stripped.endsWith("/")) {
      stripped = stripped.substring(0, stripped.length() - 1);
    }
    if (stripped.isEmpty()) {
      return "";
    }
    String normal = stripped.startsWith("/") ? stripped : "/" + stripped;
    for (String segment : normal.substring(1).split("/", -1)) {
      if (!SEGMENT.matcher(segment).matches() || segment.equals(".") || segment.equals("..")) {
        throw new SettingsException("atoll.http.context-path must be a path such as /seatunnel or /atoll/api "
            + "(segments of letters, digits, '.', '_', '~', '-'), got '" + path + "'");
      }
    }
    return normal;
  }

  /** A token or basic authentication is configured. */
  public boolean authEnabled() {
    return !authToken.isEmpty() || basicAuth.enabled();
  }

  /** {@code https} with TLS on, else {@code http}. */
  public String scheme() {
    return tls.enabled() ? "https" : "http";
  }

  /**
   * What must hold before the API may listen: a non-loopback address needs authentication or an
   * explicit {@code allow-anonymous}, and the TLS key material must load. Loads the key material
   * (once: {@link TlsSettings} keeps it), so a node checks this at start, not in an actor.
   *
   * @throws SettingsException saying what is wrong and how to fix it
   */
  public void checkServable() {
    if (!authEnabled() && !allowAnonymous && !isLoopback(host)) {
      throw new SettingsException("the REST API would listen on " + host + ":" + port + ", an address other "
          + "machines can reach, with no authentication: anyone who reaches it could submit jobs (which run code on "
          + "the workers), stop jobs and read their configs. Set atoll.http.auth-token (or the environment variable "
          + "ATOLL_HTTP_AUTH_TOKEN) or atoll.http.basic-auth { username, password }; or bind it to this machine "
          + "only with atoll.http.host = \"127.0.0.1\"; or, if the network in front of it is trusted (e.g. an "
          + "authenticating proxy), set atoll.http.allow-anonymous = true");
    }
    if (tls.enabled()) {
      tls.sslContext();
    }
  }

  /** A literal or resolved loopback address; a name that does not resolve is not taken for one. */
  static boolean isLoopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  public HttpSettings withAuthToken(String token) {
    return new HttpSettings(enabled, host, port, askTimeout, token, maxBodySize, basicAuth, tls, contextPath,
        allowAnonymous);
  }

  public HttpSettings withMaxBodySize(long bytes) {
    return new HttpSettings(enabled, host, port, askTimeout, authToken, bytes, basicAuth, tls, contextPath,
        allowAnonymous);
  }

  public HttpSettings withBasicAuth(BasicAuthSettings basic) {
    return new HttpSettings(enabled, host, port, askTimeout, authToken, maxBodySize, basic, tls, contextPath,
        allowAnonymous);
  }

  public HttpSettings withTls(TlsSettings https) {
    return new HttpSettings(enabled, host, port, askTimeout, authToken, maxBodySize, basicAuth, https, contextPath,
        allowAnonymous);
  }

  public HttpSettings withContextPath(String path) {
    return new HttpSettings(enabled, host, port, askTimeout, authToken, maxBodySize, basicAuth, tls, path,
        allowAnonymous);
  }

  public HttpSettings withAllowAnonymous(boolean allow) {
    return new HttpSettings(enabled, host, port, askTimeout, authToken, maxBodySize, basicAuth, tls, contextPath,
        allow);
  }

  @Override
  public String toString() {
    return "HttpSettings[enabled=" + enabled + ", host=" + host + ", port=" + port + ", askTimeout=" + askTimeout
        + ", authToken=" + (authToken.isEmpty() ? "(none)" : "(set)") + ", maxBodySize=" + maxBodySize
        + ", basicAuth=" + basicAuth + ", tls=" + tls + ", contextPath=" + contextPath
        + ", allowAnonymous=" + allowAnonymous + "]";
  }
}
