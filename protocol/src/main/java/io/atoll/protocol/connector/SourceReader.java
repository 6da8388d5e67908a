package io.atoll.protocol.connector;

import java.util.List;

/**
 * Reads the rows of the splits it is given. The runtime calls {@link #pollNext} over and over on
 * the task dispatcher; each call should emit a bounded number of rows (a batch) and return, so the
 * task stays responsive to cancellation. A bounded reader calls
 * {@link ReaderContext#signalNoMoreElement()} once it has read everything and knows no more splits
 * will come.
 */
public interface SourceReader extends AutoCloseable {
  void open() throws Exception;

  void addSplits(List<SourceSplit> splits);

  /** The enumerator has no more splits for this reader. */
  void handleNoMoreSplits();

  void pollNext(Collector collector) throws Exception;

  @Override
  void close() throws Exception;
}
