package io.atoll.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** atoll.job.task-report-timeout: read from config, 30 s by default, and longer than the metrics interval. */
class JobSettingsTest {
  private static JobSettings read(String overrides) {
    return JobSettings.fromConfig(ConfigFactory.parseString(overrides)
        .withFallback(ConfigFactory.defaultReference()).resolve().getConfig("atoll"));
  }

  @Test
  void theReportTimeoutDefaultsToThirtySecondsAndCanBeSet() {
    assertEquals(Duration.ofSeconds(30), read("").taskReportTimeout());
    assertEquals(Duration.ofSeconds(7), read("atoll.job.task-report-timeout = 7s").taskReportTimeout());
  }

  @Test
  void aReportTimeoutNotLongerThanTheMetricsIntervalIsRefusedNamingBothKeys() {
    SettingsException e = assertThrows(SettingsException.class,
        () -> read("atoll.job.task-report-timeout = 1s\natoll.job.metrics-interval = 1s"));
    assertTrue(e.getMessage().contains("atoll.job.task-report-timeout")
        && e.getMessage().contains("atoll.job.metrics-interval"), e.getMessage());
  }
}
