package io.atoll.protocol.execution;

import akka.actor.typed.ActorRef;
import io.atoll.protocol.WireMessage;
import java.util.List;
import java.util.Objects;

/**
 * Messages of a worker's TaskExecutor. Send them only to the ref its worker handed out in
 * {@link io.atoll.protocol.resource.SlotProfile#executor()}, never to a path resolved elsewhere: the
 * ref names one incarnation of the actor.
 *
 * <p>The TaskExecutor fences every command as Flink's {@code TaskExecutor.submitTask} does: a deploy
 * is accepted only into a slot of this worker incarnation that its SlotService granted to the job,
 * for an attempt not older than one already deployed here; a cancel, trigger or commit notice only
 * for a task group running here with exactly that id. Refusals are counted (they reach the
 * ResourceManager's {@code fencedCommands}) and answered to the job's JobMaster as described on each
 * message.
 */
public sealed interface TaskExecutorProtocol extends WireMessage, TaskExecutorCommand {
  /**
   * Start a task group. Its state changes go to the job's JobMaster; a refused deploy is answered
   * with a FAILED state change whose error starts with "refused by worker".
   */
  record DeployTaskGroup(TaskGroupDescriptor descriptor) implements TaskExecutorProtocol {
    public DeployTaskGroup {
      Objects.requireNonNull(descriptor, "descriptor");
    }
  }

  /**
   * Stop a task group; it reports CANCELED (or its final state if it ended first). A task group not
   * running here is answered CANCELED "not running on this worker" at once.
   */
  record CancelTaskGroup(TaskGroupId id, String reason) implements TaskExecutorProtocol {}

  /**
   * Start checkpoint {@code checkpointId} at this pipeline's enumerator, which relays it to the
   * readers. Refused (answered FAILED "refused by worker") when that enumerator does not run here.
   */
  record TriggerCheckpoint(TaskGroupId enumerator, long checkpointId) implements TaskExecutorProtocol {}

  /**
   * Checkpoint {@code checkpointId} is persisted by the job master: the reader's sinks commit it.
   * Refused (logged and counted only) when that reader does not run here.
   */
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
