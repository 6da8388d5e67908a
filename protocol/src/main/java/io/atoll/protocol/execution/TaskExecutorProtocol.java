package io.atoll.protocol.execution;

import akka.actor.typed.ActorRef;
import io.atoll.protocol.WireMessage;
import java.util.List;
import java.util.Objects;

/** Messages of a worker's TaskExecutor (at {@code /user/task-executor} on every worker node). */
public sealed interface TaskExecutorProtocol extends WireMessage {
  /** Start a task group. Its state changes go to the job's JobMaster. */
  record DeployTaskGroup(TaskGroupDescriptor descriptor) implements TaskExecutorProtocol {
    public DeployTaskGroup {
      Objects.requireNonNull(descriptor, "descriptor");
    }
  }

  /** Stop a task group; it reports CANCELED (or its final state if it ended first). */
  record CancelTaskGroup(TaskGroupId id, String reason) implements TaskExecutorProtocol {}

  /** Start checkpoint {@code checkpointId} at this pipeline's enumerator, which relays it to the readers. */
  record TriggerCheckpoint(TaskGroupId enumerator, long checkpointId) implements TaskExecutorProtocol {}

  /** Checkpoint {@code checkpointId} is persisted by the job master: the reader's sinks commit it. */
  record NotifyCheckpointComplete(TaskGroupId reader, long checkpointId) implements TaskExecutorProtocol {}

  /**
   * Which task groups of this job run here? Asked by a JobMaster recovering after a master restart:
   * running ones are adopted, the others are restarted.
   */
  record QueryTaskGroups(long jobId, ActorRef<TaskGroupsRunning> replyTo) implements TaskExecutorProtocol {}

  record TaskGroupsRunning(String worker, List<TaskGroupId> running) implements WireMessage {
    public TaskGroupsRunning {
      running = List.copyOf(running);
    }
  }
}
