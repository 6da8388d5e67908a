package io.atoll.runtime.connector.jdbc;

import io.atoll.protocol.connector.EnumeratorContext;
import io.atoll.protocol.connector.SourceSplit;
import io.atoll.protocol.connector.SplitEnumerator;
import io.atoll.runtime.connector.PendingSplits;
import java.util.List;

/**
 * Plans the splits once (querying the partition column's bounds) and hands them out one per
 * request, so a reader that finishes a small range early takes the next one. Splits of a failed
 * reader go back to the front; a restored enumerator hands out exactly the splits it had not
 * assigned at the checkpoint.
 */
final class JdbcEnumerator implements SplitEnumerator {
  private final JdbcSourceSettings settings;
  private final EnumeratorContext context;
  private final PendingSplits unassigned = new PendingSplits();

  JdbcEnumerator(JdbcSourceSettings settings, EnumeratorContext context) {
    this.settings = settings;
    this.context = context;
  }

  @Override
  public void open() throws Exception {
    if (context.restoredSplits().isPresent()) {
      unassigned.addAll(context.restoredSplits().get());
      return;
    }
    try (JdbcConnections.Tracked connection = JdbcConnections.open(settings.login(), context.resources())) {
      unassigned.addAll(JdbcSplits.plan(settings, connection.connection()));
    }
  }

  @Override
  public void registerReader(int subtask) {
    // splits are handed out on request
  }

  @Override
  public void handleSplitRequest(int subtask) {
    unassigned.handOut(subtask, context);
  }

  @Override
  public void addSplitsBack(List<SourceSplit> splits, int subtask) {
    unassigned.putBack(splits);
  }

  @Override
  public List<SourceSplit> snapshotState(long checkpointId) {
    return unassigned.snapshot();
  }

  @Override
  public void close() {
    unassigned.clear();
  }
}
