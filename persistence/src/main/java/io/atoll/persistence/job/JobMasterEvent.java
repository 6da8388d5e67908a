package io.atoll.persistence.job;

import io.atoll.protocol.WireMessage;
import io.atoll.protocol.execution.TaskGroupId;
import io.atoll.protocol.job.JobDefinition;
import io.atoll.protocol.job.JobStatus;
import io.atoll.protocol.resource.SlotProfile;
import java.util.List;

/**
 * What happened to a job, as its JobMaster records it. Applied by {@link JobMasterState#apply};
 * they are journalled (Kryo ids in PersistenceWireRegistrations), so they are append-only: never
 * change one, add a new one.
 */
public sealed interface JobMasterEvent extends WireMessage {
  record JobStarted(long jobId, JobDefinition definition, int pipelines, long time) implements JobMasterEvent {}

  /** A pipeline starts its attempt {@code attempt} (1 = first run) and asks for slots. */
  record PipelineAttemptStarted(int pipelineId, int attempt) implements JobMasterEvent {}

  record PipelineSlotsAssigned(int pipelineId, int attempt, List<SlotProfile> slots) implements JobMasterEvent {
    public PipelineSlotsAssigned {
      slots = List.copyOf(slots);
    }
  }

  record TaskGroupStateRecorded(int pipelineId, int attempt, int index, JobStatus state) implements JobMasterEvent {}

  record PipelineStatusChanged(int pipelineId, JobStatus status, String error) implements JobMasterEvent {}

  record PipelineSlotsReleased(int pipelineId) implements JobMasterEvent {}

  /** The pipeline's next restart is not its fault (lost while the master was down): it is free. */
  record PipelineRestartForgiven(int pipelineId) implements JobMasterEvent {}

  /** Checkpoint {@code checkpointId} of the pipeline's current attempt began. */
  record CheckpointTriggered(int pipelineId, int attempt, long checkpointId) implements JobMasterEvent {}

  /** Every task group acknowledged: the pipeline restores from this checkpoint from now on. */
  record CheckpointCompleted(int pipelineId, int attempt, PipelineCheckpoint checkpoint) implements JobMasterEvent {}

  record JobStatusRecorded(JobStatus status, String error, long time) implements JobMasterEvent {}

  /**
   * Task group {@code id} did not confirm its cancel in time: its pipeline moves on (it counts as
   * cancelled there), but its slot stays held by the job until the task group confirms or its
   * worker is lost, because it may still be running in it.
   */
  record TaskGroupSlotHeld(TaskGroupId id, SlotProfile slot) implements JobMasterEvent {}

  /** The task group of a held slot confirmed it ended, or its worker is gone: the slot is free to release. */
  record HeldSlotReleased(TaskGroupId id) implements JobMasterEvent {}

  /**
   * A job that ended SAVEPOINT_DONE runs again ({@code definition}, as resubmitted): it is PENDING,
   * and each pipeline starts its next attempt from its last completed checkpoint (the savepoint),
   * with a fresh {@code job.retry.times}.
   */
  record JobRestored(JobDefinition definition, long time) implements JobMasterEvent {}
}
