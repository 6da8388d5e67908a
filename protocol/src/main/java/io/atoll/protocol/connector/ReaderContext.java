package io.atoll.protocol.connector;

/** What a {@link SourceReader} can do besides emitting rows. */
public interface ReaderContext {
  JobContext job();

  int subtaskIndex();

  int parallelism();

  /** Ask the enumerator for splits; the answer arrives as {@code addSplits} or {@code handleNoMoreSplits}. */
  void sendSplitRequest();

  /** This (bounded) reader is done: every split is read and no more will come. */
  void signalNoMoreElement();

  /**
   * Where this plugin instance registers the files, connections, threads and temp files it holds,
   * so that what it still holds when its task ends is reported as a leak with its allocation site.
   */
  default ResourceScope resources() {
    return ResourceScope.UNTRACKED;
  }
}
