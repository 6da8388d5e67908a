package io.atoll.runtime.connector.fake;

import io.atoll.protocol.connector.Collector;
import io.atoll.protocol.connector.ReaderContext;
import io.atoll.protocol.connector.SourceReader;
import io.atoll.protocol.connector.SourceSplit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Emits the rows of its splits, at most {@link #BATCH} per {@link #pollNext}. After a split it
 * waits {@code split.read-interval} before the next one — not by sleeping (this runs on a shared
 * task thread) but by remembering when the next split may start and emitting nothing until then.
 * In a STREAMING job it stays running, idle, once its rows are out (as SeaTunnel's does), so the
 * job runs until it is cancelled. Its checkpoint is each unfinished split from the next row on; rows depend only on (split, row
 * offset), so a restored reader emits exactly the rows it had not emitted.
 */
final class FakeReader implements SourceReader {
  static final int BATCH = 1000;

  private final ReaderContext context;
  private final List<Table> tables;
  private final long intervalNanos;
  private final LongSupplier nanoClock;
  private final Deque<FakeSplit> splits = new ArrayDeque<>();
  private FakeSplit current;
  private long offset;
  private boolean waitBeforeNext;
  private long nextSplitAt;
  private boolean noMoreSplits;
  private boolean finished;

  /** One table's generator, and the id its rows carry (null: the source's only table). */
  record Table(String id, FakeRowGenerator generator) {}

  FakeReader(ReaderContext context, FakeRowGenerator generator, long intervalMillis, LongSupplier nanoClock) {
    this(context, List.of(new Table(null, generator)), intervalMillis, nanoClock);
  }

  FakeReader(ReaderContext context, List<Table> tables, long intervalMillis, LongSupplier nanoClock) {
    this.context = context;
    this.tables = List.copyOf(tables);
    this.intervalNanos = TimeUnit.MILLISECONDS.toNanos(intervalMillis);
    this.nanoClock = nanoClock;
  }

  @Override
  public void open() {
    context.sendSplitRequest();
  }

  @Override
  public void addSplits(List<SourceSplit> newSplits) {
    for (SourceSplit split : newSplits) {
      splits.add(FakeSplit.of(split));
    }
  }

  @Override
  public void handleNoMoreSplits() {
    noMoreSplits = true;
  }

  @Override
  public void pollNext(Collector collector) {
    if (current == null && !startNext()) {
      return;
    }
    Table table = tables.get(current.table());
    for (int n = 0; n < BATCH && offset < current.count(); n++, offset++) {
      collector.collect(table.generator().row(current, offset).withTable(table.id()));
    }
    if (offset >= current.count()) {
      current = null;
      waitBeforeNext = intervalNanos > 0;
      nextSplitAt = nanoClock.getAsLong() + intervalNanos;
    }
  }

  private boolean startNext() {
    if (splits.isEmpty()) {
      // SeaTunnel's FakeSource: in a STREAMING job the reader stays up after its rows, idle
      if (noMoreSplits && !finished && !context.job().streaming()) {
        finished = true;
        context.signalNoMoreElement();
      }
      return false;
    }
    if (waitBeforeNext && nanoClock.getAsLong() - nextSplitAt < 0) {
      return false;
    }
    current = splits.poll();
    offset = current.start();
    waitBeforeNext = false;
    return true;
  }

  /** The split being read, from the next row on, then the splits not started. */
  @Override
  public List<SourceSplit> snapshotState(long checkpointId) {
    List<SourceSplit> state = new ArrayList<>();
    if (current != null) {
      state.add(current.resumeAt(offset).toSourceSplit());
    }
    for (FakeSplit split : splits) {
      state.add(split.toSourceSplit());
    }
    return state;
  }

  @Override
  public void close() {
    splits.clear();
    current = null;
  }
}
