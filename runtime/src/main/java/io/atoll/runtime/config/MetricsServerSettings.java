package io.atoll.runtime.config;

import com.typesafe.config.Config;

/**
 * The node's own metrics server ({@code atoll.metrics-server}): {@code GET /metrics} and
 * {@code GET /openmetrics} with this node's JVM, task dispatcher and resource figures, for nodes
 * that do not serve the REST API (workers). Off by default.
 */
public record MetricsServerSettings(boolean enabled, String host, int port) {

  public MetricsServerSettings {
    if (port < 0 || port > 65535) {
      throw new SettingsException("atoll.metrics-server.port must be between 0 and 65535, got " + port);
    }
    if (host == null || host.isBlank()) {
      throw new SettingsException("atoll.metrics-server.host must name an interface, e.g. 127.0.0.1 or 0.0.0.0");
    }
  }

  public static MetricsServerSettings fromConfig(Config atoll) {
    return new MetricsServerSettings(
        Configs.bool(atoll, "metrics-server.enabled"),
        Configs.string(atoll, "metrics-server.host"),
        Configs.integer(atoll, "metrics-server.port"));
  }
}
