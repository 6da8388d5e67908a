package io.atoll.runtime.master.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import io.atoll.persistence.JournalDatabase;
import io.atoll.persistence.PersistenceConfig;
import io.atoll.persistence.TestDatabase;
import io.atoll.protocol.execution.JobMasterProtocol;
import io.atoll.protocol.execution.SplitProtocol;
import io.atoll.protocol.execution.TaskExecutorProtocol;
import io.atoll.protocol.execution.TaskGroupId;
import io.atoll.protocol.job.JobCoordinatorProtocol;
import io.atoll.protocol.job.JobDefinition;
import io.atoll.protocol.job.JobMetrics;
import io.atoll.protocol.job.JobStatus;
import io.atoll.protocol.job.JobSummary;
import io.atoll.protocol.resource.JobId;
import io.atoll.protocol.resource.ResourceManagerProtocol;
import io.atoll.protocol.resource.SlotProfile;
import io.atoll.protocol.resource.SlotReply;
import io.atoll.runtime.config.JobSettings;
import io.atoll.runtime.testing.Jobs;
import io.atoll.runtime.testing.Profiles;
import io.atoll.runtime.testing.TestConfigs;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The JobCoordinator and a JobMaster on the shared JDBC journal (PostgreSQL, a fresh database per
 * test): written by one ActorSystem, which is then terminated as a crashed master's would be, and
 * recovered by a new ActorSystem — another master — with the same jobs, queue and history, and the
 * running job's pipeline and slots, whose task groups it adopts.
 */
class JdbcJournalRestartTest {
  private static final JobSettings SETTINGS = new JobSettings(JobSettings.ScheduleStrategy.WAIT, Duration.ofHours(1),
      Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(1), Duration.ofSeconds(10), 3,
      Duration.ofHours(1), Duration.ofMinutes(1));
  private static final String A = "akka://atoll@127.0.0.1:1";
  private static final String B = "akka://atoll@127.0.0.1:2";
  private static final JobDefinition JOB = Jobs.testing("r", 1, "{\"rows\":1}", "{\"collect_to\":\"r\"}", 0);

  private TestDatabase database;
  private ActorTestKit testKit;

  @BeforeEach
  void createDatabase() {
    database = TestDatabase.create("restart_test");
    JournalDatabase.prepare(database.settings());
  }

  @AfterEach
  void dropDatabase() {
    if (testKit != null) {
      testKit.shutdownTestKit();
    }
    if (database != null) { // null when the test was skipped: no database configured
      database.close();
    }
  }

  /** A master's ActorSystem on the test database; the previous one is terminated first. */
  private ActorTestKit startMaster(String name) throws Exception {
    if (testKit != null) {
      testKit.system().terminate();
      testKit.system().getWhenTerminated().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }
    testKit = ActorTestKit.create(name, PersistenceConfig.forJdbc(database.settings()).withFallback(TestConfigs.base()));
    return testKit;
  }

  @Test
  void coordinatorJobsQueueAndHistorySurviveANewActorSystem() throws Exception {
    ActorTestKit first = startMaster("first");
    TestProbe<JobMasterProtocol> jobMasters = first.createTestProbe();
    ActorRef<JobCoordinatorProtocol> coordinator = first.spawn(JobCoordinator.create(SETTINGS, JobCoordinatorTesting.SETTINGS,
        id -> jobMasters.ref(), first.spawn(JobCoordinatorTesting.resources(JobCoordinatorTesting.UNKNOWN))));
    long a = submit(first, coordinator);
    assertEquals(a, assertInstanceOf(JobMasterProtocol.StartJob.class, jobMasters.receiveMessage()).jobId());
    long b = submit(first, coordinator);
    coordinator.tell(new JobCoordinatorProtocol.JobStatusChanged(a, JobStatus.FINISHED, null, new JobMetrics(1, 8, 1, 8)));
    assertEquals(b, assertInstanceOf(JobMasterProtocol.StartJob.class, jobMasters.receiveMessage()).jobId());
    long c = submit(first, coordinator); // queued behind b
    jobMasters.expectNoMessage(Duration.ofMillis(50));

    ActorTestKit second = startMaster("second");
    TestProbe<JobMasterProtocol> jobMasters2 = second.createTestProbe();
    coordinator = second.spawn(JobCoordinator.create(SETTINGS, JobCoordinatorTesting.SETTINGS,
        id -> jobMasters2.ref(), second.spawn(JobCoordinatorTesting.resources(JobCoordinatorTesting.UNKNOWN))));
    JobMasterProtocol.GetJobStatus probeB = assertInstanceOf(JobMasterProtocol.GetJobStatus.class,
        jobMasters2.receiveMessage(Duration.ofSeconds(20)));
    probeB.replyTo().tell(new JobMasterProtocol.JobMasterStatus(b, JobStatus.PENDING));
    TestProbe<JobCoordinatorProtocol.JobList> list = second.createTestProbe();
    coordinator.tell(new JobCoordinatorProtocol.ListJobs(list.ref()));
    Map<Long, JobSummary> jobs = list.receiveMessage().jobs().stream()
        .collect(Collectors.toMap(JobSummary::jobId, j -> j));
    assertEquals(List.of(a, b, c), jobs.keySet().stream().sorted().toList());
    assertEquals(JobStatus.FINISHED, jobs.get(a).status());
    assertEquals(1, jobs.get(a).metrics().rowsWritten(), "history with its final counters");
    assertEquals(JobStatus.PENDING, jobs.get(c).status());
    coordinator.tell(new JobCoordinatorProtocol.JobStatusChanged(b, JobStatus.RUNNING, null, JobMetrics.ZERO));
    assertEquals(c, assertInstanceOf(JobMasterProtocol.StartJob.class, jobMasters2.receiveMessage()).jobId(),
        "the recovered queue moves on");
    long d = submit(second, coordinator);
    assertTrue(d > c, "job ids are never reused: " + d + " after " + c);
  }

