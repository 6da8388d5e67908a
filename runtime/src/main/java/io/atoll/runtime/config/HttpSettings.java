package io.atoll.runtime.config;

import com.typesafe.config.Config;
import java.time.Duration;

/** The REST API of master nodes. */
public record HttpSettings(boolean enabled, String host, int port, Duration askTimeout) {
  public HttpSettings {
    if (port < 0 || port > 65535) {
      throw new SettingsException("atoll.http.port must be between 0 and 65535, got " + port);
    }
    Configs.positive(askTimeout, "http.ask-timeout");
  }

  /** @param nodeHost the node's own host, used when {@code atoll.http.host} is empty */
  public static HttpSettings fromConfig(Config atoll, String nodeHost) {
    String host = Configs.string(atoll, "http.host");
    return new HttpSettings(
        Configs.bool(atoll, "http.enabled"),
        host.isBlank() ? nodeHost : host,
        Configs.integer(atoll, "http.port"),
        Configs.duration(atoll, "http.ask-timeout"));
  }
}
