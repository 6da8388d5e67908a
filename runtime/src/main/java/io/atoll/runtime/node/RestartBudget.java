package io.atoll.runtime.node;

import io.atoll.runtime.config.RejoinSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Decides whether a node removed from its cluster may start its ActorSystem again, and after what
 * wait: at most {@code max-restarts} within a sliding window of {@code within}, each one waiting
 * twice as long as the one before it in the window (from {@code min-backoff} up to
 * {@code max-backoff}). A node that keeps being downed (a flapping network, a cluster that refuses
 * it) so stops restarting instead of looping; one downed once in a while restarts every time.
 *
 * <p>Pure and not thread-safe: {@link AtollNode} calls it under its lock, with the time.
 */
final class RestartBudget {
  private final RejoinSettings settings;
  private final Deque<Instant> recent = new ArrayDeque<>();

  RestartBudget(RejoinSettings settings) {
    this.settings = settings;
  }

  /**
   * Takes one restart at {@code now} if the window still allows it.
   *
   * @return the wait before the restart, or empty when the budget is spent (the node gives up)
   */
  Optional<Duration> take(Instant now) {
    Instant windowStart = now.minus(settings.within());
    while (!recent.isEmpty() && !recent.peekFirst().isAfter(windowStart)) {
      recent.removeFirst();
    }
    if (recent.size() >= settings.maxRestarts()) {
      return Optional.empty();
    }
    Duration backoff = backoff(recent.size());
    recent.addLast(now);
    return Optional.of(backoff);
  }

  /** Restarts taken within the window that ends at {@code now}. */
  int inWindow(Instant now) {
    Instant windowStart = now.minus(settings.within());
    return (int) recent.stream().filter(t -> t.isAfter(windowStart)).count();
  }

  private Duration backoff(int earlierInWindow) {
    Duration backoff = settings.minBackoff();
    for (int i = 0; i < earlierInWindow && backoff.compareTo(settings.maxBackoff()) < 0; i++) {
      backoff = backoff.multipliedBy(2);
    }
    return backoff.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : backoff;
  }
}