  @Test
  void aJobMasterRecoveredByANewActorSystemAdoptsItsRunningTaskGroups() throws Exception {
    long jobId = 42;
    ActorTestKit first = startMaster("first");
    Peers before = new Peers(first);
    ActorRef<JobMasterProtocol> master = first.spawn(before.jobMaster(jobId));
    master.tell(new JobMasterProtocol.StartJob(jobId, JOB, before.coordinator.ref()));
    assertEquals(JobStatus.PENDING, before.status());
    assertInstanceOf(ResourceManagerProtocol.RequestSlots.class, before.rm.receiveMessage()).replyTo().tell(
        new SlotReply.SlotsAllocated(JobId.of(jobId), List.of(slot(A, 0, jobId), slot(B, 0, jobId))));
    assertEquals(JobStatus.SCHEDULED, before.status());
    TaskGroupId enumerator = before.deployOn(A);
    TestProbe<SplitProtocol> enumeratorRef = first.createTestProbe();
    master.tell(new JobMasterProtocol.TaskGroupStateChanged(enumerator, JobStatus.RUNNING, null, JobMetrics.ZERO, enumeratorRef.ref()));
    TaskGroupId reader = before.deployOn(B);
    master.tell(new JobMasterProtocol.TaskGroupStateChanged(reader, JobStatus.RUNNING, null, JobMetrics.ZERO, null));
    assertEquals(JobStatus.RUNNING, before.status());

    ActorTestKit second = startMaster("second");
    Peers after = new Peers(second);
    master = second.spawn(after.jobMaster(jobId));
    assertEquals(JobStatus.RUNNING, after.status(), "the recovered state is reported to the new coordinator");
    after.answerQuery(A, jobId, enumerator);
    after.answerQuery(B, jobId, reader);
    after.workers.get(A).expectNoMessage(Duration.ofMillis(200)); // adopted: nothing cancelled or redeployed
    master.tell(new JobMasterProtocol.TaskGroupStateChanged(enumerator, JobStatus.FINISHED, null, JobMetrics.ZERO, null));
    master.tell(new JobMasterProtocol.TaskGroupStateChanged(reader, JobStatus.FINISHED, null, new JobMetrics(5, 40, 5, 40), null));
    ResourceManagerProtocol.ReleaseSlots release = assertInstanceOf(ResourceManagerProtocol.ReleaseSlots.class,
        after.rm.receiveMessage());
    assertEquals(2, release.slots().size(), "the recorded slots are released");
    assertEquals(JobStatus.FINISHED, after.status());
  }

  private static long submit(ActorTestKit kit, ActorRef<JobCoordinatorProtocol> coordinator) {
    TestProbe<JobCoordinatorProtocol.SubmitReply> reply = kit.createTestProbe();
    coordinator.tell(new JobCoordinatorProtocol.SubmitJob(JOB, 0, reply.ref()));
    return assertInstanceOf(JobCoordinatorProtocol.JobAccepted.class, reply.receiveMessage(Duration.ofSeconds(20))).jobId();
  }

  private static SlotProfile slot(String worker, int id, long job) {
    return SlotProfile.free(worker, 1, id, Profiles.SLOT).assignTo(JobId.of(job));
  }

  /** Probes for a JobMaster's peers in one ActorSystem. */
  private static final class Peers {
    final TestProbe<ResourceManagerProtocol> rm;
    final TestProbe<JobCoordinatorProtocol> coordinator;
    final Map<String, TestProbe<TaskExecutorProtocol>> workers;

    Peers(ActorTestKit kit) {
      rm = kit.createTestProbe();
      coordinator = kit.createTestProbe();
      workers = Map.of(A, kit.createTestProbe(), B, kit.createTestProbe());
    }

    akka.actor.typed.Behavior<JobMasterProtocol> jobMaster(long jobId) {
      return JobMaster.create(jobId, SETTINGS, rm.ref(), coordinator.ref(), slot -> workers.get(slot.worker()).ref(), null);
    }

    JobStatus status() {
      return assertInstanceOf(JobCoordinatorProtocol.JobStatusChanged.class,
          coordinator.receiveMessage(Duration.ofSeconds(20))).status();
    }

    TaskGroupId deployOn(String worker) {
      return assertInstanceOf(TaskExecutorProtocol.DeployTaskGroup.class, workers.get(worker).receiveMessage())
          .descriptor().id();
    }

    void answerQuery(String worker, long jobId, TaskGroupId... running) {
      TaskExecutorProtocol.QueryTaskGroups query = assertInstanceOf(TaskExecutorProtocol.QueryTaskGroups.class,
          workers.get(worker).receiveMessage(Duration.ofSeconds(20)));
      assertEquals(jobId, query.jobId());
      query.replyTo().tell(new TaskExecutorProtocol.TaskGroupsRunning(worker, List.of(running)));
    }
  }
}
