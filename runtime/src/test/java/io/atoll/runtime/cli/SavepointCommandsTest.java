package io.atoll.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import io.atoll.protocol.job.JobMetrics;
import io.atoll.protocol.job.JobStatus;
import io.atoll.protocol.resource.ResourceManagerProtocol;
import io.atoll.runtime.config.HttpSettings;
import io.atoll.runtime.connector.PluginRegistry;
import io.atoll.runtime.http.BuildInfo;
import io.atoll.runtime.http.HttpApi;
import io.atoll.runtime.http.TestingJobCoordinator;
import io.atoll.runtime.testing.CliRuns;
import io.atoll.runtime.testing.TestConfigs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code atoll cancel --savepoint} and {@code atoll submit --restore}, in-process against the REST API and a scripted coordinator. */
class SavepointCommandsTest {
  private static final ActorTestKit testKit = ActorTestKit.create("SavepointCommandsTest", TestConfigs.base());

  @TempDir Path tmp;
  private TestingJobCoordinator.Jobs jobs;
  private String cluster;

  @BeforeEach
  void startApi() throws Exception {
    jobs = new TestingJobCoordinator.Jobs();
    cluster = "127.0.0.1:" + HttpApi.start(testKit.system(), new HttpSettings(true, "127.0.0.1", 0, Duration.ofSeconds(3)),
            testKit.createTestProbe(ResourceManagerProtocol.class).ref(),
            testKit.spawn(TestingJobCoordinator.create(jobs)), PluginRegistry.fromClasspath(), new BuildInfo("1", "abc"))
        .toCompletableFuture().get(10, TimeUnit.SECONDS).localAddress().getPort();
  }

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  private Path jobFile() throws Exception {
    Path file = tmp.resolve("job.conf");
    Files.writeString(file, """
        env { job.name = "orders", job.mode = BATCH }
        source { TestingSource { plugin_output = "t", rows = 5 } }
        sink { TestingSink { plugin_input = "t", collect_to = "cli-savepoint" } }
        """);
    return file;
  }

  @Test
  void cancelWithSavepointStopsARunningJobAndSaysHowToContinueIt() {
    jobs.put(TestingJobCoordinator.job(5, "stream", JobStatus.RUNNING, 1, 0, null, JobMetrics.ZERO, null));
    CliRuns.Result run = CliRuns.run("cancel", "--savepoint", "--cluster", cluster, "5");
    assertEquals(0, run.exitCode(), run.all());
    assertTrue(run.out().contains("job 5 stopped with a savepoint (SAVEPOINT_DONE)"), run.out());
    assertTrue(run.out().contains("atoll submit --restore 5 JOBFILE"), run.out());
    assertEquals(JobStatus.SAVEPOINT_DONE, jobs.byId.get(5L).status());

    CliRuns.Result again = CliRuns.run("cancel", "--savepoint", "--cluster", cluster, "5");
    assertEquals(1, again.exitCode(), again.all());
    assertTrue(again.err().contains("atoll: cannot stop job 5 with a savepoint: job 5 is SAVEPOINT_DONE"), again.err());
  }

  @Test
  void cancelWithoutSavepointStillCancels() {
    jobs.put(TestingJobCoordinator.job(6, "stream", JobStatus.RUNNING, 1, 0, null, JobMetrics.ZERO, null));
    CliRuns.Result run = CliRuns.run("cancel", "--cluster", cluster, "6");
    assertEquals(0, run.exitCode(), run.all());
    assertEquals(JobStatus.CANCELED, jobs.byId.get(6L).status());
  }

  @Test
  void submitRestoreSendsTheJobWithItsIdFromItsSavepoint() throws Exception {
    jobs.put(TestingJobCoordinator.job(7, "orders", JobStatus.SAVEPOINT_DONE, 1, 2, null, JobMetrics.ZERO, null));
    CliRuns.Result run = CliRuns.run("submit", "--async", "--restore", "7", "--cluster", cluster, jobFile().toString());
    assertEquals(0, run.exitCode(), run.all());
    assertEquals("7", run.out().strip());
    assertEquals(List.of(7L), jobs.restored);
  }

  @Test
  void submitRestoreWithoutASavepointIsRefusedByTheCluster() throws Exception {
    CliRuns.Result run = CliRuns.run("submit", "--async", "--restore", "8", "--cluster", cluster, jobFile().toString());
    assertEquals(1, run.exitCode(), run.all());
    assertTrue(run.err().contains("no savepoint for job 8"), run.err());
    assertTrue(jobs.restored.isEmpty());
  }

  @Test
  void submitRestoreWithAnotherJobIdOrANonPositiveIdIsAFlagError() throws Exception {
    CliRuns.Result both = CliRuns.run("submit", "--restore", "7", "--job-id", "9", "--cluster", cluster,
        jobFile().toString());
    assertEquals(2, both.exitCode(), both.all());
    assertTrue(both.err().contains("--restore 7 and --job-id 9 differ"), both.err());
    CliRuns.Result zero = CliRuns.run("submit", "--restore", "0", "--cluster", cluster, jobFile().toString());
    assertEquals(2, zero.exitCode(), zero.all());
    assertTrue(zero.err().contains("--restore must be a positive job id, got 0"), zero.err());
    assertTrue(jobs.restored.isEmpty() && jobs.submitted.isEmpty(), "nothing was sent");
  }
}
