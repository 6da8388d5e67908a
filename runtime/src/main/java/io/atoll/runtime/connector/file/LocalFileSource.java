package io.atoll.runtime.connector.file;

import io.atoll.protocol.connector.EnumeratorContext;
import io.atoll.protocol.connector.ReaderContext;
import io.atoll.protocol.connector.Source;
import io.atoll.protocol.connector.SourceReader;
import io.atoll.protocol.connector.SplitEnumerator;
import io.atoll.protocol.data.RowType;

/** The LocalFile source: files listed by the enumerator, read line by line by the readers. */
final class LocalFileSource implements Source {
  private final LocalFileSourceSettings settings;

  LocalFileSource(LocalFileSourceSettings settings) {
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
    return new LocalFileEnumerator(settings.path(), settings.fileFilter(), context);
  }

  @Override
  public SourceReader createReader(ReaderContext context) {
    return new LocalFileReader(settings, context);
  }
}
