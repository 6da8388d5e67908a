package io.atoll.runtime.config;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * How a {@link io.atoll.runtime.client.JobClient} waits for a job; {@code atoll.client.*}.
 *
 * @param askTimeout one submit, status, list or cancel call
 * @param awaitTimeout one wait for a job's end; after it the client checks the job's status and
 *     waits again, so a coordinator that restarted (and forgot its waiters) is re-attached
 * @param retryInterval the pause after a call that failed before the next try
 * @param unreachableTimeout how long the coordinator may stay unreachable during a wait before the
 *     wait fails, naming what was tried
 */
public record ClientSettings(
    Duration askTimeout, Duration awaitTimeout, Duration retryInterval, Duration unreachableTimeout) {

  public ClientSettings {
    Configs.positive(askTimeout, "http.ask-timeout");
    Configs.positive(awaitTimeout, "client.await-timeout");
    Configs.positive(retryInterval, "client.retry-interval");
    Configs.positive(unreachableTimeout, "client.unreachable-timeout");
  }

  public static ClientSettings fromConfig(Config atoll) {
    return new ClientSettings(
        Configs.duration(atoll, "http.ask-timeout"),
        Configs.duration(atoll, "client.await-timeout"),
        Configs.duration(atoll, "client.retry-interval"),
        Configs.duration(atoll, "client.unreachable-timeout"));
  }
}
