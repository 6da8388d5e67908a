package io.atoll.runtime.config;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * The JobCoordinator's admission and liveness rules; {@code atoll.job.*}.
 *
 * @param capacityCheckTimeout how long a submit or an admission waits for the ResourceManager's
 *     slot capacity; without an answer a submit is accepted (the queue's bounded wait still applies)
 * @param unschedulableTimeout how long a queued job whose slot need exceeds every slot of the live
 *     workers (workers left after it was accepted) may wait for workers to come back before it fails
 * @param queueBypassLimit how many later jobs may start before a queued job that does not fit the
 *     free slots; then the queue waits for it, so its starvation is bounded
 * @param admissionInterval how often the queue is checked against the free slots while jobs wait
 * @param jobMasterProbeTimeout how long one liveness probe of a recovered job's JobMaster waits;
 *     no answer only means "not yet" (the JobMaster may still be recovering): it is probed again
 * @param jobMasterProbeMaxBackoff the longest pause between two probes (pauses double from 1 s)
 * @param jobMasterRestarts how often a JobMaster that answers "unknown job" is sent the job again
 *     before the job is failed
 */
public record CoordinatorSettings(
    Duration capacityCheckTimeout,
    Duration unschedulableTimeout,
    int queueBypassLimit,
    Duration admissionInterval,
    Duration jobMasterProbeTimeout,
    Duration jobMasterProbeMaxBackoff,
    int jobMasterRestarts) {

  public CoordinatorSettings {
    Configs.positive(capacityCheckTimeout, "job.capacity-check-timeout");
    Configs.positive(unschedulableTimeout, "job.unschedulable-timeout");
    Configs.positive(admissionInterval, "job.slot-retry-interval");
    Configs.positive(jobMasterProbeTimeout, "job.job-master-probe-timeout");
    Configs.positive(jobMasterProbeMaxBackoff, "job.job-master-probe-max-backoff");
    if (queueBypassLimit < 0) {
      throw new SettingsException("atoll.job.queue-bypass-limit must be 0 or more, got " + queueBypassLimit);
    }
    if (jobMasterRestarts < 0) {
      throw new SettingsException("atoll.job.job-master-restarts must be 0 or more, got " + jobMasterRestarts);
    }
  }

  public static CoordinatorSettings fromConfig(Config atoll) {
    return new CoordinatorSettings(
        Configs.duration(atoll, "job.capacity-check-timeout"),
        Configs.duration(atoll, "job.unschedulable-timeout"),
        Configs.integer(atoll, "job.queue-bypass-limit"),
        Configs.duration(atoll, "job.slot-retry-interval"),
        Configs.duration(atoll, "job.job-master-probe-timeout"),
        Configs.duration(atoll, "job.job-master-probe-max-backoff"),
        Configs.integer(atoll, "job.job-master-restarts"));
  }
}
