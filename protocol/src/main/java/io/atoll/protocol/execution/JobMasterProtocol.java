package io.atoll.protocol.execution;

import akka.actor.typed.ActorRef;
import io.atoll.protocol.WireMessage;
import io.atoll.protocol.job.JobCoordinatorProtocol;
import io.atoll.protocol.job.JobDefinition;
import io.atoll.protocol.job.JobMetrics;
import io.atoll.protocol.job.JobStatus;
import io.atoll.protocol.resource.WorkerLost;
import java.util.Objects;

/**
 * Messages of a JobMaster: the sharded entity (entity id = job id) that runs one job. Workers reach
 * it through its sharding EntityRef, so reports sent while its node fails over are delivered to the
 * restarted entity.
 */
public sealed interface JobMasterProtocol extends WireMessage {

  /** Run this job; a repeated StartJob for a running job is ignored. */
  record StartJob(long jobId, JobDefinition definition, ActorRef<JobCoordinatorProtocol> coordinator)
      implements JobMasterProtocol {
    public StartJob {
      Objects.requireNonNull(definition, "definition");
      Objects.requireNonNull(coordinator, "coordinator");
    }
  }

  record CancelJob(String reason) implements JobMasterProtocol {}

  /**
   * A task group changed state. {@code enumerator} is set by an enumerator task group when it runs,
   * so its readers can be deployed with it.
   */
  record TaskGroupStateChanged(
      TaskGroupId id, JobStatus state, String error, JobMetrics metrics, ActorRef<SplitProtocol> enumerator)
      implements JobMasterProtocol {}

  /** Fresh counters of a running task group. */
  record TaskGroupMetrics(TaskGroupId id, JobMetrics metrics) implements JobMasterProtocol {}

  /** A task group's part of checkpoint {@code checkpointId}. */
  record CheckpointAck(TaskGroupId id, long checkpointId, TaskSnapshot snapshot) implements JobMasterProtocol {
    public CheckpointAck {
      Objects.requireNonNull(snapshot, "snapshot");
    }
  }

  /**
   * A bounded reader read everything and waits for a checkpoint to commit its last rows; repeated
   * with its metrics until one comes, so a job master that restarted meanwhile hears it too.
   */
  record ReaderInputEnded(TaskGroupId id) implements JobMasterProtocol {}

  /** The ResourceManager lost a worker that held slots of this job. */
  record WorkerLostNotice(WorkerLost notice) implements JobMasterProtocol {}

  /**
   * Is this job running here? Answered with {@link JobMasterStatus} by a JobMaster that runs the
   * job; a JobMaster that does not know the job answers nothing (and stops), so the asker's
   * timeout means "no job master".
   */
  record GetJobStatus(ActorRef<JobMasterStatus> replyTo) implements JobMasterProtocol {}

  record JobMasterStatus(long jobId, io.atoll.protocol.job.JobStatus status) implements WireMessage {}
}
