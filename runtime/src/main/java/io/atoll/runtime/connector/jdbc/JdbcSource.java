package io.atoll.runtime.connector.jdbc;

import io.atoll.protocol.connector.EnumeratorContext;
import io.atoll.protocol.connector.ReaderContext;
import io.atoll.protocol.connector.Source;
import io.atoll.protocol.connector.SourceReader;
import io.atoll.protocol.connector.SplitEnumerator;
import io.atoll.protocol.data.RowType;

/** The Jdbc source: a bounded query, split by the enumerator, read by cursor in the readers. */
final class JdbcSource implements Source {
  private final JdbcSourceSettings settings;

  JdbcSource(JdbcSourceSettings settings) {
    this.settings = settings;
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
    return new JdbcEnumerator(settings, context);
  }

  @Override
  public SourceReader createReader(ReaderContext context) {
    return new JdbcReader(settings, context);
  }
}
