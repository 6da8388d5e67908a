package io.atoll.runtime.config;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * How a node that the cluster removed (downed by the Split Brain Resolver, or by an operator) starts
 * its ActorSystem again in the same process and rejoins, instead of exiting ({@code atoll.node.rejoin}).
 *
 * @param maxRestarts restarts allowed within {@code within}; one more and the node gives up and exits
 *     with status 1. 0 switches rejoining off.
 * @param within the sliding window the restarts are counted in
 * @param minBackoff wait before the first restart of a window; doubled for each further one
 * @param maxBackoff the longest wait between two restarts
 */
public record RejoinSettings(int maxRestarts, Duration within, Duration minBackoff, Duration maxBackoff) {
  public RejoinSettings {
    if (maxRestarts < 0) {
      throw new SettingsException("atoll.node.rejoin.max-restarts must be 0 (never restart) or more, got " + maxRestarts);
    }
    Configs.positive(within, "node.rejoin.within");
    if (minBackoff.isNegative()) {
      throw new SettingsException("atoll.node.rejoin.min-backoff must not be negative, got " + minBackoff);
    }
    if (maxBackoff.compareTo(minBackoff) < 0) {
      throw new SettingsException("atoll.node.rejoin.max-backoff (" + maxBackoff
          + ") must not be less than atoll.node.rejoin.min-backoff (" + minBackoff + ")");
    }
  }

  public static RejoinSettings fromConfig(Config atoll) {
    return new RejoinSettings(
        Configs.integer(atoll, "node.rejoin.max-restarts"),
        Configs.duration(atoll, "node.rejoin.within"),
        Configs.duration(atoll, "node.rejoin.min-backoff"),
        Configs.duration(atoll, "node.rejoin.max-backoff"));
  }

  public boolean enabled() {
    return maxRestarts > 0;
  }
}
