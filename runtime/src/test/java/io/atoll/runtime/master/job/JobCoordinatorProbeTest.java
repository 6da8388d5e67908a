package io.atoll.runtime.master.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.ManualTime;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import io.atoll.persistence.PersistenceConfig;
import io.atoll.protocol.execution.JobMasterProtocol;
import io.atoll.protocol.job.JobCoordinatorProtocol;
import io.atoll.protocol.job.JobDefinition;
import io.atoll.protocol.job.JobStatus;
import io.atoll.protocol.job.JobSummary;
import io.atoll.runtime.config.JobSettings;
import io.atoll.runtime.testing.Jobs;
import io.atoll.runtime.testing.TestConfigs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * After a restart, a job master that answers "I do not know this job" never started it (its start
 * was lost): the coordinator sends the job again, a bounded number of times, then fails the job.
 */
class JobCoordinatorProbeTest {
  private static final Path DATA = createTemp();
  private static final ActorTestKit testKit = ActorTestKit.create("coordinator-probe",
      ManualTime.config().withFallback(PersistenceConfig.forDataDir(DATA)).withFallback(TestConfigs.base()));
  private static final JobSettings SETTINGS = new JobSettings(JobSettings.ScheduleStrategy.WAIT, Duration.ofHours(1),
      Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(1), Duration.ofSeconds(10), 3,
      Duration.ofHours(1), Duration.ofMinutes(1));
  private static final JobDefinition JOB = Jobs.testing("p", 1, "{\"rows\":1}", "{\"collect_to\":\"p\"}", 0);

  private final TestProbe<JobMasterProtocol> jobMasters = testKit.createTestProbe();

  private static Path createTemp() {
    try {
      return Files.createTempDirectory("atoll-coordinator-probe");
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

  @Test
  void aJobMasterThatDoesNotKnowItsJobIsSentItAgainThenTheJobFails() {
    ActorRef<JobCoordinatorProtocol> coordinator = spawn();
    TestProbe<JobCoordinatorProtocol.SubmitReply> reply = testKit.createTestProbe();
    coordinator.tell(new JobCoordinatorProtocol.SubmitJob(JOB, 0, reply.ref()));
    long jobId = assertInstanceOf(JobCoordinatorProtocol.JobAccepted.class, reply.receiveMessage()).jobId();
    assertEquals(jobId, assertInstanceOf(JobMasterProtocol.StartJob.class, jobMasters.receiveMessage()).jobId());
    testKit.stop(coordinator); // "crashes" before the job master journalled the start
    coordinator = spawn();

    int restarts = JobCoordinatorTesting.SETTINGS.jobMasterRestarts();
    for (int i = 0; i < restarts; i++) {
      JobMasterProtocol.GetJobStatus probe =
          assertInstanceOf(JobMasterProtocol.GetJobStatus.class, jobMasters.receiveMessage());
      probe.replyTo().tell(new JobMasterProtocol.JobMasterStatus(jobId, null));
      JobMasterProtocol.StartJob again = assertInstanceOf(JobMasterProtocol.StartJob.class, jobMasters.receiveMessage());
      assertEquals(JOB, again.definition(), "the job is sent again as it was submitted");
    }
    assertInstanceOf(JobMasterProtocol.GetJobStatus.class, jobMasters.receiveMessage())
        .replyTo().tell(new JobMasterProtocol.JobMasterStatus(jobId, null));

    TestProbe<JobCoordinatorProtocol.JobLookup> lookup = testKit.createTestProbe();
    coordinator.tell(new JobCoordinatorProtocol.AwaitJob(jobId, lookup.ref()));
    JobSummary failed = lookup.receiveMessage().job();
    assertEquals(JobStatus.FAILED, failed.status());
    assertTrue(failed.errorMessage().contains("does not know the job"), failed.errorMessage());
    assertTrue(failed.errorMessage().contains("after " + restarts + " new start(s)"), failed.errorMessage());
  }
}
