package io.atoll.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;

/** {@code atoll.metrics-server}: off by default on 127.0.0.1:9251; a bad value names its key. */
class MetricsServerSettingsTest {

  @Test
  void defaultsAreOffOnLoopback() {
    MetricsServerSettings s = MetricsServerSettings.fromConfig(ConfigFactory.load().getConfig("atoll"));
    assertFalse(s.enabled());
    assertEquals("127.0.0.1", s.host());
    assertEquals(9251, s.port());
  }

  @Test
  void aBadPortOrHostNamesTheKey() {
    SettingsException port = assertThrows(SettingsException.class, () -> MetricsServerSettings.fromConfig(
        ConfigFactory.parseString("metrics-server { enabled = true, host = \"127.0.0.1\", port = 70000 }")));
    assertTrue(port.getMessage().contains("atoll.metrics-server.port"), port.getMessage());
    SettingsException host = assertThrows(SettingsException.class, () -> MetricsServerSettings.fromConfig(
        ConfigFactory.parseString("metrics-server { enabled = true, host = \" \", port = 9251 }")));
    assertTrue(host.getMessage().contains("atoll.metrics-server.host"), host.getMessage());
  }
}
