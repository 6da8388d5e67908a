package io.atoll.runtime.connector;

import io.atoll.protocol.connector.ReaderContext;
import io.atoll.protocol.connector.SourceSplit;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * A reader's side of {@link PendingSplits}: the splits it was given and not started, with at most
 * one request for more in flight. When it runs dry it asks again, or, once told there are no more,
 * signals the end of its input exactly once.
 */
public final class SplitInbox {
  private final ReaderContext context;
  private final Deque<SourceSplit> splits = new ArrayDeque<>();
  private boolean requestOutstanding;
  private boolean noMoreSplits;
  private boolean finished;

  public SplitInbox(ReaderContext context) {
    this.context = context;
  }

  /** Asks for the first split. */
  public void open() {
    request();
  }

  public void add(List<SourceSplit> newSplits) {
    splits.addAll(newSplits);
    requestOutstanding = false;
  }

  public void noMoreSplits() {
    noMoreSplits = true;
    requestOutstanding = false;
  }

  /** The next split, or null: then more are asked for, or the input's end is signalled. */
  public SourceSplit next() {
    SourceSplit next = splits.poll();
    if (next == null) {
      if (noMoreSplits && !finished) {
        finished = true;
        context.signalNoMoreElement();
      } else if (!noMoreSplits) {
        request();
      }
    }
    return next;
  }

  /** The splits not started, for a checkpoint. */
  public List<SourceSplit> waiting() {
    return List.copyOf(splits);
  }

  public void clear() {
    splits.clear();
  }

  private void request() {
    if (!requestOutstanding) {
      requestOutstanding = true;
      context.sendSplitRequest();
    }
  }
}
