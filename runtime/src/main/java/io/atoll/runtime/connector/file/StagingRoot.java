package io.atoll.runtime.connector.file;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Where the LocalFile sink stages uncommitted files: {@code path/.atoll-tmp} by default, or below
 * SeaTunnel's {@code tmp_path}. A commit is one atomic rename into {@code path}, so the staging
 * directory must be on the same file system; that is probed on the node that writes (a rename of a
 * hidden empty file), and a {@code tmp_path} elsewhere is refused, never copied. Below a shared
 * {@code tmp_path} each target directory gets its own {@code .atoll-tmp-<hash of path>}, so sinks
 * writing to different directories never clean up each other's files. SeaTunnel's default
 * {@code /tmp/seatunnel} is not copied: {@code /tmp} is often another file system than the output.
 */
final class StagingRoot {
  private StagingRoot() {}

  static Path of(Path directory, String tmpPath) {
    Path target = directory.toAbsolutePath().normalize();
    if (tmpPath == null || Path.of(tmpPath).toAbsolutePath().normalize().equals(target)) {
      return directory.resolve(LocalFileWriter.TEMP_ROOT);
    }
    return Path.of(tmpPath).resolve(LocalFileWriter.TEMP_ROOT + "-" + hash(target.toString()));
  }

  /**
   * Creates both directories and checks that a staged file can be renamed atomically into the target.
   *
   * @throws IOException naming both options when they are on different file systems
   */
  static void checkRename(Path stagingRoot, Path directory) throws IOException {
    Files.createDirectories(stagingRoot);
    Files.createDirectories(directory);
    Path probe = Files.createFile(stagingRoot.resolve(".probe-" + UUID.randomUUID()));
    Path moved = directory.resolve(".atoll-probe-" + UUID.randomUUID());
    try {
      Files.move(probe, moved, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException("LocalFile sink: option 'tmp_path' (" + stagingRoot.getParent() + ") is on another file "
          + "system than option 'path' (" + directory + "): files are committed by an atomic rename into 'path', "
          + "which needs one file system; choose a tmp_path there or leave tmp_path out (files are then staged "
          + "in path/" + LocalFileWriter.TEMP_ROOT + ")", e);
    } finally {
      Files.deleteIfExists(probe);
      Files.deleteIfExists(moved);
    }
  }

  private static String hash(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
