package io.atoll.runtime.config;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * Worker heartbeat timing, shared by the SlotService (which sends at {@code interval}) and the
 * ResourceManager (which declares a worker lost after {@code timeout} of silence).
 */
public record HeartbeatSettings(Duration interval, Duration timeout) {
  public HeartbeatSettings {
    if (interval.isNegative() || interval.isZero()) {
      throw new SettingsException("atoll.heartbeat.interval must be positive, got " + interval);
    }
    if (timeout.compareTo(interval) <= 0) {
      throw new SettingsException(
          "atoll.heartbeat.timeout ("
              + timeout
              + ") must be greater than atoll.heartbeat.interval ("
              + interval
              + "): a worker would be declared lost between two heartbeats");
    }
  }

  public static HeartbeatSettings fromConfig(Config atoll) {
    return new HeartbeatSettings(
        Configs.duration(atoll, "heartbeat.interval"), Configs.duration(atoll, "heartbeat.timeout"));
  }
}
