package io.atoll.runtime.config;

import com.typesafe.config.Config;
import java.time.Duration;

/** How often each master node logs its one-line cluster summary. */
public record ClusterMonitorSettings(Duration printInterval) {
  public ClusterMonitorSettings {
    Configs.positive(printInterval, "cluster-monitor.print-execution-info-interval");
  }

  public static ClusterMonitorSettings fromConfig(Config atoll) {
    return new ClusterMonitorSettings(
        Configs.duration(atoll, "cluster-monitor.print-execution-info-interval"));
  }
}
