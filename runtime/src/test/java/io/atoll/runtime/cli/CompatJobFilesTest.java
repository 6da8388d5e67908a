package io.atoll.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.atoll.runtime.testing.CliRuns;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compatibility corpus ({@code jobs/compat}): job files in the style of SeaTunnel's e2e suites,
 * each checking its own result with Assert, which SeaTunnel 2.3.4 runs as well
 * ({@code benchmarks/compat/compare.sh} runs them on both). Every one must run with {@code atoll
 * run} and pass; a {@code *_read.conf} reads what its {@code *_write.conf} wrote, so it runs after.
 */
class CompatJobFilesTest {
  private static final Path CORPUS = Path.of("src/test/resources/jobs/compat");
  private static final Pattern WRITE_COUNT = Pattern.compile("Total Write Count\\s+:\\s+(\\d+)");

  @TempDir
  Path dir;

  @Test
  void everyFileOfTheCorpusRunsAndPassesItsAsserts() throws IOException {
    List<Path> files = corpus();
    assertFalse(files.isEmpty(), "no job files in " + CORPUS);
    List<String> failed = new ArrayList<>();
    for (Path file : files) {
      CliRuns.Result r = CliRuns.run("run", file.toString(), "-i", "compat_dir=" + dir);
      if (r.exitCode() != 0 || !WRITE_COUNT.matcher(r.out()).find()) {
        failed.add(file.getFileName() + " exited " + r.exitCode() + ":\n" + r.all());
      }
    }
    assertEquals(List.of(), failed);
  }

  /** Writers (and everything else) first, then the files that read what they wrote. */
  static List<Path> corpus() throws IOException {
    try (Stream<Path> all = Files.list(CORPUS)) {
      return all.filter(p -> p.toString().endsWith(".conf"))
          .sorted(Comparator.comparing((Path p) -> p.getFileName().toString().endsWith("_read.conf"))
              .thenComparing(p -> p.getFileName().toString()))
          .toList();
    }
  }
}
