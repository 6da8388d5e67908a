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
}
