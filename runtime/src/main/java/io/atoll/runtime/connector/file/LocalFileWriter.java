package io.atoll.runtime.connector.file;

import io.atoll.protocol.connector.SinkWriter;
import io.atoll.protocol.connector.WriterContext;
import io.atoll.protocol.data.Row;
import io.atoll.protocol.data.RowType;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one subtask's rows to one file. With {@code is_enable_transaction} (the default) the file
 * grows under {@code path/.atoll-tmp-<job>-<subtask>/p<pipeline>-a<attempt>/} — hidden, so a
 * LocalFile source reading {@code path} skips it — and {@link #finish()} moves it into {@code path}
 * in one atomic rename: readers of {@code path} see all of a subtask's rows or none. {@link #abort()}
 * and a {@link #close()} without finish delete it. Without transactions rows go straight to the
 * final file and stay there on failure. The file is created at the first row: no rows, no file.
 */
final class LocalFileWriter implements SinkWriter {
  private static final Logger LOG = LoggerFactory.getLogger(LocalFileWriter.class);

  private final LocalFileSinkSettings settings;
  private final RecordEncoder encoder;
  private final Path target;
  private final Path tempDir;
  private final Path writeTo;
  private BufferedWriter out;
  private boolean committed;

  LocalFileWriter(LocalFileSinkSettings settings, RowType type, WriterContext context, LocalDateTime now)
      throws IOException {
    this.settings = settings;
    this.encoder = new RecordEncoder(settings, type);
    Files.createDirectories(settings.directory());
    String name = FileNames.fileName(settings, context, now);
    this.target = settings.directory().resolve(name);
    this.tempDir = settings.directory()
        .resolve(".atoll-tmp-" + context.job().jobId() + "-" + context.subtaskIndex())
        .resolve("p" + context.job().pipelineId() + "-a" + context.job().attempt());
    this.writeTo = settings.transactional() ? tempDir.resolve(name) : target;
  }

  /** The file that holds the rows once committed. */
  Path target() {
    return target;
  }

  @Override
  public void write(Row row) throws IOException {
    if (out == null) {
      open();
    }
    out.write(encoder.encode(row));
    out.write(settings.rowDelimiter());
  }

  private void open() throws IOException {
    Files.createDirectories(writeTo.getParent());
    try {
      out = Files.newBufferedWriter(writeTo, settings.charset(), StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE);
    } catch (FileAlreadyExistsException e) {
      throw new FileAlreadyExistsException(writeTo.toString(), null,
          "LocalFile sink: the output file exists already; another writer used this name");
    }
    if (settings.writeHeader() && settings.format() != FileFormat.JSON) {
      out.write(encoder.header());
      out.write(settings.rowDelimiter());
    }
  }

  @Override
  public void finish() throws IOException {
    if (out == null) {
      return;
    }
    closeStream();
    if (settings.transactional()) {
      if (Files.exists(target)) {
        throw new FileAlreadyExistsException(target.toString(), null,
            "LocalFile sink: cannot commit, the target file exists already");
      }
      Files.move(writeTo, target, StandardCopyOption.ATOMIC_MOVE);
      deleteTempDirs();
    }
    committed = true;
    LOG.debug("committed {}", target);
  }

  @Override
  public void abort() throws IOException {
    discard();
  }

  @Override
  public void close() throws IOException {
    if (!committed) {
      discard();
    }
  }

  private void discard() throws IOException {
    try {
      closeStream();
    } finally {
      if (settings.transactional()) {
        Files.deleteIfExists(writeTo);
        deleteTempDirs();
      }
    }
  }

  private void closeStream() throws IOException {
    if (out != null) {
      try {
        out.close();
      } finally {
        out = null;
      }
    }
  }

  /** Removes the attempt's and the subtask's temp directories unless another attempt still uses them. */
  private void deleteTempDirs() throws IOException {
    for (Path dir : new Path[] {tempDir, tempDir.getParent()}) {
      try {
        Files.deleteIfExists(dir);
      } catch (DirectoryNotEmptyException e) {
        LOG.debug("keeping {}: another attempt still writes there", dir);
        return;
      }
    }
  }
}
