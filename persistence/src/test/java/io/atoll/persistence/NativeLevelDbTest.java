package io.atoll.persistence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The native LevelDB library is unpacked once per user into a checked cache, not once per JVM into
 * /tmp. The load itself runs in child JVMs that halt like a killed node, with their own tmpdir, so
 * anything left behind there is seen.
 */
class NativeLevelDbTest {
  private static final long TIMEOUT_SECONDS = 60;

  @TempDir Path temp;

  @Test
  void unpackingTwiceLeavesOneFileWithTheJarsContent() throws Exception {
    Path root = temp.resolve("cache");
    NativeLevelDb.Unpacked first = NativeLevelDb.unpack(resource(), root);
    NativeLevelDb.Unpacked second = NativeLevelDb.unpack(resource(), root);
    assertEquals(first.file(), second.file());
    assertEquals(List.of(first.file()), filesUnder(root));
    assertArrayEquals(resourceBytes(), Files.readAllBytes(first.file()));
    assertEquals(first.size(), Files.size(first.file()));
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(first.file().getParent())));
  }

  @Test
  void aCorruptedCachedFileIsReplaced() throws Exception {
    Path root = temp.resolve("cache");
    Path file = NativeLevelDb.unpack(resource(), root).file();
    byte[] corrupted = Files.readAllBytes(file);
    corrupted[corrupted.length / 2] ^= 0x5a;
    Files.write(file, corrupted);
    assertNotEquals(NativeLevelDb.sha256(resourceBytes()), NativeLevelDb.sha256(Files.readAllBytes(file)));

    NativeLevelDb.unpack(resource(), root);
    assertArrayEquals(resourceBytes(), Files.readAllBytes(file));
    assertEquals(List.of(file), filesUnder(root));
  }

  @Test
  void aTemporaryFileOfADeadJvmIsRemovedAndALiveOnesIsLeft() throws Exception {
    Path root = temp.resolve("cache");
    Path file = NativeLevelDb.unpack(resource(), root).file();
    Process dead = new ProcessBuilder("true").start();
    assertTrue(dead.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS));
    Path stale = file.resolveSibling("." + file.getFileName() + "." + dead.pid() + ".tmp");
    Path live = file.resolveSibling("." + file.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
    Files.write(stale, new byte[10]);
    Files.write(live, new byte[10]);

    NativeLevelDb.unpack(resource(), root);
    assertFalse(Files.exists(stale));
    assertTrue(Files.exists(live));
  }

  @Test
  void aCacheOthersMayWriteIsRefused() throws Exception {
    Path root = temp.resolve("cache");
    Files.createDirectories(root);
    Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxrwxrwx"));
    NativeLevelDb.UnusableCacheException e = assertThrows(NativeLevelDb.UnusableCacheException.class,
        () -> NativeLevelDb.unpack(resource(), root));
    assertEquals(root + " is writable by others (rwxrwxrwx); chmod go-w it", e.getMessage());
  }

  @Test
  void nodesStartingOneAfterTheOtherLoadOneCachedCopyAndLeaveNothingInTmp() throws Exception {
    Path cache = temp.resolve("cache");
    Path tmp = Files.createDirectory(temp.resolve("tmp"));
    String first = runChild(cache, tmp, temp.resolve("db1"));
    String second = runChild(cache, tmp, temp.resolve("db2"));
    assertEquals(first, second);
    Path file = filesUnder(cache).get(0);
    assertEquals("OPENED " + file + " true", first);
    assertEquals(List.of(file), filesUnder(cache));
    assertEquals(List.of(), filesUnder(tmp));

    Files.write(file, new byte[] {1, 2, 3}); // a truncated or overwritten copy
    assertEquals(first, runChild(cache, tmp, temp.resolve("db3")));
    assertArrayEquals(resourceBytes(), Files.readAllBytes(file));
    assertEquals(List.of(file), filesUnder(cache));
    assertEquals(List.of(), filesUnder(tmp));
  }

  @Test
  void withAnUnusableCacheTheLibraryIsDeletedOnceLoaded() throws Exception {
    Path cache = Files.createDirectories(temp.resolve("cache"));
    Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString("rwxrwxrwx"));
    Path tmp = Files.createDirectory(temp.resolve("tmp"));
    String line = runChild(cache, tmp, temp.resolve("db"));
    assertTrue(line.startsWith("OPENED " + tmp.resolve("atoll-native-")) && line.endsWith(" false"), line);
    assertEquals(List.of(), filesUnder(tmp));
    assertEquals(List.of(), filesUnder(cache));
  }

  private String runChild(Path cache, Path tmp, Path db) throws Exception {
    Path errors = temp.resolve("child-stderr.txt");
    String java = ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    Process child = new ProcessBuilder(List.of(java, "-Xmx64m",
            "-D" + NativeLevelDb.CACHE_PROPERTY + "=" + cache, "-Djava.io.tmpdir=" + tmp,
            "-cp", System.getProperty("java.class.path"), NativeLevelDbMain.class.getName(), db.toString()))
        .redirectError(errors.toFile())
        .start();
    try {
      assertTrue(child.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS), "child ends");
      String out = new String(child.getInputStream().readAllBytes()).strip();
      assertEquals(0, child.exitValue(), () -> out + "\n" + read(errors));
      return out.substring(out.lastIndexOf('\n') + 1); // the result, after any log lines
    } finally {
      child.destroyForcibly();
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "(cannot read " + file + ": " + e + ")";
    }
  }

  private static URL resource() {
    return NativeLevelDb.resource().orElseThrow(() -> new AssertionError("leveldbjni has no library for this platform"));
  }

  private static byte[] resourceBytes() throws IOException {
    try (InputStream in = resource().openStream()) {
      return in.readAllBytes();
    }
  }

  private static List<Path> filesUnder(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return new ArrayList<>(files.filter(Files::isRegularFile).sorted().toList());
    }
  }
}
