package io.atoll.runtime.master.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.LoggingTestKit;
import akka.actor.testkit.typed.javadsl.ManualTime;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import io.atoll.persistence.PersistenceConfig;
import io.atoll.protocol.execution.JobMasterProtocol;
import io.atoll.protocol.job.JobCoordinatorProtocol;
import io.atoll.protocol.job.JobDefinition;
import io.atoll.protocol.job.JobMetrics;
import io.atoll.protocol.job.JobStatus;
import io.atoll.protocol.job.JobSummary;
import io.atoll.protocol.resource.SlotCapacity;
import io.atoll.runtime.config.CoordinatorSettings;
import io.atoll.runtime.config.JobSettings;
import io.atoll.runtime.testing.Jobs;
import io.atoll.runtime.testing.TestConfigs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The queue cannot jam: a job the live cluster can never hold is refused at submit with the numbers,
 * a small job starts while a big one waits for free slots (a bounded number of times), and a queued
 * job whose need exceeds the cluster after workers left fails after the unschedulable timeout.
 * Each test has its own journal, so the coordinator starts empty.
 */
class JobCoordinatorAdmissionTest {
  private static final JobSettings SETTINGS = new JobSettings(JobSettings.ScheduleStrategy.WAIT, Duration.ofHours(1),
      Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(1), Duration.ofSeconds(10), 100,
      Duration.ofHours(1), Duration.ofMinutes(1));

  private ActorTestKit testKit;
  private ManualTime time;
  private TestProbe<JobMasterProtocol> jobMasters;
  private final AtomicReference<SlotCapacity> capacity = new AtomicReference<>();

  @BeforeEach
  void start() throws Exception {
    Path data = Files.createTempDirectory("atoll-coordinator-admission");
    testKit = ActorTestKit.create("coordinator-admission",
        ManualTime.config().withFallback(PersistenceConfig.forDataDir(data)).withFallback(TestConfigs.base()));
    time = ManualTime.get(testKit.system());
    jobMasters = testKit.createTestProbe();
  }

  @AfterEach
  void stop() {
    testKit.shutdownTestKit();
  }

  private ActorRef<JobCoordinatorProtocol> spawn(CoordinatorSettings settings) {
    return testKit.spawn(JobCoordinator.create(SETTINGS, settings, jobId -> jobMasters.ref(),
        testKit.spawn(JobCoordinatorTesting.resources(capacity))));
  }

  private static JobDefinition job(String name, int parallelism) {
    return Jobs.testing(name, parallelism, "{\"rows\":1}", "{\"collect_to\":\"" + name + "\"}", 0);
  }

  private JobCoordinatorProtocol.SubmitReply submit(ActorRef<JobCoordinatorProtocol> coordinator, JobDefinition job) {
    TestProbe<JobCoordinatorProtocol.SubmitReply> reply = testKit.createTestProbe();
    coordinator.tell(new JobCoordinatorProtocol.SubmitJob(job, 0, reply.ref()));
    return reply.receiveMessage();
  }

  private long accepted(ActorRef<JobCoordinatorProtocol> coordinator, JobDefinition job) {
    return assertInstanceOf(JobCoordinatorProtocol.JobAccepted.class, submit(coordinator, job)).jobId();
  }

  private long started() {
    return assertInstanceOf(JobMasterProtocol.StartJob.class, jobMasters.receiveMessage()).jobId();
  }

  private static SlotCapacity cluster(int total, int free) {
    return new SlotCapacity(List.of(JobCoordinatorTesting.worker("w1", total / 2, free / 2),
        JobCoordinatorTesting.worker("w2", total - total / 2, free - free / 2)), true);
  }

  @Test
  void aJobTheClusterCanNeverHoldIsRefusedAtSubmitWithTheNumbers() {
    capacity.set(cluster(8, 8));
    ActorRef<JobCoordinatorProtocol> coordinator = spawn(JobCoordinatorTesting.SETTINGS);

    String reason = assertInstanceOf(JobCoordinatorProtocol.JobRejected.class,
        submit(coordinator, job("huge", 100_000))).reason();

    assertTrue(reason.contains("needs 100001 slots (1 pipeline x (1 + parallelism 100000))"), reason);
    assertTrue(reason.contains("8 slots in total on 2 live workers"), reason);
    TestProbe<JobCoordinatorProtocol.JobList> list = testKit.createTestProbe();
    coordinator.tell(new JobCoordinatorProtocol.ListJobs(list.ref()));
    assertEquals(List.of(), list.receiveMessage().jobs(), "nothing was stored");
    long small = accepted(coordinator, job("small", 7)); // 8 slots: exactly the cluster
    assertEquals(small, started());
  }

