package io.atoll.runtime.master.job;

import akka.actor.NoSerializationVerificationNeeded;
import io.atoll.protocol.execution.JobMasterCommand;
import io.atoll.protocol.execution.TaskGroupId;
import io.atoll.protocol.resource.SlotReply;
import java.util.List;

/**
 * Messages a JobMaster sends itself: timer ticks and adapted replies. They never leave the JVM, so
 * they skip serialization checks and have no Kryo id.
 */
sealed interface JobMasterInternal extends JobMasterCommand, NoSerializationVerificationNeeded {
  /** The ResourceManager's answer to a slot request; {@code failure} set when none came. */
  record SlotAnswer(int pipelineId, int attempt, SlotReply reply, String failure) implements JobMasterInternal {}

  /** WAIT strategy: ask for the pipeline's slots again. */
  record RetrySlots(int pipelineId, int attempt) implements JobMasterInternal {}

  /** job.retry.interval.seconds after a failed attempt stopped: start the next one. */
  record RestartPipeline(int pipelineId) implements JobMasterInternal {}

  /** The task groups of a stopping attempt had cancel-timeout to confirm. */
  record CancelTimedOut(int pipelineId, int attempt) implements JobMasterInternal {}

  /** Cancel again the task groups whose slots are held because they never confirmed. */
  record ResendCancels() implements JobMasterInternal {}

  /**
   * A worker's answer to "which of this job's task groups run here?" after a master restart.
   * {@code answered} false: the query timed out (the worker incarnation is gone).
   */
  record TaskGroupsFound(int pipelineId, int attempt, String worker, long sequence, List<TaskGroupId> running,
      boolean answered) implements JobMasterInternal {
    public TaskGroupsFound {
      running = List.copyOf(running);
    }
  }

  /** Sent to itself after recovery, so that what a recovered job needs is decided as a command. */
  record Resume() implements JobMasterInternal {}

  record CheckpointTick(int pipelineId, int attempt) implements JobMasterInternal {}

  record CheckpointTimedOut(int pipelineId, int attempt, long checkpointId) implements JobMasterInternal {}

  /** Periodic: look for task groups silent past atoll.job.task-report-timeout. */
  record CheckReports() implements JobMasterInternal {}
}
