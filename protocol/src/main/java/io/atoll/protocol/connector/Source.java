package io.atoll.protocol.connector;

import io.atoll.protocol.data.RowType;

/**
 * A source: the schema it produces, whether it ends, and how its work is split. The runtime runs
 * one {@link SplitEnumerator} per pipeline (in a worker slot) and {@code parallelism} readers; the
 * readers ask the enumerator for splits.
 */
public interface Source {
  RowType producedType();

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
