package io.atoll.runtime.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import io.atoll.persistence.PersistenceConfig;
import io.atoll.protocol.execution.JobMasterProtocol;
import io.atoll.protocol.job.JobCoordinatorProtocol;
import io.atoll.protocol.job.JobDefinition;
import io.atoll.protocol.job.JobMetrics;
import io.atoll.protocol.job.JobStatus;
import io.atoll.protocol.job.JobSummary;
import io.atoll.protocol.resource.ResourceManagerProtocol;
import io.atoll.protocol.resource.SlotCapacity;
import io.atoll.runtime.config.ClientSettings;
import io.atoll.runtime.config.CoordinatorSettings;
import io.atoll.runtime.config.JobSettings;
import io.atoll.runtime.connector.PluginRegistry;
import io.atoll.runtime.master.job.JobCoordinator;
import io.atoll.runtime.testing.Jobs;
import io.atoll.runtime.testing.TestConfigs;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * {@link JobClient#result} never waits on one unbounded ask: it gets the result although the
 * coordinator (and every waiter it kept in memory) was stopped and started again on the same
 * journal meanwhile, and it fails with a message naming what it tried when the coordinator stays
 * unreachable. Real time with short settings: the client's own retries are what is under test.
 */
class JobClientResultTest {
  private static final ActorTestKit testKit = ActorTestKit.create("job-client-result",
      PersistenceConfig.forDataDir(createTemp()).withFallback(TestConfigs.base()));
  private static final JobSettings JOBS = new JobSettings(JobSettings.ScheduleStrategy.WAIT, Duration.ofHours(1),
      Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(1), Duration.ofSeconds(10), 100,
      Duration.ofHours(1), Duration.ofMinutes(1));
  private static final CoordinatorSettings COORDINATOR = new CoordinatorSettings(Duration.ofSeconds(1),
      Duration.ofMinutes(3), 10, Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofSeconds(60), 3);
  private static final ClientSettings CLIENT = new ClientSettings(Duration.ofMillis(500), Duration.ofMillis(300),
      Duration.ofMillis(100), Duration.ofSeconds(30));
  private static final JobDefinition JOB = Jobs.testing("c", 1, "{\"rows\":1}", "{\"collect_to\":\"c\"}", 0);

  private static java.nio.file.Path createTemp() {
    try {
      return Files.createTempDirectory("atoll-job-client");
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  /** Stands in for the singleton proxy: forwards to whichever coordinator runs now (none: dropped). */
  private static Behavior<JobCoordinatorProtocol> proxy(AtomicReference<ActorRef<JobCoordinatorProtocol>> current) {
    return Behaviors.receive(JobCoordinatorProtocol.class)
        .onAnyMessage(message -> {
          ActorRef<JobCoordinatorProtocol> target = current.get();
          if (target != null) {
            target.tell(message);
          }
          return Behaviors.same();
        })
        .build();
  }

  private static Behavior<ResourceManagerProtocol> unknownCapacity() {
    return Behaviors.receive(ResourceManagerProtocol.class)
        .onMessage(ResourceManagerProtocol.GetSlotCapacity.class, query -> {
          query.replyTo().tell(new SlotCapacity(List.of(), false));
          return Behaviors.same();
        })
        .build();
  }

  private ActorRef<JobCoordinatorProtocol> coordinator(TestProbe<JobMasterProtocol> jobMasters) {
    return testKit.spawn(JobCoordinator.create(JOBS, COORDINATOR, id -> jobMasters.ref(), testKit.spawn(unknownCapacity())));
  }

  @Test
  void theResultArrivesAlthoughTheCoordinatorRestartedWhileTheClientWaited() throws Exception {
    TestProbe<JobMasterProtocol> jobMasters = testKit.createTestProbe();
    AtomicReference<ActorRef<JobCoordinatorProtocol>> current = new AtomicReference<>(coordinator(jobMasters));
    JobClient client = new JobClient(testKit.system(), testKit.spawn(proxy(current)), PluginRegistry.fromClasspath(), CLIENT);
    long jobId = client.submit(JOB).toCompletableFuture().get(10, TimeUnit.SECONDS);
    jobMasters.expectMessageClass(JobMasterProtocol.StartJob.class);
    current.get().tell(new JobCoordinatorProtocol.JobStatusChanged(jobId, JobStatus.RUNNING, null, JobMetrics.ZERO));

    CompletableFuture<JobSummary> result = client.result(jobId).toCompletableFuture();
    ActorRef<JobCoordinatorProtocol> first = current.getAndSet(null);
    testKit.stop(first); // every waiter it kept is gone with it
    TestProbe<JobMasterProtocol> jobMasters2 = testKit.createTestProbe();
    ActorRef<JobCoordinatorProtocol> second = coordinator(jobMasters2);
    current.set(second);
    JobMasterProtocol.GetJobStatus probe = jobMasters2.expectMessageClass(JobMasterProtocol.GetJobStatus.class);
    probe.replyTo().tell(new JobMasterProtocol.JobMasterStatus(jobId, JobStatus.RUNNING));
    assertFalse(result.isDone(), "the job still runs");

    second.tell(new JobCoordinatorProtocol.JobStatusChanged(jobId, JobStatus.FINISHED, null, new JobMetrics(1, 8, 1, 8)));
    JobSummary end = result.get(10, TimeUnit.SECONDS);
    assertEquals(JobStatus.FINISHED, end.status());
    assertEquals(1, end.metrics().rowsWritten());
  }

  @Test
  void aWaitFailsNamingWhatItTriedWhenTheCoordinatorStaysUnreachable() {
    AtomicReference<ActorRef<JobCoordinatorProtocol>> nobody = new AtomicReference<>();
    ClientSettings impatient = new ClientSettings(Duration.ofMillis(200), Duration.ofMillis(200),
        Duration.ofMillis(50), Duration.ofSeconds(1));
    JobClient client = new JobClient(testKit.system(), testKit.spawn(proxy(nobody)), PluginRegistry.fromClasspath(), impatient);

    ExecutionException failed = assertThrows(ExecutionException.class,
        () -> client.result(42).toCompletableFuture().get(20, TimeUnit.SECONDS));

    CoordinatorUnreachableException e = assertInstanceOf(CoordinatorUnreachableException.class, failed.getCause());
    assertTrue(e.getMessage().contains("while waiting for job 42: no answer for 1 s"), e.getMessage());
    assertTrue(e.getMessage().contains("AwaitJob") && e.getMessage().contains("GetJob"), e.getMessage());
    assertTrue(e.getMessage().contains("atoll status 42"), e.getMessage());
  }
}
