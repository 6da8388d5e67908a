package io.atoll.runtime.config;

import com.typesafe.config.Config;
import java.time.Duration;

/** The ResourceManager's timing: when a worker is lost, how long slot confirmations may take. */
public record ResourceManagerSettings(Duration heartbeatTimeout, Duration slotRequestTimeout) {
  public ResourceManagerSettings {
    Configs.positive(heartbeatTimeout, "heartbeat.timeout");
    Configs.positive(slotRequestTimeout, "resource-manager.slot-request-timeout");
  }

  public static ResourceManagerSettings fromConfig(Config atoll) {
    return new ResourceManagerSettings(
        HeartbeatSettings.fromConfig(atoll).timeout(),
        Configs.duration(atoll, "resource-manager.slot-request-timeout"));
  }
}
