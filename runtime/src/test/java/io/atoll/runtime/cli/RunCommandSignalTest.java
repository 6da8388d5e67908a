package io.atoll.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.atoll.runtime.Main;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code atoll run} process stopped by a signal while its job runs leaves nothing in its
 * tmpdir: neither its temporary data dir nor an unpacked native library. SIGTERM here: it runs the
 * same shutdown hook as Ctrl-C's SIGINT, which a JVM started from a non-interactive shell (CI) may
 * inherit as ignored.
 */
class RunCommandSignalTest {
  private static final long TIMEOUT_SECONDS = 90;

  @TempDir Path tmp;

  @Test
  void aRunStoppedBySignalRemovesItsDataDirAndLeavesNoNativeLibrary() throws Exception {
    Path childTmp = Files.createDirectory(tmp.resolve("tmp"));
    Path job = Files.writeString(tmp.resolve("slow.conf"), """
        env { job.name = slow, parallelism = 1, read_limit.rows_per_second = 2 }
        source { FakeSource { row.num = 100000, schema.fields { id = bigint } } }
        sink { Console {} }
        """);
    Path out = tmp.resolve("run.out");
    String java = ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    Process run = new ProcessBuilder(List.of(java, "-Xmx256m", "-Djava.io.tmpdir=" + childTmp,
            "-Datoll.native-dir=" + tmp.resolve("native-cache"),
            "-cp", System.getProperty("java.class.path"), Main.class.getName(), "run", job.toString()))
        .redirectOutput(out.toFile())
        .redirectErrorStream(true)
        .start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
      while (!Files.readString(out).contains("submitted") && run.isAlive() && System.nanoTime() < deadline) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
      }
      assertTrue(Files.readString(out).contains("submitted"), () -> read(out));
      assertEquals(1, entries(childTmp, "atoll-run-*").size(), () -> "the run's data dir: " + read(out));

      run.destroy(); // SIGTERM
      assertTrue(run.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS), "the run ends on SIGTERM");
      assertEquals(List.of(), entries(childTmp, "*"), () -> read(out));
    } finally {
      run.destroyForcibly();
    }
  }

  private static List<Path> entries(Path dir, String glob) throws IOException {
    try (Stream<Path> all = Files.list(dir)) {
      var matcher = dir.getFileSystem().getPathMatcher("glob:" + glob);
      return all.filter(p -> matcher.matches(p.getFileName())).sorted().toList();
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "(cannot read " + file + ": " + e + ")";
    }
  }
}
