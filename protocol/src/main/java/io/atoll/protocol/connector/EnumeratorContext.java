package io.atoll.protocol.connector;

import java.util.List;
import java.util.Optional;

/** What a {@link SplitEnumerator} can do: hand splits to readers and tell them when work is over. */
public interface EnumeratorContext {
  JobContext job();

  /** How many readers the pipeline runs. */
  int parallelism();

  void assignSplits(int subtask, List<SourceSplit> splits);

  /** This reader gets no more splits; a bounded reader then finishes what it has. */
  void signalNoMoreSplits(int subtask);

  /**
   * Present when the pipeline is restored from a checkpoint: the splits that were not assigned at
   * that checkpoint. The enumerator must then hand out exactly these (and not list its input
   * again), because every other split is already in some reader's restored state.
   */
  default Optional<List<SourceSplit>> restoredSplits() {
    return Optional.empty();
  }

  /**
   * Where this plugin instance registers the files, connections, threads and temp files it holds,
   * so that what it still holds when its task ends is reported as a leak with its allocation site.
   */
  default ResourceScope resources() {
    return ResourceScope.UNTRACKED;
  }
}
