package io.atoll.runtime.connector;

import io.atoll.protocol.connector.EnumeratorContext;
import io.atoll.protocol.connector.SourceSplit;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.List;

/**
 * An enumerator's splits not handed out yet, given one at a time to the reader that asks, so a
 * fast reader takes more (LocalFile's files, Jdbc's ranges). Splits given back by a failed reader
 * go first; what is left is the enumerator's checkpoint state.
 */
public final class PendingSplits {
  private final Deque<SourceSplit> unassigned = new ArrayDeque<>();

  public void add(SourceSplit split) {
    unassigned.add(split);
  }

  public void addAll(Collection<SourceSplit> splits) {
    unassigned.addAll(splits);
  }

  /** One split to the reader {@code subtask}, or the news that there are no more. */
  public void handOut(int subtask, EnumeratorContext context) {
    SourceSplit next = unassigned.poll();
    if (next == null) {
      context.signalNoMoreSplits(subtask);
    } else {
      context.assignSplits(subtask, List.of(next));
    }
  }

  /** Splits a reader had not finished, in their order, ahead of the others. */
  public void putBack(List<SourceSplit> splits) {
    for (int i = splits.size() - 1; i >= 0; i--) {
      unassigned.addFirst(splits.get(i));
    }
  }

  public List<SourceSplit> snapshot() {
    return List.copyOf(unassigned);
  }

  public void clear() {
    unassigned.clear();
  }
}
