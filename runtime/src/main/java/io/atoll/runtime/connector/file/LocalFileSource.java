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
  /** One table: its id (null for an unnamed single table), schema and keys, and settings. */
  record Table(CatalogTable table, LocalFileSourceSettings settings) {
    String id() {
      return table.id();
    }
  }

  private final List<Table> tables;

  LocalFileSource(LocalFileSourceSettings settings) {
    this(List.of(new Table(CatalogTable.only(settings.rowType()), settings)));
  }

  LocalFileSource(List<Table> tables) {
    this.tables = List.copyOf(tables);
  }

  @Override
  public RowType producedType() {
    return tables.get(0).settings().rowType();
  }

  /** Its tables with their ids and declared keys (a single table's id may be null). */
  @Override
  public List<CatalogTable> producedTables() {
    return tables.stream().map(Table::table).toList();
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
