package io.atoll.runtime.connector.file;

import io.atoll.protocol.connector.EnumeratorContext;
import io.atoll.protocol.connector.SourceSplit;
import io.atoll.protocol.connector.SplitEnumerator;
import io.atoll.runtime.connector.PendingSplits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Lists the files once and hands them out one per request, so a reader that finishes early takes
 * the next file (files vary in size, fixed ownership would leave readers idle). A reader that asks
 * when none are left is told there are no more. Splits of a failed reader go back to the front.
 * With several tables ({@code tables_configs}) it lists each table's path in turn; a split names
 * its table's position (attribute {@code table}).
 */
final class LocalFileEnumerator implements SplitEnumerator {
  static final String PATH = "path";
  static final String TABLE = "table";

  private final List<LocalFileSourceSettings> tables;
  private final EnumeratorContext context;
  private final PendingSplits unassigned = new PendingSplits();

  LocalFileEnumerator(List<LocalFileSourceSettings> tables, EnumeratorContext context) {
    this.tables = List.copyOf(tables);
    this.context = context;
  }

  @Override
  public void open() throws IOException {
    if (context.restoredSplits().isPresent()) {
      unassigned.addAll(context.restoredSplits().get()); // restored: the files no reader had yet
      return;
    }
    for (int table = 0; table < tables.size(); table++) {
      Path root = tables.get(table).path();
      if (!Files.exists(root)) {
        throw new NoSuchFileException(root.toString(), null, "LocalFile option '" + (tables.size() > 1
            ? "tables_configs[" + table + "].path" : "path") + "': no such file or directory on this worker");
      }
      for (Path file : list(root, tables.get(table).fileFilter())) {
        unassigned.add(tables.size() == 1 ? new SourceSplit(file.toString(), Map.of(PATH, file.toString()))
            : new SourceSplit(table + ":" + file, Map.of(PATH, file.toString(), TABLE, Integer.toString(table))));
      }
    }
  }

  /**
   * Regular files, sorted; below a directory, hidden entries (a leading '.' or '_') are skipped.
   * With {@code file_filter_pattern}, only files whose name (not the directories above it) matches
   * the pattern entirely, as SeaTunnel 2.3.4 filters.
   */
  static List<Path> list(Path root, Pattern fileFilter) throws IOException {
    return list(root).stream()
        .filter(p -> fileFilter == null || fileFilter.matcher(p.getFileName().toString()).matches())
        .toList();
  }

  private static List<Path> list(Path root) throws IOException {
    if (Files.isRegularFile(root)) {
      return List.of(root);
    }
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(p -> !p.equals(root))
          .filter(p -> !hidden(root.relativize(p)))
          .filter(Files::isRegularFile)
          .sorted()
          .toList();
    }
  }

  private static boolean hidden(Path relative) {
    for (Path part : relative) {
      String name = part.toString();
      if (name.startsWith(".") || name.startsWith("_")) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void registerReader(int subtask) {
    // files are handed out on request, not on registration
  }

  @Override
  public void handleSplitRequest(int subtask) {
    unassigned.handOut(subtask, context);
  }

  @Override
  public void addSplitsBack(List<SourceSplit> splits, int subtask) {
    unassigned.putBack(splits);
  }

  @Override
  public List<SourceSplit> snapshotState(long checkpointId) {
    return unassigned.snapshot();
  }

  @Override
  public void close() {
    unassigned.clear();
  }
}
