package io.atoll.runtime.worker.execution;

import akka.actor.NoSerializationVerificationNeeded;
import io.atoll.protocol.execution.EnumeratorCommand;
import io.atoll.protocol.execution.ReaderCommand;

/**
 * What the TaskExecutor tells a task group it runs, after it checked the command against what runs
 * here. Local to the worker: the wire commands ({@code TaskExecutorProtocol}) stop at the TaskExecutor.
 */
sealed interface TaskGroupCommand extends EnumeratorCommand, ReaderCommand, NoSerializationVerificationNeeded {

  /** Stop; report CANCELED with the reason. */
  record Cancel(String reason) implements TaskGroupCommand {}

  /** For an enumerator: take part in checkpoint {@code checkpointId} and relay its barrier to the readers. */
  record TriggerCheckpoint(long checkpointId) implements TaskGroupCommand {}

  /** For a reader: the JobMaster persisted this checkpoint; commit it. */
  record CheckpointComplete(long checkpointId) implements TaskGroupCommand {}
}
