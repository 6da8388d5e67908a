package io.atoll.runtime.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.atoll.runtime.config.RejoinSettings;
import io.atoll.runtime.config.SettingsException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The bound on a node's restarts: a sliding window, and a backoff that doubles within it. */
class RestartBudgetTest {
  private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

  private static RejoinSettings settings(int max, String within, String min, String maxBackoff) {
    return new RejoinSettings(max, Duration.parse(within), Duration.parse(min), Duration.parse(maxBackoff));
  }

  @Test
  void allowsMaxRestartsWithinTheWindowWithADoublingBackoffThenGivesUp() {
    RestartBudget budget = new RestartBudget(settings(4, "PT10M", "PT1S", "PT3S"));
    assertEquals(Optional.of(Duration.ofSeconds(1)), budget.take(T0));
    assertEquals(Optional.of(Duration.ofSeconds(2)), budget.take(T0.plusSeconds(5)));
    assertEquals(Optional.of(Duration.ofSeconds(3)), budget.take(T0.plusSeconds(10)), "capped at max-backoff");
    assertEquals(Optional.of(Duration.ofSeconds(3)), budget.take(T0.plusSeconds(15)));
    assertEquals(Optional.empty(), budget.take(T0.plusSeconds(20)), "a fifth restart within 10 minutes");
    assertEquals(4, budget.inWindow(T0.plusSeconds(20)));
  }

  @Test
  void restartsOlderThanTheWindowNoLongerCount() {
    RestartBudget budget = new RestartBudget(settings(2, "PT1M", "PT1S", "PT30S"));
    assertTrue(budget.take(T0).isPresent());
    assertTrue(budget.take(T0.plusSeconds(30)).isPresent());
    assertEquals(Optional.empty(), budget.take(T0.plusSeconds(59)));
    // the first one left the window: one more is allowed, with the backoff of the second in a window
    assertEquals(Optional.of(Duration.ofSeconds(2)), budget.take(T0.plusSeconds(61)));
    assertEquals(Optional.empty(), budget.take(T0.plusSeconds(62)));
    // long quiet: the backoff starts from the minimum again
    assertEquals(Optional.of(Duration.ofSeconds(1)), budget.take(T0.plusSeconds(600)));
  }

  @Test
  void zeroRestartsMeansNeverRestart() {
    RejoinSettings off = settings(0, "PT1M", "PT1S", "PT1S");
    assertEquals(false, off.enabled());
    assertEquals(Optional.empty(), new RestartBudget(off).take(T0));
  }

  @Test
  void readsAndChecksItsSettings() {
    RejoinSettings read = RejoinSettings.fromConfig(ConfigFactory.parseString(
        "node.rejoin { max-restarts = 3, within = 5m, min-backoff = 200ms, max-backoff = 10s }"));
    assertEquals(settings(3, "PT5M", "PT0.2S", "PT10S"), read);
    SettingsException negative = assertThrows(SettingsException.class, () -> settings(-1, "PT1M", "PT1S", "PT1S"));
    assertTrue(negative.getMessage().contains("atoll.node.rejoin.max-restarts"), negative.getMessage());
    SettingsException inverted = assertThrows(SettingsException.class, () -> settings(1, "PT1M", "PT5S", "PT1S"));
    assertTrue(inverted.getMessage().contains("max-backoff"), inverted.getMessage());
    SettingsException missing = assertThrows(SettingsException.class,
        () -> RejoinSettings.fromConfig(ConfigFactory.parseString("node.rejoin { max-restarts = 3 }")));
    assertTrue(missing.getMessage().contains("atoll.node.rejoin.within"), missing.getMessage());
  }
}
