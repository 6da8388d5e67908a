package io.atoll.runtime.connector.file;

import io.atoll.protocol.connector.ResourceScope;
import io.atoll.protocol.connector.SinkWriter;
import io.atoll.protocol.connector.WriterContext;
import io.atoll.protocol.data.Row;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one subtask's rows. With {@code is_enable_transaction} (the default) it is exactly-once, a
 * two-phase commit tied to checkpoints:
 *
 * <ul>
 *   <li>rows go to a temp file in {@code path/.atoll-tmp/T_<job>_<pipeline>_<subtask>/} (hidden, so
 *       a LocalFile source reading {@code path} skips it; below {@code tmp_path} if set, see
 *       {@link StagingRoot}), created at the first row after a checkpoint;
 *   <li>at checkpoint N, {@link #snapshotState} closes that file and records it as prepared for N
 *       under its final name {@code T_<job>_<pipeline>_<subtask>_<N>}; the state lists every
 *       prepared, uncommitted file;
 *   <li>when N is complete, {@link #notifyCheckpointComplete} moves the files prepared up to N into
 *       {@code path}, each in one atomic rename;
 *   <li>a writer restored from checkpoint N first commits what N lists (a rename already done is
 *       recognised: temp gone, target there), then deletes every other temp file of its subtask —
 *       output written after N, which the restored pipeline writes again, and leftovers of earlier
 *       attempts.
 * </ul>
 *
 * Temp files are named {@code a<attempt>-<sequence>.tmp} inside the subtask's own directory, so
 * what a writer deletes is always its own job's, pipeline's and subtask's: other jobs and subtasks
 * live in other directories, and committed files are never below {@code .atoll-tmp}.
 *
 * <p>Cleaning up, by how the writer ends:
 *
 * <ul>
 *   <li>{@link #abort()} (the task failed) deletes the file being written but keeps prepared ones:
 *       their checkpoint may have completed without this writer hearing of it yet (the notice can
 *       sit in the mailbox behind the failure), and then the restored writer commits them. The
 *       restore deletes the rest.
 *   <li>{@link #cancel()} deletes everything it has not committed, prepared files included: the
 *       JobMaster sends a checkpoint's completion notice before any later cancel, on the same
 *       ordered connection, so a prepared file still uncommitted at the cancel belongs to no
 *       completed checkpoint.
 *   <li>every commit and {@link #close()} also delete leftovers of earlier attempts of this
 *       subtask: once this attempt has restored, nothing reads them again, and a late old attempt
 *       (one whose cancel was not confirmed in time) may still have created some after the restore.
 * </ul>
 *
 * With {@code partition_by} a writer has a file open per partition directory, and with
 * {@code batch_size} a full file is closed and the next row starts the next part; each such file
 * is one more temp file, prepared at the next checkpoint under {@code <partition dir>/<name>_<part>}
 * (see {@link SinkLayout}, {@link FileNames}); the commit creates the partition directory.
 *
 * <p>When the pipeline ends without a restore (its job FAILED, was CANCELED or SAVEPOINT_DONE), the
 * master commits what the last completed checkpoint lists and deletes the rest
 * ({@link LocalFileSettlement}): the state entries ({@link PreparedEntry}) name their directories
 * for that.
 *
 * <p>A finished writer has committed everything and leaves nothing. Without transactions rows go
 * straight to one file per attempt and stay there on failure (at-least-once after a restore).
 */
final class LocalFileWriter implements SinkWriter {
  private static final Logger LOG = LoggerFactory.getLogger(LocalFileWriter.class);
  static final String TEMP_ROOT = ".atoll-tmp";
  /** {@code a<attempt>-<sequence>.tmp}, see {@link #open()}. */
  static final Pattern TEMP_NAME = Pattern.compile("a(\\d+)-\\d+\\.tmp");

  /**
   * A file written and closed at checkpoint {@code checkpointId}, to be committed under {@code target}.
   * Its state entry names where it is on its own ({@link PreparedEntry}), so that a master settling
   * a pipeline that ended without finishing can commit or discard it without the writer.
   */
  record Prepared(long checkpointId, String temp, String target) {
    static Prepared decode(String state) {
      if (state.startsWith(PreparedEntry.MARK)) {
        PreparedEntry entry = PreparedEntry.decode(state);
        return new Prepared(entry.checkpointId(), entry.temp(), entry.target());
      }
      // written before entries named their directories: checkpoint, temp, target
      String[] parts = state.split("\t", 3); // the target, last, may hold any character
      if (parts.length != 3) {
        throw new IllegalStateException("LocalFile sink: unreadable restored state '" + state + "'");
      }
      return new Prepared(Long.parseLong(parts[0]), parts[1], parts[2]);
    }
  }

  private final LocalFileSinkSettings settings;
  private final SinkLayout layout;
  private final RecordEncoder encoder;
  private final WriterContext context;
  private final Supplier<LocalDateTime> clock;
  private final Path tempDir;
  private final List<Prepared> prepared = new ArrayList<>();
  /** The file being written per partition directory ("" without partitions). */
  private final Map<String, PartFile> open = new LinkedHashMap<>();
  /** Transactional: files closed at batch_size since the last checkpoint, prepared at the next. */
  private final List<PartFile> full = new ArrayList<>();
  /** The next part number per partition directory, within a transaction (or the attempt without). */
  private final Map<String, Integer> nextPart = new HashMap<>();
  /**
   * Temp files being written and not yet prepared, as the task group's resource scope holds them
   * ("temp-file"; reclaimed by deleting them). A prepared one is the checkpoint's from then on: a
   * restored attempt commits it, so it is released from the scope, never deleted at the task's end.
   */
  private final Map<Path, ResourceScope.Held> temps = new HashMap<>();
  private int sequence;

  LocalFileWriter(LocalFileSinkSettings settings, SinkLayout layout, WriterContext context,
      Supplier<LocalDateTime> clock) throws IOException {
    this.settings = settings;
    this.layout = layout;
    this.encoder = new RecordEncoder(settings, layout.writtenType());
    this.context = context;
    this.clock = clock;
    Files.createDirectories(settings.directory());
    this.tempDir = settings.stagingRoot().resolve(FileNames.subtaskPrefix(context));
    if (settings.transactional()) {
      restore(context.restoredState());
    }
  }

  /** Finishes the commits of the checkpoint restored from and discards every other uncommitted file. */
  private void restore(List<String> state) throws IOException {
    List<String> kept = new ArrayList<>();
    for (String entry : state) {
      Prepared p = Prepared.decode(entry);
      commit(p);
      kept.add(p.temp());
    }
    if (Files.isDirectory(tempDir)) {
      try (Stream<Path> files = Files.list(tempDir)) {
        for (Path leftover : files.toList()) {
          String name = leftover.getFileName().toString();
          if (TEMP_NAME.matcher(name).matches() && !kept.contains(name)) {
            LOG.info("LocalFile sink: discarding {}, output no completed checkpoint covers", leftover);
            Files.deleteIfExists(leftover);
          }
        }
      }
    }
  }

  @Override
  public void write(Row row) throws IOException {
    String dir = layout.partitionDir(row);
    PartFile file = open.get(dir);
    if (file == null) {
      file = open(dir);
      open.put(dir, file);
    }
    if (file.writeRecord(encoder.encode(layout.project(row)), settings.rowDelimiter(), settings.batchSize())) {
      file.close(); // batch_size reached: the next row of this directory starts the next part
      open.remove(dir);
      if (settings.transactional()) {
        full.add(file);
      }
    }
  }

  private PartFile open(String dir) throws IOException {
    LocalDateTime openedAt = clock.get();
    int part = nextPart.merge(dir, 1, Integer::sum) - 1;
    Path file;
    if (settings.transactional()) {
      target(dir, "check"); // a bad partition directory fails at its first row, not at the commit
      Files.createDirectories(tempDir);
      file = tempDir.resolve("a" + context.job().attempt() + "-" + sequence++ + ".tmp");
    } else {
      file = target(dir, FileNames.fileName(settings, FileNames.attemptId(context), openedAt, part));
      Files.createDirectories(file.getParent());
    }
    PartFile partFile = new PartFile(file, dir, part, openedAt, settings, context.resources());
    if (settings.transactional()) {
      Path temp = file;
      temps.put(temp, context.resources().hold("temp-file", temp.toString(), () -> Files.deleteIfExists(temp)));
    }
    if (settings.writeHeader() && settings.format() != FileFormat.JSON) {
      partFile.writeRaw(encoder.header() + settings.rowDelimiter());
    }
    return partFile;
  }

  /**
   * A file in partition directory {@code dir} below {@code path}; a directory that leaves
   * {@code path} (a value holding "..") or enters the temp directory fails the writer.
   */
  private Path target(String dir, String name) throws IOException {
    Path base = settings.directory().toAbsolutePath().normalize();
    Path target;
    try {
      target = base.resolve(relative(dir, name)).normalize();
    } catch (InvalidPathException e) {
      throw new IOException("LocalFile sink: the partition directory '" + dir + "' (from options 'partition_by'"
          + " / 'partition_dir_expression') is not a valid path: " + e.getMessage(), e);
    }
    Path below = target.startsWith(base) ? base.relativize(target) : null;
    if (below == null || below.getNameCount() < 1 || below.getName(0).toString().equals(TEMP_ROOT)
        || !target.getParent().startsWith(base)) {
      throw new IOException("LocalFile sink: the partition directory '" + dir + "' (from options 'partition_by'"
          + " / 'partition_dir_expression') is not a directory below 'path' " + base + "; check the partition values");
    }
    return target;
  }

  private static String relative(String dir, String name) {
    return dir.isEmpty() ? name : dir + "/" + name;
  }

  @Override
  public List<String> snapshotState(long checkpointId) throws IOException {
    if (!settings.transactional()) {
      for (PartFile file : open.values()) {
        file.flush(); // at-least-once: what the checkpoint covers is at least on disk
      }
      return List.of();
    }
    for (PartFile file : open.values()) {
      file.close();
      full.add(file);
    }
    open.clear();
    String transactionId = FileNames.transactionId(context, checkpointId);
    for (PartFile file : full) {
      String name = FileNames.fileName(settings, transactionId, file.openedAt(), file.part());
      prepared.add(new Prepared(checkpointId, file.file().getFileName().toString(),
          relative(file.partitionDir(), name)));
      untrack(file.file());
    }
    full.clear();
    nextPart.clear();
    return prepared.stream().map(p -> new PreparedEntry(settings.stagingRoot(), settings.directory(),
        tempDir.getFileName().toString(), p.checkpointId(), p.temp(), p.target()).encode()).toList();
  }

  @Override
  public void notifyCheckpointComplete(long checkpointId) throws IOException {
    for (Iterator<Prepared> it = prepared.iterator(); it.hasNext(); ) {
      Prepared p = it.next();
      if (p.checkpointId() <= checkpointId) {
        commit(p);
        it.remove();
      }
    }
    deleteEarlierAttempts();
  }

  /** Moves a prepared file into place; idempotent, so a restored writer may repeat it. */
  private void commit(Prepared p) throws IOException {
    Path temp = tempDir.resolve(p.temp());
    Path target = settings.directory().resolve(p.target());
    if (Files.exists(temp)) {
      Files.createDirectories(target.getParent());
      if (Files.exists(target)) {
        throw new FileAlreadyExistsException(target.toString(), null,
            "LocalFile sink: cannot commit checkpoint " + p.checkpointId() + ", the target file exists already");
      }
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (NoSuchFileException e) {
        if (!Files.exists(target)) {
          throw e;
        }
        // a late writer of an earlier attempt committed the same checkpoint a moment ago: done
      }
      LOG.debug("committed {}", target);
    } else if (!Files.exists(target)) {
      throw new NoSuchFileException(temp.toString(), target.toString(),
          "LocalFile sink: cannot commit checkpoint " + p.checkpointId()
              + ": its temp file is gone and was never moved into place (was the directory cleaned?)");
    }
  }

  @Override
  public void finish() throws IOException {
    for (PartFile file : open.values()) {
      file.flush();
    }
  }

  @Override
  public void abort() throws IOException {
    discardOpenFile();
    deleteEarlierAttempts();
  }

  @Override
  public void cancel() throws IOException {
    discardOpenFile();
    if (!settings.transactional()) {
      return;
    }
    for (Iterator<Prepared> it = prepared.iterator(); it.hasNext(); ) {
      Prepared p = it.next();
      LOG.info("LocalFile sink: cancelled, discarding {} prepared for checkpoint {}, which did not complete",
          p.temp(), p.checkpointId());
      Files.deleteIfExists(tempDir.resolve(p.temp()));
      it.remove();
    }
    deleteEarlierAttempts();
  }

  @Override
  public void close() throws IOException {
    if (settings.transactional()) {
      discardOpenFile();
      deleteEarlierAttempts();
      if (prepared.isEmpty()) {
        deleteEmptyTempDirs();
      }
    } else {
      closeStreams();
    }
  }

  /**
   * Deletes this subtask's temp files written by attempts before this one. Only files named by
   * {@link #open()}; anything else in the directory is left for a person to look at.
   */
  private void deleteEarlierAttempts() throws IOException {
    if (!settings.transactional() || !Files.isDirectory(tempDir)) {
      return;
    }
    int attempt = context.job().attempt();
    try (Stream<Path> files = Files.list(tempDir)) {
      for (Path file : files.toList()) {
        Matcher m = TEMP_NAME.matcher(file.getFileName().toString());
        if (m.matches() && Long.parseLong(m.group(1)) < attempt) {
          LOG.info("LocalFile sink: discarding {}, left by an earlier attempt", file);
          Files.deleteIfExists(file);
        }
      }
    }
  }

  /** Deletes the files no checkpoint covers yet (transactional only; without, they are the output). */
  private void discardOpenFile() throws IOException {
    List<PartFile> unprepared = new ArrayList<>(open.values());
    unprepared.addAll(full);
    try {
      closeStreams();
    } finally {
      if (settings.transactional()) {
        for (PartFile file : unprepared) {
          Files.deleteIfExists(file.file());
          untrack(file.file());
        }
        full.clear();
      }
    }
  }

  private void untrack(Path temp) {
    ResourceScope.Held held = temps.remove(temp);
    if (held != null) {
      held.release();
    }
  }

  private void closeStreams() throws IOException {
    IOException first = null;
    for (PartFile file : open.values()) {
      try {
        file.close();
      } catch (IOException e) {
        first = first == null ? e : first;
      }
    }
    open.clear();
    if (first != null) {
      throw first;
    }
  }

  /** Removes this subtask's temp directory, and the temp root, unless something still uses them. */
  private void deleteEmptyTempDirs() throws IOException {
    for (Path dir : new Path[] {tempDir, tempDir.getParent()}) {
      try {
        Files.deleteIfExists(dir);
      } catch (DirectoryNotEmptyException e) {
        LOG.debug("keeping {}: still in use", dir);
        return;
      }
    }
  }
}
