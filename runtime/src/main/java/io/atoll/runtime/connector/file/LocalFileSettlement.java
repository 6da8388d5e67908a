package io.atoll.runtime.connector.file;

import io.atoll.protocol.connector.SinkEnd;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a transactional LocalFile sink's writers left staged when their pipeline ended without
 * finishing (the job FAILED, was CANCELED or stopped with a savepoint): no writer runs again, so
 * nothing else would ever commit or delete it. The files of the pipeline's last completed
 * checkpoint are committed (moved into place, as its writers would have on hearing of it); every
 * other temp file of the job's pipeline is deleted, with the subtask directories and the staging
 * root once empty.
 *
 * <p>This runs on the master, so it reaches the files only where the master sees the workers'
 * output directory (one host, or a shared file system); elsewhere it finds no staging directory
 * and does nothing. Entries written before entries named their directories cannot be placed: when
 * the pipeline's state holds one, nothing is deleted (its files may still be needed) and a warning
 * says so.
 */
final class LocalFileSettlement {
  private static final Logger LOG = LoggerFactory.getLogger(LocalFileSettlement.class);
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(database_name|schema_name|table_name)}");
  private static final Map<String, String> GROUPS = Map.of(
      "database_name", "database", "schema_name", "schema", "table_name", "table");

  /** An output directory of the sink and where it stages files. */
  record SinkDirectory(Path directory, Path stagingRoot) {
    SinkDirectory {
      directory = directory.toAbsolutePath().normalize();
      stagingRoot = stagingRoot.toAbsolutePath().normalize();
    }
  }

  /** What was done: files committed, temp files deleted, temp files left alone. */
  record Outcome(int committed, int discarded, int kept) {}

  private LocalFileSettlement() {}

  /**
   * @param path the sink's {@code path} option as written (with {@code ${table_name}} and the like
   *     for a sink of several tables)
   * @param tmpPath its {@code tmp_path}, or null
   */
  static Outcome settle(String path, String tmpPath, SinkEnd end) throws IOException {
    List<SinkDirectory> directories = directories(path, tmpPath);
    Set<Path> roots = new HashSet<>();
    directories.forEach(d -> roots.add(d.stagingRoot()));
    int committed = 0;
    int kept = 0;
    for (String state : end.committedStates()) {
      PreparedEntry entry = PreparedEntry.of(state).orElse(null);
      if (entry != null && roots.contains(entry.stagingRoot())) {
        if (commit(entry, end)) {
          committed++;
        } else if (Files.exists(entry.tempFile())) {
          kept++;
        }
      }
    }
    boolean olderEntries = end.committedStates().stream().anyMatch(PreparedEntry::isOlderEntry);
    int discarded = 0;
    String prefix = "T_" + end.jobId() + "_" + end.pipelineId() + "_";
    for (Path root : new LinkedHashSet<>(roots)) {
      if (!Files.isDirectory(root)) {
        continue;
      }
      for (Path subtaskDir : subtaskDirectories(root, prefix)) {
        List<Path> temps = tempFiles(subtaskDir);
        if (olderEntries) {
          kept += temps.size();
          if (!temps.isEmpty()) {
            LOG.warn("LocalFile sink: job {} pipeline {} ended {}: leaving {} temp file(s) in {}; its last checkpoint"
                + " was written by an older Atoll, whose state does not say which of them it covers",
                end.jobId(), end.pipelineId(), end.status(), temps.size(), subtaskDir);
          }
          continue;
        }
        for (Path temp : temps) {
          Files.deleteIfExists(temp);
          discarded++;
        }
        deleteIfEmpty(subtaskDir);
      }
      deleteIfEmpty(root);
    }
    if (committed + discarded + kept > 0) {
      LOG.info("LocalFile sink: job {} pipeline {} ended {}: committed {} file(s) of its last completed checkpoint,"
          + " discarded {} uncommitted temp file(s){}", end.jobId(), end.pipelineId(), end.status(), committed,
          discarded, kept == 0 ? "" : ", left " + kept);
    }
    return new Outcome(committed, discarded, kept);
  }

  /** Moves a prepared file into place, unless that happened already (temp gone) or its target exists. */
  private static boolean commit(PreparedEntry entry, SinkEnd end) throws IOException {
    Path temp = entry.tempFile();
    Path target = entry.targetFile();
    if (!Files.exists(temp)) {
      return false;
    }
    if (Files.exists(target)) {
      LOG.warn("LocalFile sink: job {} pipeline {}: not committing {} of checkpoint {}: {} exists already",
          end.jobId(), end.pipelineId(), temp, entry.checkpointId(), target);
      return false;
    }
    Files.createDirectories(target.getParent());
    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    return true;
  }

  /**
   * The sink's directories: {@code path} itself, or for a path naming the table (database, schema)
   * every existing directory it names, each with its staging root ({@code tmp_path} gets the same
   * names, as the writers' did).
   */
  static List<SinkDirectory> directories(String path, String tmpPath) throws IOException {
    if (!PLACEHOLDER.matcher(path).find()) {
      return List.of(new SinkDirectory(Path.of(path), StagingRoot.of(Path.of(path), tmpPath)));
    }
    Path template = Path.of(path).toAbsolutePath();
    int first = 0;
    while (first < template.getNameCount() && !PLACEHOLDER.matcher(template.getName(first).toString()).find()) {
      first++;
    }
    Path base = first == 0 ? template.getRoot() : template.getRoot().resolve(template.subpath(0, first));
    Pattern names = regex(template.subpath(first, template.getNameCount()).toString());
    List<SinkDirectory> found = new ArrayList<>();
    if (!Files.isDirectory(base)) {
      return found;
    }
    try (Stream<Path> walk = Files.walk(base, template.getNameCount() - first)) {
      for (Path dir : walk.filter(Files::isDirectory).toList()) {
        Matcher m = names.matcher(base.relativize(dir).toString());
        if (m.matches() && !dir.getFileName().toString().startsWith(LocalFileWriter.TEMP_ROOT)) {
          found.add(new SinkDirectory(dir, StagingRoot.of(dir, tmpPath == null ? null : fill(tmpPath, m))));
        }
      }
    }
    return found;
  }

  /** A pattern for the templated part of a path: each name one path segment's worth, the same where repeated. */
  private static Pattern regex(String templated) {
    StringBuilder regex = new StringBuilder();
    Set<String> seen = new HashSet<>();
    Matcher m = PLACEHOLDER.matcher(templated);
    int at = 0;
    while (m.find()) {
      regex.append(Pattern.quote(templated.substring(at, m.start())));
      String group = GROUPS.get(m.group(1));
      regex.append(seen.add(group) ? "(?<" + group + ">[^/]+)" : "\\k<" + group + ">");
      at = m.end();
    }
    regex.append(Pattern.quote(templated.substring(at)));
    return Pattern.compile(regex.toString());
  }

  private static String fill(String template, Matcher names) {
    Map<String, String> values = new HashMap<>();
    for (Map.Entry<String, String> e : GROUPS.entrySet()) {
      try {
        values.put(e.getKey(), names.group(e.getValue()));
      } catch (IllegalArgumentException notInPath) {
        // tmp_path names a part path does not: it stays as written, as the writer left it
      }
    }
    return PLACEHOLDER.matcher(template).replaceAll(r ->
        Matcher.quoteReplacement(values.getOrDefault(r.group(1), r.group())));
  }

  private static List<Path> subtaskDirectories(Path root, String prefix) throws IOException {
    Pattern name = Pattern.compile(Pattern.quote(prefix) + "\\d+");
    try (Stream<Path> dirs = Files.list(root)) {
      return dirs.filter(d -> Files.isDirectory(d) && name.matcher(d.getFileName().toString()).matches()).toList();
    }
  }

  /** Only files a writer names ({@code a<attempt>-<n>.tmp}); anything else is left for a person to look at. */
  private static List<Path> tempFiles(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> LocalFileWriter.TEMP_NAME.matcher(f.getFileName().toString()).matches()).toList();
    }
  }

  private static void deleteIfEmpty(Path dir) throws IOException {
    try {
      Files.deleteIfExists(dir);
    } catch (DirectoryNotEmptyException e) {
      LOG.debug("keeping {}: not empty", dir);
    }
  }
}
