package io.atoll.runtime.config;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * The REST API of master nodes.
 *
 * @param authToken the bearer token every request must carry; empty = no authentication. Never
 *     printed: {@link #toString()} hides it.
 * @param maxBodySize the largest request body accepted, in bytes
 */
public record HttpSettings(
    boolean enabled, String host, int port, Duration askTimeout, String authToken, long maxBodySize) {

  public static final long DEFAULT_MAX_BODY_SIZE = 10L * 1024 * 1024;

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
  }

  /** No authentication and the default body limit. */
  public HttpSettings(boolean enabled, String host, int port, Duration askTimeout) {
    this(enabled, host, port, askTimeout, "", DEFAULT_MAX_BODY_SIZE);
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
        Configs.bytes(atoll, "http.max-body-size"));
  }

  public boolean authEnabled() {
    return !authToken.isEmpty();
  }

  public HttpSettings withAuthToken(String token) {
    return new HttpSettings(enabled, host, port, askTimeout, token, maxBodySize);
  }

  public HttpSettings withMaxBodySize(long bytes) {
    return new HttpSettings(enabled, host, port, askTimeout, authToken, bytes);
  }

  @Override
  public String toString() {
    return "HttpSettings[enabled=" + enabled + ", host=" + host + ", port=" + port + ", askTimeout=" + askTimeout
        + ", authToken=" + (authEnabled() ? "(set)" : "(none)") + ", maxBodySize=" + maxBodySize + "]";
  }
}
