package io.atoll.protocol.connector;

import java.util.List;

/**
 * Decides which reader reads which split. Called by the runtime on one thread: never concurrently.
 * Calls may block (e.g. listing files); they run on the task dispatcher, not on an actor thread.
 */
public interface SplitEnumerator extends AutoCloseable {
  void open() throws Exception;

  /** A reader (0-based subtask index) has started. */
  void registerReader(int subtask) throws Exception;

  /** A reader asks for more work: assign splits or signal that there are no more. */
  void handleSplitRequest(int subtask) throws Exception;

  /** Splits a failed reader had not finished come back, to be assigned again. */
  void addSplitsBack(List<SourceSplit> splits, int subtask) throws Exception;

  /**
   * A checkpoint: the splits not handed to any reader yet, to be given to
   * {@link EnumeratorContext#restoredSplits()} when the pipeline is restored from this checkpoint.
   * Splits already assigned are in their reader's state, not here. The runtime calls this between
   * two other calls, never concurrently with one.
   */
  default List<SourceSplit> snapshotState(long checkpointId) throws Exception {
    throw new UnsupportedOperationException(getClass().getName() + " does not support checkpoints");
  }

  @Override
  void close() throws Exception;
}
