package io.atoll.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import io.atoll.protocol.job.JobMetrics;
import io.atoll.protocol.job.JobStatus;
import io.atoll.protocol.resource.ResourceManagerProtocol;
import io.atoll.runtime.Main;
import io.atoll.runtime.cli.SubmitInterrupt.Choice;
import io.atoll.runtime.cli.SubmitInterrupt.Mode;
import io.atoll.runtime.config.HttpSettings;
import io.atoll.runtime.connector.PluginRegistry;
import io.atoll.runtime.http.BuildInfo;
import io.atoll.runtime.http.HttpApi;
import io.atoll.runtime.http.TestingJobCoordinator;
import io.atoll.runtime.testing.TestConfigs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C during {@code atoll submit}: the choice as a pure function, and a real {@code submit}
 * process (no terminal: its stdin and stdout are not a console) interrupted with SIGINT while it
 * follows a job of the REST API served here, whose scripted coordinator keeps the job RUNNING until
 * it is cancelled.
 */
class SubmitInterruptTest {
  private static final long TIMEOUT_SECONDS = 60;
  private static final ActorTestKit testKit = ActorTestKit.create("SubmitInterruptTest", TestConfigs.base());

  @TempDir Path tmp;
  private TestingJobCoordinator.Jobs jobs;
  private String cluster;

  @BeforeEach
  void startApi() throws Exception {
    jobs = new TestingJobCoordinator.Jobs();
    jobs.onLookup = job -> job.with(JobStatus.RUNNING, null, 0).withMetrics(new JobMetrics(5, 50, 4, 40));
    int port = HttpApi.start(testKit.system(), new HttpSettings(true, "127.0.0.1", 0, Duration.ofSeconds(3)),
            testKit.createTestProbe(ResourceManagerProtocol.class).ref(),
            testKit.spawn(TestingJobCoordinator.create(jobs)), PluginRegistry.fromClasspath(), new BuildInfo("1", "abc"))
        .toCompletableFuture().get(10, TimeUnit.SECONDS).localAddress().getPort();
    cluster = "127.0.0.1:" + port;
  }

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  @Test
  void askingCancelsOnlyOnYesFromATerminal() {
    AtomicInteger asked = new AtomicInteger();
    assertEquals(Choice.CANCEL, SubmitInterrupt.decide(Mode.ASK, true, answer("y", asked)));
    assertEquals(Choice.CANCEL, SubmitInterrupt.decide(Mode.ASK, true, answer(" YES\n", asked)));
    assertEquals(Choice.DETACH, SubmitInterrupt.decide(Mode.ASK, true, answer("n", asked)));
    assertEquals(Choice.DETACH, SubmitInterrupt.decide(Mode.ASK, true, answer("", asked)), "Enter takes the default, N");
    assertEquals(Choice.DETACH, SubmitInterrupt.decide(Mode.ASK, true, answer("yep", asked)));
    assertEquals(Choice.DETACH, SubmitInterrupt.decide(Mode.ASK, true, () -> {
      asked.incrementAndGet();
      return Optional.empty(); // no answer in time, or end of input
    }));
    assertEquals(6, asked.get());
  }

  @Test
  void withoutATerminalOrWithAFixedModeNobodyIsAsked() {
    AtomicInteger asked = new AtomicInteger();
    assertEquals(Choice.DETACH, SubmitInterrupt.decide(Mode.ASK, false, answer("y", asked)));
    assertEquals(Choice.CANCEL, SubmitInterrupt.decide(Mode.CANCEL, true, answer("n", asked)));
    assertEquals(Choice.CANCEL, SubmitInterrupt.decide(Mode.CANCEL, false, answer("n", asked)));
    assertEquals(Choice.DETACH, SubmitInterrupt.decide(Mode.DETACH, true, answer("y", asked)));
    assertEquals(0, asked.get());
  }

