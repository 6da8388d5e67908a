package io.atoll.runtime.connector.fake;

import io.atoll.protocol.connector.EnumeratorContext;
import io.atoll.protocol.connector.SourceSplit;
import io.atoll.protocol.connector.SplitEnumerator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Makes every split up front, SeaTunnel's layout: reader {@code r} of {@code P} owns splits
 * {@code r, r + P, r + 2P, ...}, which share its {@code row.num} rows ({@code ceil(row.num /
 * split.num)} each, the last one shorter). When a reader asks, it receives all of its splits and
 * "no more splits" at once; splits given back after a failure wait for that reader to ask again.
 * With fixed {@code rows}, each reader owns one split holding all of them. Its checkpoint is the
 * splits no reader has asked for yet. With several tables ({@code tables_configs}) each table is
 * split so, one table after the other.
 */
final class FakeEnumerator implements SplitEnumerator {
  private final List<FakeSettings> tables;
  private final EnumeratorContext context;
  private final int year;
  private final Map<Integer, List<SourceSplit>> pending = new HashMap<>();

  FakeEnumerator(FakeSettings settings, EnumeratorContext context, int year) {
    this(List.of(settings), context, year);
  }

  FakeEnumerator(List<FakeSettings> tables, EnumeratorContext context, int year) {
    this.tables = List.copyOf(tables);
    this.context = context;
    this.year = year;
  }

  @Override
  public void open() {
    int readers = context.parallelism();
    if (context.restoredSplits().isPresent()) {
      // restored: only what no reader had yet, to the reader that owns it
      for (SourceSplit split : context.restoredSplits().get()) {
        pending.computeIfAbsent(FakeSplit.of(split).index() % readers, r -> new ArrayList<>()).add(split);
      }
      return;
    }
    for (int reader = 0; reader < readers; reader++) {
      for (int table = 0; table < tables.size(); table++) {
        for (FakeSplit split : splitsOf(tables.get(table), table, reader, readers)) {
          pending.computeIfAbsent(reader, r -> new ArrayList<>()).add(split.toSourceSplit());
        }
      }
    }
  }

  private List<FakeSplit> splitsOf(FakeSettings settings, int table, int reader, int readers) {
    List<FakeSplit> splits = new ArrayList<>();
    if (settings.fixedRows() != null) {
      if (!settings.fixedRows().isEmpty()) {
        splits.add(new FakeSplit(reader, 0, settings.fixedRows().size(), year, table));
      }
      return splits;
    }
    long rows = settings.rowNum();
    long perSplit = (rows + settings.splitNum() - 1) / settings.splitNum();
    int index = reader;
    for (long done = 0; done < rows; done += perSplit, index += readers) {
      splits.add(new FakeSplit(index, 0, Math.min(perSplit, rows - done), year, table));
    }
    return splits;
  }

  @Override
  public void registerReader(int subtask) {
    // splits are handed over when the reader asks for them
  }

  @Override
  public void handleSplitRequest(int subtask) {
    List<SourceSplit> splits = pending.remove(subtask);
    if (splits != null && !splits.isEmpty()) {
      context.assignSplits(subtask, List.copyOf(splits));
    }
    context.signalNoMoreSplits(subtask);
  }

  @Override
  public void addSplitsBack(List<SourceSplit> splits, int subtask) {
    pending.computeIfAbsent(subtask, r -> new ArrayList<>()).addAll(splits);
  }

  @Override
  public List<SourceSplit> snapshotState(long checkpointId) {
    List<SourceSplit> unassigned = new ArrayList<>();
    pending.values().forEach(unassigned::addAll);
    return unassigned;
  }

  @Override
  public void close() {
    pending.clear();
  }
}
