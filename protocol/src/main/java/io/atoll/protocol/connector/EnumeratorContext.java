package io.atoll.protocol.connector;

import java.util.List;

/** What a {@link SplitEnumerator} can do: hand splits to readers and tell them when work is over. */
public interface EnumeratorContext {
  JobContext job();

  /** How many readers the pipeline runs. */
  int parallelism();

  void assignSplits(int subtask, List<SourceSplit> splits);

  /** This reader gets no more splits; a bounded reader then finishes what it has. */
  void signalNoMoreSplits(int subtask);
}
