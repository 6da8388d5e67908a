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
import io.atoll.runtime.config.JobSettings;
import io.atoll.runtime.testing.Jobs;
import io.atoll.runtime.testing.TestConfigs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The JobCoordinator on a real LevelDB journal (snapshots every 3 events, older events deleted):
 * stopped and started again, it has the same jobs, queue and history, and it asks the job master of
 * every job that was running whether it still runs, again and again while it does not answer.
 */
class JobCoordinatorRecoveryTest {
  private static final Path DATA = createTemp();
  private static final ActorTestKit testKit = ActorTestKit.create("coordinator-recovery",
      ManualTime.config().withFallback(PersistenceConfig.forDataDir(DATA)).withFallback(TestConfigs.base()));
  private static final ManualTime time = ManualTime.get(testKit.system());
  private static final JobSettings SETTINGS = new JobSettings(JobSettings.ScheduleStrategy.WAIT, Duration.ofHours(1),
      Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(1), Duration.ofSeconds(10), 3,
      Duration.ofHours(1), Duration.ofMinutes(1));

  private final TestProbe<JobMasterProtocol> jobMasters = testKit.createTestProbe();

  private static Path createTemp() {
    try {
      return Files.createTempDirectory("atoll-coordinator-test");
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  private ActorRef<JobCoordinatorProtocol> spawn() {
    return testKit.spawn(JobCoordinator.create(SETTINGS, JobCoordinatorTesting.SETTINGS, jobId -> jobMasters.ref(),
        testKit.spawn(JobCoordinatorTesting.resources(JobCoordinatorTesting.UNKNOWN))));
  }

  private long submit(ActorRef<JobCoordinatorProtocol> coordinator, JobDefinition job) {
    TestProbe<JobCoordinatorProtocol.SubmitReply> reply = testKit.createTestProbe();
    coordinator.tell(new JobCoordinatorProtocol.SubmitJob(job, 0, reply.ref()));
    return assertInstanceOf(JobCoordinatorProtocol.JobAccepted.class, reply.receiveMessage()).jobId();
  }

  private Map<Long, JobSummary> jobs(ActorRef<JobCoordinatorProtocol> coordinator) {
    TestProbe<JobCoordinatorProtocol.JobList> reply = testKit.createTestProbe();
    coordinator.tell(new JobCoordinatorProtocol.ListJobs(reply.ref()));
    return reply.receiveMessage().jobs().stream().collect(Collectors.toMap(JobSummary::jobId, j -> j));
  }

  private void stop(ActorRef<JobCoordinatorProtocol> coordinator) {
    TestProbe<Object> watcher = testKit.createTestProbe();
    testKit.stop(coordinator);
    watcher.expectTerminated(coordinator);
  }

  @Test
  void jobsQueueAndHistorySurviveARestartAndSlowJobMastersAreAskedAgain() {
    JobDefinition def = Jobs.testing("r", 1, "{\"rows\":1}", "{\"collect_to\":\"r\"}", 0);
    ActorRef<JobCoordinatorProtocol> coordinator = spawn();
    long a = submit(coordinator, def);
    assertEquals(a, assertInstanceOf(JobMasterProtocol.StartJob.class, jobMasters.receiveMessage()).jobId());
    long b = submit(coordinator, def);
    jobMasters.expectNoMessage(Duration.ofMillis(50)); // b waits behind a
    coordinator.tell(new JobCoordinatorProtocol.JobStatusChanged(a, JobStatus.FINISHED, null, new JobMetrics(1, 8, 1, 8)));
    assertEquals(b, assertInstanceOf(JobMasterProtocol.StartJob.class, jobMasters.receiveMessage()).jobId());
    long c = submit(coordinator, def); // b still waits for slots: c is queued
    jobMasters.expectNoMessage(Duration.ofMillis(50));

    stop(coordinator);
    coordinator = spawn();
    JobMasterProtocol.GetJobStatus probeB = assertInstanceOf(JobMasterProtocol.GetJobStatus.class, jobMasters.receiveMessage());
    Map<Long, JobSummary> recovered = jobs(coordinator);
    assertEquals(List.of(a, b, c), recovered.keySet().stream().sorted().toList());
    assertEquals(JobStatus.FINISHED, recovered.get(a).status());
    assertEquals(1, recovered.get(a).metrics().rowsWritten(), "final counters are journalled with the end");
    assertEquals(JobStatus.PENDING, recovered.get(b).status());
    assertEquals(JobStatus.PENDING, recovered.get(c).status());

    coordinator.tell(new JobCoordinatorProtocol.JobStatusChanged(b, JobStatus.RUNNING, null, JobMetrics.ZERO));
    assertEquals(c, assertInstanceOf(JobMasterProtocol.StartJob.class, jobMasters.receiveMessage()).jobId(),
        "the queue moves on after the restart");
    // b's job master answered PENDING before it reported RUNNING, but the answer comes in last
    ActorRef<JobCoordinatorProtocol> restarted = coordinator;
    LoggingTestKit.info("job master of job " + b + " answered after 1 probe(s): PENDING").expect(testKit.system(), () -> {
      probeB.replyTo().tell(new JobMasterProtocol.JobMasterStatus(b, JobStatus.PENDING));
      return null;
    });
    assertEquals(JobStatus.RUNNING, jobs(restarted).get(b).status(), "an answer older than the last report is ignored");

    stop(coordinator);
    coordinator = spawn();
    List<JobMasterProtocol> probes = jobMasters.receiveSeveralMessages(2);
    for (JobMasterProtocol m : probes) {
      assertInstanceOf(JobMasterProtocol.GetJobStatus.class, m); // b's and c's job masters: neither answers yet
    }
    time.timePasses(JobCoordinatorTesting.SETTINGS.jobMasterProbeTimeout());
    assertEquals(JobStatus.RUNNING, jobs(coordinator).get(b).status(), "no answer is not an answer");
    time.timePasses(Duration.ofSeconds(1)); // the first pause between probes
    List<JobMasterProtocol> again = jobMasters.receiveSeveralMessages(2);
    ((JobMasterProtocol.GetJobStatus) again.get(0)).replyTo().tell(new JobMasterProtocol.JobMasterStatus(b, JobStatus.RUNNING));
    ((JobMasterProtocol.GetJobStatus) again.get(1)).replyTo().tell(new JobMasterProtocol.JobMasterStatus(c, JobStatus.RUNNING));
    time.timePasses(Duration.ofSeconds(70)); // longer than any pause: an answered job master is not asked again
    jobMasters.expectNoMessage(Duration.ofMillis(100));
    Map<Long, JobSummary> afterProbes = jobs(coordinator);
    assertEquals(JobStatus.RUNNING, afterProbes.get(b).status());
    assertEquals(JobStatus.RUNNING, afterProbes.get(c).status(), "c's job master said it runs");

    long d = submit(coordinator, def);
    assertTrue(d > c, "job ids are never reused: " + d + " after " + c);
  }
}
