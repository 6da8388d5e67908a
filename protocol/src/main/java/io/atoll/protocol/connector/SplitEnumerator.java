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

  @Override
  void close() throws Exception;
}
