package io.atoll.runtime.config;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.Locale;

/** How jobs are admitted, retried, cancelled and reported; {@code atoll.job.*}. */
public record JobSettings(
    ScheduleStrategy scheduleStrategy,
    Duration historyExpiry,
    Duration slotRetryInterval,
    Duration cancelTimeout,
    Duration metricsInterval,
    Duration slotRequestTimeout,
    int coordinatorSnapshotEvery,
    Duration checkpointInterval,
    Duration checkpointTimeout,
    Duration taskReportTimeout) {

  /** {@code atoll.job.task-report-timeout}'s default. */
  public static final Duration DEFAULT_TASK_REPORT_TIMEOUT = Duration.ofSeconds(30);

  /** What a job does when the cluster has too few free slots for it. */
  public enum ScheduleStrategy {
    WAIT,
    REJECT
  }

  public JobSettings {
    Configs.positive(historyExpiry, "job.history-job-expire-minutes");
    Configs.positive(slotRetryInterval, "job.slot-retry-interval");
    Configs.positive(cancelTimeout, "job.cancel-timeout");
    Configs.positive(metricsInterval, "job.metrics-interval");
    Configs.positive(checkpointInterval, "job.checkpoint-interval");
    Configs.positive(checkpointTimeout, "job.checkpoint-timeout");
    Configs.positive(taskReportTimeout, "job.task-report-timeout");
    if (taskReportTimeout.compareTo(metricsInterval) <= 0) {
      // a running task group reports at least every metrics interval: a shorter timeout would
      // declare healthy task groups silent
      throw new SettingsException("atoll.job.task-report-timeout (" + taskReportTimeout
          + ") must be greater than atoll.job.metrics-interval (" + metricsInterval + ")");
    }
    if (coordinatorSnapshotEvery < 1) {
      throw new SettingsException("atoll.job.coordinator-snapshot-every must be positive, got " + coordinatorSnapshotEvery);
    }
  }

  /** Settings with the default task report timeout (tests and benchmarks that do not care about it). */
  public JobSettings(ScheduleStrategy scheduleStrategy, Duration historyExpiry, Duration slotRetryInterval,
      Duration cancelTimeout, Duration metricsInterval, Duration slotRequestTimeout, int coordinatorSnapshotEvery,
      Duration checkpointInterval, Duration checkpointTimeout) {
    this(scheduleStrategy, historyExpiry, slotRetryInterval, cancelTimeout, metricsInterval, slotRequestTimeout,
        coordinatorSnapshotEvery, checkpointInterval, checkpointTimeout, DEFAULT_TASK_REPORT_TIMEOUT);
  }

  /** The same settings with another task report timeout. */
  public JobSettings withTaskReportTimeout(Duration timeout) {
    return new JobSettings(scheduleStrategy, historyExpiry, slotRetryInterval, cancelTimeout, metricsInterval,
        slotRequestTimeout, coordinatorSnapshotEvery, checkpointInterval, checkpointTimeout, timeout);
  }

  public static JobSettings fromConfig(Config atoll) {
    String strategy = Configs.string(atoll, "job.schedule-strategy");
    ScheduleStrategy parsed;
    try {
      parsed = ScheduleStrategy.valueOf(strategy.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new SettingsException("atoll.job.schedule-strategy must be WAIT or REJECT, got '" + strategy + "'");
    }
    int expireMinutes = Configs.integer(atoll, "job.history-job-expire-minutes");
    if (expireMinutes <= 0) {
      throw new SettingsException("atoll.job.history-job-expire-minutes must be positive, got " + expireMinutes);
    }
    return new JobSettings(
        parsed,
        Duration.ofMinutes(expireMinutes),
        Configs.duration(atoll, "job.slot-retry-interval"),
        Configs.duration(atoll, "job.cancel-timeout"),
        Configs.duration(atoll, "job.metrics-interval"),
        // the job master waits for the ResourceManager's answer a little longer than the
        // ResourceManager waits for its workers, so a slow allocation is answered, not lost
        Configs.duration(atoll, "resource-manager.slot-request-timeout").plusSeconds(5),
        Configs.integer(atoll, "job.coordinator-snapshot-every"),
        Configs.duration(atoll, "job.checkpoint-interval"),
        Configs.duration(atoll, "job.checkpoint-timeout"),
        Configs.duration(atoll, "job.task-report-timeout"));
  }
}
