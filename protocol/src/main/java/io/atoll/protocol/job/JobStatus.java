package io.atoll.protocol.job;

import io.atoll.protocol.WireMessage;

/** The states of a job, a pipeline and a task group, with SeaTunnel's names. */
public enum JobStatus implements WireMessage {
  CREATED,
  PENDING,
  SCHEDULED,
  RUNNING,
  FAILING,
  FAILED,
  CANCELING,
  CANCELED,
  FINISHED;

  public boolean isTerminal() {
    return this == FAILED || this == CANCELED || this == FINISHED;
  }
}
