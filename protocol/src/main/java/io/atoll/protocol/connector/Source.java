package io.atoll.protocol.connector;

import io.atoll.protocol.data.CatalogTable;
import io.atoll.protocol.data.RowType;
import java.util.List;

/**
 * A source: the schema it produces, whether it ends, and how its work is split. The runtime runs
 * one {@link SplitEnumerator} per pipeline (in a worker slot) and {@code parallelism} readers; the
 * readers ask the enumerator for splits.
 */
public interface Source {
  /** The schema of the rows; for a multi-table source, its first table's. */
  RowType producedType();

  /**
   * The tables a multi-table source (SeaTunnel's {@code tables_configs}) produces, in order, each
   * with its id; its rows carry their table's id. Empty (the default): one table of
   * {@link #producedType()}, rows carry no table id.
   */
  default List<CatalogTable> producedTables() {
    return List.of();
  }

  Boundedness boundedness();

  SplitEnumerator createEnumerator(EnumeratorContext context);

  SourceReader createReader(ReaderContext context);

  enum Boundedness {
    /** Ends by itself (BATCH). */
    BOUNDED,
    /** Runs until the job is cancelled (STREAMING). */
    UNBOUNDED
  }
}
