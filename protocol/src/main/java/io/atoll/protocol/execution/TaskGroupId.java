package io.atoll.protocol.execution;

import io.atoll.protocol.WireMessage;

/**
 * Names one task group of one attempt of one pipeline. {@code index} is 0 for the enumerator and
 * 1..parallelism for the readers (subtask = index - 1). Reports carry it so a job master can tell
 * a report of the current attempt from a late one of an earlier attempt.
 */
public record TaskGroupId(long jobId, int pipelineId, int attempt, int index) implements WireMessage {
  public TaskGroupKind kind() {
    return index == 0 ? TaskGroupKind.ENUMERATOR : TaskGroupKind.READER;
  }

  @Override
  public String toString() {
    return "job-" + jobId + "-p" + pipelineId + "-a" + attempt + "-tg" + index;
  }
}
