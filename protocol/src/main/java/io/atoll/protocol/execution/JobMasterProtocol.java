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
public sealed interface JobMasterProtocol extends WireMessage, JobMasterCommand {

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
   * Trigger a savepoint: a checkpoint of every pipeline, after which the job stops and ends
   * SAVEPOINT_DONE. Answered at once: accepted (under way; the outcome reaches the coordinator as the
   * job's status) or refused with the reason (e.g. not running).
   */
  record StopWithSavepoint(ActorRef<JobCoordinatorProtocol.CancelReply> replyTo) implements JobMasterProtocol {}

  /**
   * Run a job that ended SAVEPOINT_DONE again, every pipeline restored from its savepoint; ignored
   * by a job master whose job is not in that state (e.g. a repeated restore already running).
   */
  record RestoreJob(long jobId, JobDefinition definition, ActorRef<JobCoordinatorProtocol> coordinator)
      implements JobMasterProtocol {
    public RestoreJob {
      Objects.requireNonNull(definition, "definition");
      Objects.requireNonNull(coordinator, "coordinator");
    }
  }

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

  /**
   * The ResourceManager lost a worker that held slots of this job. Its task groups fail (a restart
   * that does not use up {@code job.retry.times}), and slots held for task groups that never
   * confirmed a cancel on it are given up.
   */
  record WorkerLostNotice(WorkerLost notice) implements JobMasterProtocol {}

  /**
   * Is this job running here? Answered with {@link JobMasterStatus}: by a JobMaster that runs (or
   * ran) the job with its status; by a JobMaster that never started the job with
   * {@code JobMasterStatus(jobId, null)}, after which that entity stops. So an asker can tell
   * "unknown job" (a null status) from "still recovering" (no answer yet: recovery replays the
   * journal before any command is handled).
   */
  record GetJobStatus(ActorRef<JobMasterStatus> replyTo) implements JobMasterProtocol {}

  /** @param status null: the JobMaster asked never started this job */
  record JobMasterStatus(long jobId, io.atoll.protocol.job.JobStatus status) implements WireMessage {}
}
