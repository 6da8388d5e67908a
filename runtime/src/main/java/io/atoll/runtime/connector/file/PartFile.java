package io.atoll.runtime.connector.file;

import io.atoll.protocol.connector.ResourceScope;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;

/**
 * One file the LocalFile sink is writing: a temp file (transactional) or the final file, for one
 * partition directory and part number, counting its rows against {@code batch_size}.
 */
final class PartFile {
  private final Path file;
  private final String partitionDir;
  private final int part;
  private final LocalDateTime openedAt;
  private BufferedWriter out;
  /** The open stream, as the task group's resource scope holds it ("file"). */
  private ResourceScope.Held held;
  private long rows;

  PartFile(Path file, String partitionDir, int part, LocalDateTime openedAt, LocalFileSinkSettings settings,
      ResourceScope resources) throws IOException {
    this.file = file;
    this.partitionDir = partitionDir;
    this.part = part;
    this.openedAt = openedAt;
    try {
      this.out = new BufferedWriter(new OutputStreamWriter(settings.compression().wrap(
          Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)), settings.charset()));
    } catch (FileAlreadyExistsException e) {
      throw new FileAlreadyExistsException(file.toString(), null,
          "LocalFile sink: the output file exists already; another writer used this name");
    }
    this.held = resources.hold("file", file.toString(), out);
  }

  /** Writes text that is not a record (the header). */
  void writeRaw(String text) throws IOException {
    out.write(text);
  }

  /** Writes one record with its delimiter; true when the file now holds {@code batchSize} rows. */
  boolean writeRecord(String record, String rowDelimiter, long batchSize) throws IOException {
    out.write(record);
    out.write(rowDelimiter);
    return ++rows >= batchSize;
  }

  void flush() throws IOException {
    if (out != null) {
      out.flush();
    }
  }

  void close() throws IOException {
    if (out != null) {
      try {
        out.close();
      } finally {
        out = null;
        held.release();
      }
    }
  }

  Path file() {
    return file;
  }

  String partitionDir() {
    return partitionDir;
  }

  int part() {
    return part;
  }

  LocalDateTime openedAt() {
    return openedAt;
  }
}
