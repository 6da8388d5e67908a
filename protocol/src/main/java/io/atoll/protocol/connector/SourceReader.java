package io.atoll.protocol.connector;

import java.util.List;

/**
 * Reads the rows of the splits it is given. The runtime calls {@link #pollNext} over and over on
 * the task dispatcher; each call should emit a bounded number of rows (a batch) and return, so the
 * task stays responsive to cancellation. A bounded reader calls
 * {@link ReaderContext#signalNoMoreElement()} once it has read everything and knows no more splits
 * will come.
 *
 * <p>When a pipeline is restored from a checkpoint, its readers are given the splits of their
 * {@link #snapshotState} with {@link #addSplits} before {@link #open}.
 */
public interface SourceReader extends AutoCloseable {
  void open() throws Exception;

  void addSplits(List<SourceSplit> splits);

  /** The enumerator has no more splits for this reader. */
  void handleNoMoreSplits();

  void pollNext(Collector collector) throws Exception;

  /**
   * A checkpoint: the splits this reader holds and has not finished, each carrying how far it has
   * been read (in its attributes), such that a reader given them with {@link #addSplits} after a
   * restore emits exactly the rows not emitted before this call. Called between two
   * {@link #pollNext} calls.
   */
  default List<SourceSplit> snapshotState(long checkpointId) throws Exception {
    throw new UnsupportedOperationException(getClass().getName() + " does not support checkpoints");
  }

  @Override
  void close() throws Exception;
}
