package io.atoll.protocol.job;

import io.atoll.protocol.WireMessage;

/**
 * The states of a job, a pipeline and a task group, with SeaTunnel's names. Journalled by ordinal:
 * new states go at the end.
 */
public enum JobStatus implements WireMessage {
  CREATED,
  PENDING,
  SCHEDULED,
  RUNNING,
  FAILING,
  FAILED,
  CANCELING,
  CANCELED,
  FINISHED,
  /** A job being stopped with a savepoint: its final checkpoint is under way (never a pipeline's state). */
  DOING_SAVEPOINT,
  /** A job stopped after its savepoint completed; a submit with its id and isStartWithSavePoint restores it. */
  SAVEPOINT_DONE;

  public boolean isTerminal() {
    return this == FAILED || this == CANCELED || this == FINISHED || this == SAVEPOINT_DONE;
  }
}
