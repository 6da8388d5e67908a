package io.atoll.runtime.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.atoll.runtime.Main;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ATOLL_LOG_LEVEL} in a child process's environment, with runtime.jar's own logback.xml and
 * with the distribution's conf/logback.xml (as bin/atoll passes it): it sets the root level of a
 * local {@code run} (which logs warnings only unless told) and of a node; a word that is not a level
 * is refused before anything starts.
 */
class LogLevelProcessTest {
  private static final long TIMEOUT_SECONDS = 90;
  /** A log line of Atoll's runtime at INFO (not the Console sink's rows, which show at any level). */
  private static final Pattern RUNTIME_INFO = Pattern.compile("(?m) INFO  \\[i\\.a\\.r\\.");
  private static final Pattern DEBUG = Pattern.compile("(?m) DEBUG \\[");
  private static final Path BUILT_IN = Path.of("target", "classes", "logback.xml");
  private static final Path SHIPPED = Path.of("..", "deploy", "conf", "logback.xml");

  @TempDir Path tmp;

  @Test
  void runLogsWarningsOnlyUnlessTheEnvironmentSaysOtherwise() throws Exception {
    Path job = job();
    String quiet = finish(List.of("run", job.toString()), BUILT_IN, Map.of());
    assertFalse(RUNTIME_INFO.matcher(quiet).find(), quiet);
    assertTrue(quiet.contains("Job Status                : FINISHED"), quiet);

    String told = finish(List.of("run", job.toString()), BUILT_IN, Map.of("ATOLL_LOG_LEVEL", "info"));
    assertTrue(RUNTIME_INFO.matcher(told).find(), told);
  }

  @Test
  void theShippedConfigurationTakesTheLevelFromTheEnvironment() throws Exception {
    String debug = finish(List.of("run", job().toString()), SHIPPED,
        Map.of("ATOLL_LOG_LEVEL", "DEBUG", "ATOLL_LOG_DIR", tmp.resolve("logs").toString()));
    assertTrue(DEBUG.matcher(debug).find(), debug);
  }

  @Test
  void aNodeTakesTheLevelFromTheEnvironment() throws Exception {
    Path out = tmp.resolve("node.out");
    Process node = start(List.of("--role", "hybrid", "--port", "0", "--http-port", "0",
        "--data-dir", tmp.resolve("data").toString()), SHIPPED,
        Map.of("ATOLL_LOG_LEVEL", "DEBUG", "ATOLL_LOG_DIR", tmp.resolve("logs").toString()), out);
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
      while (!DEBUG.matcher(Files.readString(out)).find() && node.isAlive() && System.nanoTime() < deadline) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
      }
      assertTrue(DEBUG.matcher(Files.readString(out)).find(), () -> read(out));
    } finally {
      node.destroyForcibly().waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }
  }

  @Test
  void aWordThatIsNotALevelIsRefusedBeforeAnythingRuns() throws Exception {
    Path out = tmp.resolve("bad.out");
    Process run = start(List.of("run", job().toString()), BUILT_IN, Map.of("ATOLL_LOG_LEVEL", "warning"), out);
    assertTrue(run.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS));
    assertEquals(2, run.exitValue(), () -> read(out));
    String text = read(out);
    assertTrue(text.contains("ATOLL_LOG_LEVEL=warning is not a log level: use one of TRACE, DEBUG, INFO, WARN, ERROR"),
        text);
    assertFalse(text.contains("submitted"), text);
  }

  @Test
  void theLevelIsCheckedAgainstLogbacksWords() {
    assertEquals(Optional.empty(), LogLevelSetting.problem("warn", "ATOLL_LOG_LEVEL"));
    assertTrue(LogLevelSetting.problem("verbose", "ATOLL_LOG_LEVEL").isPresent());
    assertEquals(Optional.of("ERROR"), LogLevelSetting.configured(" ", "ERROR"));
    assertEquals(Optional.of("DEBUG"), LogLevelSetting.configured("DEBUG", "ERROR"));
    assertEquals(Optional.empty(), LogLevelSetting.configured(null, ""));
  }

  private Path job() throws IOException {
    return Files.writeString(tmp.resolve("rows.conf"), """
        env { job.name = rows, parallelism = 1 }
        source { FakeSource { row.num = 3, schema.fields { id = bigint } } }
        sink { Console {} }
        """);
  }

  private String finish(List<String> args, Path logback, Map<String, String> env) throws Exception {
    Path out = Files.createTempFile(tmp, "run", ".out");
    Process run = start(args, logback, env, out);
    try {
      assertTrue(run.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS), () -> read(out));
      assertEquals(0, run.exitValue(), () -> read(out));
      return read(out);
    } finally {
      run.destroyForcibly();
    }
  }

  private Process start(List<String> args, Path logback, Map<String, String> env, Path out) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1",
        "-Djava.io.tmpdir=" + tmp, "-Datoll.native-dir=" + tmp.resolve("native-cache"),
        "-Dlogback.configurationFile=" + logback.toAbsolutePath(),
        "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectErrorStream(true);
    builder.environment().remove("ATOLL_LOG_LEVEL");
    builder.environment().putAll(env);
    return builder.start();
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "(cannot read " + file + ": " + e + ")";
    }
  }
}
