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
 * tmpdir: neither its temporary data dir nor an unpacked native library. Ctrl-C (SIGINT) cancels the
 * job first and shows its CANCELED statistics. A JVM started from a non-interactive shell (CI) may
 * inherit SIGINT as ignored, and then never sees it: the child is started through coreutils'
 * {@code env --default-signal=INT}, which gives it SIGINT's default handling back.
 */
class RunCommandSignalTest {
  private static final long TIMEOUT_SECONDS = 90;

  @TempDir Path tmp;

  @Test
  void aRunStoppedBySignalRemovesItsDataDirAndLeavesNoNativeLibrary() throws Exception {
    Path childTmp = Files.createDirectory(tmp.resolve("tmp"));
    Path out = tmp.resolve("run.out");
    Process run = startSlowRun(childTmp, out);
    try {
      awaitOutput(run, out, "submitted");
      assertEquals(1, entries(childTmp, "atoll-run-*").size(), () -> "the run's data dir: " + read(out));

      run.destroy(); // SIGTERM
      assertTrue(run.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS), "the run ends on SIGTERM");
      assertEquals(143, run.exitValue(), () -> read(out));
      assertTrue(read(out).contains("Job Status                : CANCELED"), () -> read(out));
      assertEquals(List.of(), entries(childTmp, "*"), () -> read(out));
    } finally {
      run.destroyForcibly();
    }
  }

  @Test
  void ctrlCCancelsTheJobShowsItsCanceledStatisticsRemovesTheDataDirAndExits130() throws Exception {
    Path childTmp = Files.createDirectory(tmp.resolve("tmp"));
    Path out = tmp.resolve("run.out");
    Process run = startSlowRun(childTmp, out);
    try {
      awaitOutput(run, out, "RUNNING  read"); // the first progress line of the running job
      assertEquals(1, entries(childTmp, "atoll-run-*").size(), () -> "the run's data dir: " + read(out));

      Process kill = new ProcessBuilder("kill", "-INT", Long.toString(run.pid())).inheritIO().start();
      assertEquals(0, kill.waitFor());
      assertTrue(run.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS), "the run ends on SIGINT");

      String text = read(out);
      assertEquals(130, run.exitValue(), text);
      assertTrue(text.contains("atoll: interrupted: cancelling job "), text);
      assertTrue(text.contains("Job Status                : CANCELED"), text);
      assertEquals(1, text.split("Job Statistic Information", -1).length - 1, "the statistics once: " + text);
      assertTrue(text.matches("(?s).*CANCELED  read [\\d,]+ rows.*"), "the last progress line is the end: " + text);
      assertTrue(text.matches("(?s).*atoll: job \\d+ CANCELED.*"), text);
      assertEquals(List.of(), entries(childTmp, "*"), text);
    } finally {
      run.destroyForcibly();
    }
  }

  /** {@code atoll run} of a job that reads 2 rows a second for hours, in a child JVM. */
  private Process startSlowRun(Path childTmp, Path out) throws IOException {
    Path job = Files.writeString(tmp.resolve("slow.conf"), """
        env { job.name = slow, parallelism = 1, read_limit.rows_per_second = 2 }
        source { FakeSource { row.num = 100000, schema.fields { id = bigint } } }
        sink { Console {} }
        """);
    String java = ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    return new ProcessBuilder(List.of("env", "--default-signal=INT", java, "-Xmx256m", "-Djava.io.tmpdir=" + childTmp,
            "-Datoll.native-dir=" + tmp.resolve("native-cache"),
            "-cp", System.getProperty("java.class.path"), Main.class.getName(), "run", job.toString()))
        .redirectOutput(out.toFile())
        .redirectErrorStream(true)
        .start();
  }

  /** Waits (bounded) until the child has printed {@code text}: the child's own word, never a sleep. */
  private static void awaitOutput(Process run, Path out, String text) throws IOException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
    while (!Files.readString(out).contains(text) && run.isAlive() && System.nanoTime() < deadline) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
    }
    assertTrue(Files.readString(out).contains(text), () -> "waiting for '" + text + "': " + read(out));
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
