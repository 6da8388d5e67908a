package io.atoll.protocol.connector;

import java.util.List;

/** Where a {@link SinkWriter} runs. */
public interface WriterContext {
  JobContext job();

  int subtaskIndex();

  int parallelism();

  /**
   * The {@link SinkWriter#snapshotState} of this subtask's writer at the checkpoint the pipeline
   * is restored from; empty on a fresh start. That checkpoint completed, so a restored writer must
   * commit what it lists (idempotently) and discard any other uncommitted output of its subtask.
   */
  default List<String> restoredState() {
    return List.of();
  }
}
