package io.atoll.runtime.connector.file;

import io.atoll.protocol.connector.EnumeratorContext;
import io.atoll.protocol.connector.ReaderContext;
import io.atoll.protocol.connector.Source;
import io.atoll.protocol.connector.SourceReader;
import io.atoll.protocol.connector.SplitEnumerator;
import io.atoll.protocol.data.CatalogTable;
import io.atoll.protocol.data.RowType;
import java.util.List;

/**
 * The LocalFile source: files listed by the enumerator, read line by line by the readers. With
 * {@code tables_configs}, each table's own path, format and schema, rows carrying its id.
 */
final class LocalFileSource implements Source {
  /** One table: its id (null for a single-table source) and settings. */
  record Table(String id, LocalFileSourceSettings settings) {}

  private final List<Table> tables;

  LocalFileSource(LocalFileSourceSettings settings) {
    this(List.of(new Table(null, settings)));
  }

  LocalFileSource(List<Table> tables) {
    this.tables = List.copyOf(tables);
  }

  @Override
  public RowType producedType() {
    return tables.get(0).settings().rowType();
  }

  @Override
  public List<CatalogTable> producedTables() {
    if (tables.get(0).id() == null) {
      return List.of();
    }
    return tables.stream().map(t -> new CatalogTable(t.id(), t.settings().rowType())).toList();
  }

  @Override
  public Boundedness boundedness() {
    return Boundedness.BOUNDED;
  }

  @Override
  public SplitEnumerator createEnumerator(EnumeratorContext context) {
    return new LocalFileEnumerator(tables.stream().map(Table::settings).toList(), context);
  }

  @Override
  public SourceReader createReader(ReaderContext context) {
    return new LocalFileReader(tables, context);
  }
}
