package io.atoll.protocol.connector;

import java.util.List;

/** Where a {@link SinkWriter} runs. */
public interface WriterContext {
  JobContext job();

  int subtaskIndex();

  int parallelism();

  /**
   * This writer's place among the writers of its task (0-based: the job's sinks in order, a sink's
   * per-table writers in its tables' order); the same after a restore. Tells apart the output of
   * several writers of one subtask (e.g. their transaction ids).
   */
  default int writerIndex() {
    return 0;
  }

  /**
   * The {@link SinkWriter#snapshotState} of this subtask's writer at the checkpoint the pipeline
   * is restored from; empty on a fresh start. That checkpoint completed, so a restored writer must
   * commit what it lists (idempotently) and discard any other uncommitted output of its subtask.
   */
  default List<String> restoredState() {
    return List.of();
  }

  /**
   * Where this plugin instance registers the files, connections, threads and temp files it holds,
   * so that what it still holds when its task ends is reported as a leak with its allocation site.
   */
  default ResourceScope resources() {
    return ResourceScope.UNTRACKED;
  }
}
