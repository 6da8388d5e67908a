package io.atoll.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A node's data dir: created on demand, checked, and held by one node at a time. */
class DataDirectoryTest {

  private static final String PID = Long.toString(ProcessHandle.current().pid());

  @TempDir Path tempDir;

  @Test
  void createsAMissingDirectoryAndWritesItsPidIntoTheLockFile() throws IOException {
    Path dir = tempDir.resolve("a/b/node");
    try (DataDirectory dataDir = DataDirectory.open(dir)) {
      assertTrue(Files.isDirectory(dir));
      assertEquals(dir, dataDir.path());
      assertEquals(dir.resolve("journal"), dataDir.journalDir());
      assertEquals(dir.resolve("snapshots"), dataDir.snapshotDir());
    }
    // Read only after close: opening the lock file in the holding JVM would drop the lock.
    assertEquals(PID, Files.readString(dir.resolve("atoll.lock")).trim());
  }

  @Test
  void aRelativePathBecomesAbsolute() {
    Path relative = Path.of("").toAbsolutePath().relativize(tempDir.resolve("node"));
    try (DataDirectory dataDir = DataDirectory.open(relative)) {
      assertEquals(tempDir.resolve("node"), dataDir.path());
    }
  }

  @Test
  void secondOpenOfALockedDirFailsUntilTheFirstIsClosed() {
    Path dir = tempDir.resolve("node");
    DataDirectory first = DataDirectory.open(dir);
    try {
      DataDirectoryException e = assertThrows(DataDirectoryException.class,
          () -> DataDirectory.open(dir));
      assertEquals("data dir " + dir + " is locked by another node in this JVM (pid " + PID
          + "): each node needs its own --data-dir", e.getMessage());
      // The same dir reached through another spelling is the same lock.
      assertThrows(DataDirectoryException.class,
          () -> DataDirectory.open(tempDir.resolve("x/../node")));
    } finally {
      first.close();
    }
    first.close(); // a second close does nothing
    DataDirectory.open(dir).close();
  }

  @Test
  void aRegularFileIsRejected() throws IOException {
    Path file = Files.writeString(tempDir.resolve("data"), "not a dir");
    DataDirectoryException e = assertThrows(DataDirectoryException.class,
        () -> DataDirectory.open(file));
    assertEquals("data dir " + file + " is a file, not a directory:"
        + " remove it or choose another --data-dir", e.getMessage());
  }

  @Test
  void aDirBelowARegularFileCannotBeCreated() throws IOException {
    Path file = Files.writeString(tempDir.resolve("data"), "not a dir");
    Path dir = file.resolve("node");
    DataDirectoryException e = assertThrows(DataDirectoryException.class,
        () -> DataDirectory.open(dir));
    assertTrue(e.getMessage().startsWith("cannot create data dir " + dir + " ("), e.getMessage());
    assertTrue(e.getMessage().endsWith("): create it or choose another --data-dir"), e.getMessage());
  }

  /**
   * Permission bits do not stop root (CAP_DAC_OVERRIDE), and these tests often run as root in
   * containers. {@code open} asks the OS through {@code Files.isWritable} (access(2)), so the test
   * asks the same question first: where the OS says a r-x dir is still writable for this user, the
   * scenario cannot be built and the test is skipped rather than passing vacuously.
   */
  @Test
  void anUnwritableDirIsRejected() throws IOException {
    Path dir = Files.createDirectory(tempDir.resolve("read-only"));
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
    try {
      assumeFalse(Files.isWritable(dir),
          "this user ignores permission bits (root?): cannot make a dir unwritable for it");
      DataDirectoryException e = assertThrows(DataDirectoryException.class,
          () -> DataDirectory.open(dir));
      assertEquals("data dir " + dir + " is not writable: give the user running Atoll write access"
          + " or choose another --data-dir", e.getMessage());
    } finally {
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }
}
