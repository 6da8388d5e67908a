package io.atoll.runtime.connector.fake;

import io.atoll.protocol.connector.EnumeratorContext;
import io.atoll.protocol.connector.ReaderContext;
import io.atoll.protocol.connector.Source;
import io.atoll.protocol.connector.SourceReader;
import io.atoll.protocol.connector.SplitEnumerator;
import io.atoll.protocol.data.CatalogTable;
import io.atoll.protocol.data.RowType;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * FakeSource: bounded, row.num rows per reader, deterministic per split and offset. With
 * {@code tables_configs}, the rows of each table, carrying its id.
 */
final class FakeSource implements Source {
  private final List<FakeTable> tables;
  private final LongSupplier nanoClock;
  private final Clock clock;

  FakeSource(List<FakeTable> tables, LongSupplier nanoClock, Clock clock) {
    this.tables = List.copyOf(tables);
    this.nanoClock = nanoClock;
    this.clock = clock;
  }

  @Override
  public RowType producedType() {
    return tables.get(0).settings().rowType();
  }

  /** Its tables with their ids and declared keys (a single table's id may be null). */
  @Override
  public List<CatalogTable> producedTables() {
    return tables.stream().map(FakeTable::table).toList();
  }

  @Override
  public Boundedness boundedness() {
    return Boundedness.BOUNDED;
  }

  @Override
  public SplitEnumerator createEnumerator(EnumeratorContext context) {
    return new FakeEnumerator(tables.stream().map(FakeTable::settings).toList(), context,
        LocalDate.now(clock).getYear());
  }

  /** As SeaTunnel's reader: the shortest {@code split.read-interval} of the tables paces them all. */
  @Override
  public SourceReader createReader(ReaderContext context) {
    List<FakeReader.Table> readers = tables.stream()
        .map(t -> new FakeReader.Table(t.id(), new FakeRowGenerator(t.settings()))).toList();
    long interval = tables.stream().mapToLong(t -> t.settings().readIntervalMillis()).min().orElse(0);
    return new FakeReader(context, readers, interval, nanoClock);
  }
}
