package io.atoll.runtime.master.resource;

import io.atoll.protocol.resource.WorkerLost;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the ResourceManager sends {@link WorkerLost} notices for the slots a lost worker held. The
 * owner is addressed by job id alone, because after a ResourceManager failover slot ownership is
 * rebuilt from heartbeats, which carry job ids and no actor refs. The job runtime routes notices to
 * the job's JobMaster through Cluster Sharding.
 */
@FunctionalInterface
public interface SlotOwnerNotifier {
  void workerLost(WorkerLost notice);

  /** For nodes that run no jobs yet: the notice is logged, so a lost slot is never silent. */
  static SlotOwnerNotifier logging() {
    Logger log = LoggerFactory.getLogger(SlotOwnerNotifier.class);
    return notice ->
        log.warn(
            "job {} lost {} slot(s) with worker {} ({}); no job runtime consumes the notice",
            notice.job(),
            notice.lostSlots().size(),
            notice.worker(),
            notice.reason());
  }
}
