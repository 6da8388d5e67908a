package io.atoll.runtime.master.job;

import akka.actor.typed.ActorSystem;
import akka.actor.typed.RecipientRef;
import akka.cluster.sharding.typed.javadsl.ClusterSharding;
import io.atoll.protocol.execution.JobMasterProtocol;

/**
 * How anything reaches the JobMaster of a job: through Cluster Sharding in a cluster (messages sent
 * while the entity moves are buffered and delivered to it where it restarts); a probe in tests.
 */
@FunctionalInterface
public interface JobMasters {
  RecipientRef<JobMasterProtocol> forJob(long jobId);

  static JobMasters sharded(ActorSystem<?> system) {
    ClusterSharding sharding = ClusterSharding.get(system);
    return jobId -> sharding.entityRefFor(JobMaster.TYPE_KEY, Long.toString(jobId));
  }
}