  @Test
  void aSmallJobStartsWhileABigOneWaitsForFreeSlots() {
    capacity.set(cluster(10, 3)); // another job holds 7 slots
    ActorRef<JobCoordinatorProtocol> coordinator = spawn(JobCoordinatorTesting.SETTINGS);
    long big = accepted(coordinator, job("big", 5)); // needs 6
    jobMasters.expectNoMessage(Duration.ofMillis(100));
    long small = accepted(coordinator, job("small", 1)); // needs 2

    assertEquals(small, started(), "the small job passes the big one");
    coordinator.tell(new JobCoordinatorProtocol.JobStatusChanged(small, JobStatus.SCHEDULED, null, JobMetrics.ZERO));
    capacity.set(cluster(10, 1));
    time.timePasses(SETTINGS.slotRetryInterval());
    jobMasters.expectNoMessage(Duration.ofMillis(100));

    capacity.set(cluster(10, 10)); // the other jobs ended
    time.timePasses(SETTINGS.slotRetryInterval());
    assertEquals(big, started(), "the big job starts once its slots are free");
  }

  @Test
  void aWaitingJobIsPassedAtMostTheBypassLimit() {
    CoordinatorSettings oneBypass = new CoordinatorSettings(Duration.ofSeconds(1), Duration.ofMinutes(3), 1,
        Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofSeconds(60), 3);
    capacity.set(cluster(10, 4));
    ActorRef<JobCoordinatorProtocol> coordinator = spawn(oneBypass);
    long big = accepted(coordinator, job("big", 5));
    long first = accepted(coordinator, job("first", 1));
    assertEquals(first, started());
    coordinator.tell(new JobCoordinatorProtocol.JobStatusChanged(first, JobStatus.SCHEDULED, null, JobMetrics.ZERO));
    capacity.set(cluster(10, 2));

    accepted(coordinator, job("second", 1)); // fits the 2 free slots, but the big job was passed once already
    time.timePasses(SETTINGS.slotRetryInterval());
    jobMasters.expectNoMessage(Duration.ofMillis(100));

    capacity.set(cluster(10, 8));
    time.timePasses(SETTINGS.slotRetryInterval());
    assertEquals(big, started(), "the queue waited for the big job");
  }

  @Test
  void aQueuedJobFailsWithAReasonWhenTheClusterShrankBelowItsNeed() {
    capacity.set(cluster(10, 2));
    ActorRef<JobCoordinatorProtocol> coordinator = spawn(JobCoordinatorTesting.SETTINGS);
    long big = accepted(coordinator, job("big", 5)); // needs 6, fits the cluster's 10
    TestProbe<JobCoordinatorProtocol.JobLookup> end = testKit.createTestProbe();
    coordinator.tell(new JobCoordinatorProtocol.AwaitJob(big, end.ref()));
    LoggingTestKit.warn("needs more slots than the live workers have").expect(testKit.system(), () -> {
      capacity.set(cluster(4, 2)); // a worker left
      time.timePasses(SETTINGS.slotRetryInterval());
      return null;
    });
    time.timePasses(Duration.ofMinutes(2));
    end.expectNoMessage(Duration.ofMillis(100)); // workers may come back within the timeout

    time.timePasses(Duration.ofMinutes(1));
    JobSummary failed = awaitEnd(end);
    assertEquals(JobStatus.FAILED, failed.status());
    assertTrue(failed.errorMessage().contains("needs 6 slots"), failed.errorMessage());
    assertTrue(failed.errorMessage().contains("only 4 slots in total"), failed.errorMessage());
    jobMasters.expectNoMessage(Duration.ofMillis(50)); // it never started
  }

  /**
   * The answer to the job's end. On a loaded machine the capacity question asked when the timeout
   * fired may still be on its way when manual time jumps past its own ask timeout; the coordinator
   * then asks again at its next admission tick, so time moves on tick by tick (bounded) until it does.
   */
  private JobSummary awaitEnd(TestProbe<JobCoordinatorProtocol.JobLookup> end) {
    for (int tick = 0; tick < 20; tick++) {
      try {
        return end.receiveMessage(Duration.ofMillis(500)).job();
      } catch (AssertionError notYet) {
        time.timePasses(SETTINGS.slotRetryInterval());
      }
    }
    return end.receiveMessage().job();
  }
}
