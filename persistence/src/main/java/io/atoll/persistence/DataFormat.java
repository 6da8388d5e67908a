package io.atoll.persistence;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The version of the on-disk format a data dir holds, kept in {@code <data-dir>/atoll-format}. A
 * new dir gets the current version; a dir written by an incompatible version is refused at start,
 * with the path and both versions named, and nothing in it is changed — reading it with the wrong
 * Kryo ids would corrupt jobs silently.
 */
final class DataFormat {
  static final String FILE = "atoll-format";
  /**
   * Bump when the journal's events or their Kryo ids change incompatibly. 2: pipelines carry
   * checkpoints (PipelineState gained fields, so format-1 snapshots cannot be read). 3: SlotProfile
   * carries its worker's TaskExecutor ref (a new last field), so the slots persisted in format-2
   * events and snapshots cannot be read; a format-2 data dir is refused with its path. 4: a job's
   * plugins carry their options as a typed tree with lines and the job file's origin, not JSON text
   * (PluginDefinition changed shape), so the jobs in a format-3 journal cannot be read.
   */
  static final int CURRENT = 4;

  private DataFormat() {}

  static void check(Path dir) {
    Path file = dir.resolve(FILE);
    if (!Files.exists(file)) {
      try {
        Files.writeString(file, CURRENT + "\n", StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new DataDirectoryException("cannot write " + file + " (" + e.getMessage() + ")", e);
      }
      return;
    }
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      throw new DataDirectoryException("cannot read " + file + " (" + e.getMessage() + ")", e);
    }
    int version;
    try {
      version = Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new DataDirectoryException("data dir " + dir + " has an unreadable format marker " + file
          + " ('" + text + "'); it was not written by Atoll, or is damaged: choose another --data-dir."
          + " Nothing was changed.");
    }
    if (version != CURRENT) {
      throw new DataDirectoryException("data dir " + dir + " holds Atoll data format " + version
          + ", but this runtime reads format " + CURRENT + ": run the Atoll version that wrote it, or use"
          + " another --data-dir. Nothing was changed.");
    }
  }
}
