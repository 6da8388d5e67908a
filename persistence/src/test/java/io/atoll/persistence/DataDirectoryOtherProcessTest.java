package io.atoll.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes on one host pointed at the same --data-dir: the second must refuse to start and name the
 * first one's pid. The holder is a real child JVM because an OS file lock is per process.
 */
class DataDirectoryOtherProcessTest {

  private static final long TIMEOUT_SECONDS = 30;

  @TempDir Path tempDir;

  @Test
  void lockHeldByAnotherProcessNamesItsPidAndGoesWithItsExit() throws Exception {
    Path dir = tempDir.resolve("node");
    Process holder = startHolder(dir);
    try {
      assertEquals("LOCKED " + holder.pid(), firstLine(holder));
      DataDirectoryException e = assertThrows(DataDirectoryException.class,
          () -> DataDirectory.open(dir));
      assertEquals("data dir " + dir + " is locked by another process (pid " + holder.pid()
          + "): each node needs its own --data-dir", e.getMessage());
      holder.getOutputStream().close(); // the holder closes its DataDirectory and exits
      assertTrue(holder.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS), "holder exits");
      assertEquals(0, holder.exitValue(), this::holderErrors);
    } finally {
      stop(holder);
    }
    DataDirectory.open(dir).close();
  }

  @Test
  void killedHolderLeavesNoStaleLock() throws Exception {
    Path dir = tempDir.resolve("node");
    Process holder = startHolder(dir);
    try {
      assertEquals("LOCKED " + holder.pid(), firstLine(holder));
    } finally {
      stop(holder); // kill -9: no close(), no shutdown hook
    }
    // The lock file still names the dead holder, but the OS dropped its lock with the process.
    assertEquals(Long.toString(holder.pid()), Files.readString(lockFile(dir)).trim());
    DataDirectory.open(dir).close();
    assertEquals(Long.toString(ProcessHandle.current().pid()), Files.readString(lockFile(dir)).trim());
  }

  /**
   * A refused second open in this JVM must not cost the first its OS lock: on Linux, closing a
   * second channel on the lock file would drop it and let another process in.
   */
  @Test
  void aRefusedSecondOpenInThisJvmKeepsOtherProcessesOut() throws Exception {
    Path dir = tempDir.resolve("node");
    try (DataDirectory held = DataDirectory.open(dir)) {
      assertEquals(dir, held.path());
      assertThrows(DataDirectoryException.class, () -> DataDirectory.open(dir));
      assertThrows(DataDirectoryException.class, () -> DataDirectory.open(dir));
      Process other = startHolder(dir);
      try {
        assertEquals("FAILED data dir " + dir + " is locked by another process (pid "
            + ProcessHandle.current().pid() + "): each node needs its own --data-dir",
            firstLine(other), this::holderErrors);
        assertTrue(other.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS), "refused holder exits");
        assertEquals(1, other.exitValue());
      } finally {
        stop(other);
      }
    }
  }

  private Process startHolder(Path dir) throws IOException {
    String java = ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    return new ProcessBuilder(List.of(java, "-Xmx64m",
            "-cp", System.getProperty("java.class.path"),
            LockHolderMain.class.getName(), dir.toString()))
        .redirectError(holderErrorFile().toFile())
        .start();
  }

  /** The holder's first stdout line, waiting at most {@link #TIMEOUT_SECONDS}. */
  private String firstLine(Process holder) throws Exception {
    BufferedReader out = holder.inputReader();
    CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
      try {
        return out.readLine();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    try {
      return line.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("holder printed nothing in " + TIMEOUT_SECONDS + " s; stderr: "
          + holderErrors(), e);
    }
  }

  private static void stop(Process holder) throws InterruptedException {
    holder.destroyForcibly();
    if (!holder.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      throw new AssertionError("holder " + holder.pid() + " still alive after kill -9");
    }
  }

  private String holderErrors() {
    try {
      return Files.readString(holderErrorFile());
    } catch (IOException e) {
      return "(cannot read " + holderErrorFile() + ": " + e + ")";
    }
  }

  private Path holderErrorFile() {
    return tempDir.resolve("holder-stderr.txt");
  }

  private static Path lockFile(Path dir) {
    return dir.resolve(DataDirectory.LOCK_FILE);
  }
}