  @Test
  void ctrlCWithoutATerminalDetachesAndSaysHowToFollowTheJob() throws Exception {
    Path out = tmp.resolve("submit.out");
    Process submit = startSubmit(out);
    try {
      awaitOutput(submit, out, "RUNNING  read 5 rows");
      interrupt(submit);

      String text = read(out);
      assertEquals(130, submit.exitValue(), text);
      assertTrue(text.contains("atoll: detached from job 1000, which keeps running on the cluster at http://" + cluster
          + " (no terminal to ask whether to cancel it; --on-interrupt=cancel cancels it on Ctrl-C)"), text);
      assertTrue(text.contains("follow it with 'atoll status 1000 --cluster " + cluster + "', cancel it with "
          + "'atoll cancel 1000 --cluster " + cluster + "'"), text);
      assertFalse(text.contains("Job Statistic Information"), text);
      assertEquals(JobStatus.RUNNING, jobs.byId.get(1000L).status(), "the job was left running");
    } finally {
      submit.destroyForcibly();
    }
  }

  @Test
  void ctrlCWithOnInterruptCancelCancelsTheJobAndShowsItsCanceledEnd() throws Exception {
    Path out = tmp.resolve("submit.out");
    Process submit = startSubmit(out, "--on-interrupt=cancel");
    try {
      awaitOutput(submit, out, "RUNNING  read 5 rows");
      interrupt(submit);

      String text = read(out);
      assertEquals(130, submit.exitValue(), text);
      assertEquals(JobStatus.CANCELED, jobs.byId.get(1000L).status());
      assertTrue(text.contains("atoll: cancelling job 1000 on the cluster at http://" + cluster), text);
      assertTrue(text.contains("Job Status                : CANCELED"), text);
      assertEquals(1, text.split("Job Statistic Information", -1).length - 1, "the statistics once: " + text);
      assertTrue(text.contains("atoll: job 1000 CANCELED: cancelled by request"), text);
    } finally {
      submit.destroyForcibly();
    }
  }

  @Test
  void aWrongModeIsAUsageError() throws Exception {
    Path out = tmp.resolve("submit.out");
    Process submit = startSubmit(out, "--on-interrupt=later");
    assertTrue(submit.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS));
    assertEquals(2, submit.exitValue(), read(out));
    assertTrue(read(out).contains("--on-interrupt: expected ask, cancel or detach, got 'later'"), read(out));
    assertEquals(List.of(), jobs.submitted, "nothing was submitted");
  }

  private static java.util.function.Supplier<Optional<String>> answer(String text, AtomicInteger asked) {
    return () -> {
      asked.incrementAndGet();
      return Optional.of(text);
    };
  }

  /** {@code atoll submit} in a child JVM, SIGINT's default handling restored (see {@link RunCommandSignalTest}). */
  private Process startSubmit(Path out, String... extra) throws IOException {
    Path job = Files.writeString(tmp.resolve("job.conf"), """
        env { job.name = orders }
        source { FakeSource { row.num = 10, schema.fields { id = bigint } } }
        sink { Console {} }
        """);
    String java = ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    List<String> command = new ArrayList<>(List.of("env", "--default-signal=INT", java, "-Xmx256m",
        "-cp", System.getProperty("java.class.path"), Main.class.getName(),
        "submit", "--cluster", cluster, "--poll-millis=100"));
    command.addAll(List.of(extra));
    command.add(job.toString());
    return new ProcessBuilder(command)
        .redirectOutput(out.toFile())
        .redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
        .start();
  }

  private static void interrupt(Process process) throws Exception {
    Process kill = new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).inheritIO().start();
    assertEquals(0, kill.waitFor());
    if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      fail("submit did not end on SIGINT");
    }
  }

  private static void awaitOutput(Process process, Path out, String text) throws IOException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
    while (!Files.readString(out).contains(text) && process.isAlive() && System.nanoTime() < deadline) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
    }
    assertTrue(Files.readString(out).contains(text), () -> "waiting for '" + text + "': " + read(out));
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "(cannot read " + file + ": " + e + ")";
    }
  }
}
