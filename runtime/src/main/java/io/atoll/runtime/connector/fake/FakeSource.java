package io.atoll.runtime.connector.fake;

import io.atoll.protocol.connector.EnumeratorContext;
import io.atoll.protocol.connector.ReaderContext;
import io.atoll.protocol.connector.Source;
import io.atoll.protocol.connector.SourceReader;
import io.atoll.protocol.connector.SplitEnumerator;
import io.atoll.protocol.data.RowType;
import java.time.Clock;
import java.time.LocalDate;
import java.util.function.LongSupplier;

/** FakeSource: bounded, row.num rows per reader, deterministic per split and offset. */
final class FakeSource implements Source {
  private final FakeSettings settings;
  private final LongSupplier nanoClock;
  private final Clock clock;

  FakeSource(FakeSettings settings, LongSupplier nanoClock, Clock clock) {
    this.settings = settings;
    this.nanoClock = nanoClock;
    this.clock = clock;
  }

  @Override
  public RowType producedType() {
    return settings.rowType();
  }

  @Override
  public Boundedness boundedness() {
    return Boundedness.BOUNDED;
  }

  @Override
  public SplitEnumerator createEnumerator(EnumeratorContext context) {
    return new FakeEnumerator(settings, context, LocalDate.now(clock).getYear());
  }

  @Override
  public SourceReader createReader(ReaderContext context) {
    return new FakeReader(context, new FakeRowGenerator(settings), settings.readIntervalMillis(), nanoClock);
  }
}
