package io.atoll.runtime.master.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import io.atoll.persistence.PersistenceConfig;
import io.atoll.protocol.execution.JobMasterProtocol;
import io.atoll.protocol.job.JobCoordinatorProtocol;
import io.atoll.protocol.job.JobCoordinatorProtocol.CancelReply;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The coordinator's part of savepoints, with a probe for the job masters: it asks the JobMaster, tells
 * the requester the outcome once the job's status shows it, and restores a SAVEPOINT_DONE job id with a
 * RestoreJob instead of a StartJob.
 */
class JobCoordinatorSavepointTest {
  private static final ActorTestKit testKit = ActorTestKit.create("coordinator-savepoint",
      PersistenceConfig.forDataDir(createTemp()).withFallback(TestConfigs.base()));
  private static final JobSettings SETTINGS = new JobSettings(JobSettings.ScheduleStrategy.WAIT, Duration.ofHours(1),
      Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(1), Duration.ofSeconds(10), 3,
      Duration.ofHours(1), Duration.ofMinutes(1));
  private static final JobDefinition JOB = Jobs.testing("s", 1, "{\"rows\":1}", "{\"collect_to\":\"s\"}", 0);

  private static final TestProbe<JobMasterProtocol> jobMasters = testKit.createTestProbe();
  /** One per class: its persistence id is fixed, as a singleton's. */
  private static final ActorRef<JobCoordinatorProtocol> coordinator = testKit.spawn(JobCoordinator.create(SETTINGS,
      JobCoordinatorTesting.SETTINGS, jobId -> jobMasters.ref(),
      testKit.spawn(JobCoordinatorTesting.resources(JobCoordinatorTesting.UNKNOWN))));

  private static Path createTemp() {
    try {
      return Files.createTempDirectory("atoll-coordinator-savepoint");
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  private JobCoordinatorProtocol.SubmitReply submit(long jobId, boolean fromSavepoint) {
    TestProbe<JobCoordinatorProtocol.SubmitReply> reply = testKit.createTestProbe();
    coordinator.tell(new JobCoordinatorProtocol.SubmitJob(JOB, jobId, fromSavepoint, reply.ref()));
    return reply.receiveMessage(Duration.ofSeconds(10));
  }

  private void report(long jobId, JobStatus status, String error) {
    coordinator.tell(new JobCoordinatorProtocol.JobStatusChanged(jobId, status, error, JobMetrics.ZERO));
  }

  private JobSummary awaitStatus(long jobId, JobStatus status) {
    TestProbe<JobCoordinatorProtocol.JobLookup> lookup = testKit.createTestProbe();
    JobSummary[] seen = new JobSummary[1];
    lookup.awaitAssert(() -> {
      coordinator.tell(new JobCoordinatorProtocol.GetJob(jobId, lookup.ref()));
      seen[0] = lookup.receiveMessage().job();
      assertEquals(status, seen[0] == null ? null : seen[0].status());
      return null;
    });
    return seen[0];
  }

  /** Sends the stop and plays the JobMaster accepting it; returns the requester's probe. */
  private TestProbe<CancelReply> stopAccepted(long jobId) {
    TestProbe<CancelReply> requester = testKit.createTestProbe();
    coordinator.tell(new JobCoordinatorProtocol.StopJobWithSavepoint(jobId, requester.ref()));
    JobMasterProtocol.StopWithSavepoint asked = jobMasters.expectMessageClass(JobMasterProtocol.StopWithSavepoint.class);
    asked.replyTo().tell(new CancelReply(jobId, true, "savepoint under way"));
    report(jobId, JobStatus.DOING_SAVEPOINT, null);
    return requester;
  }

  private long running(long jobId) {
    assertInstanceOf(JobCoordinatorProtocol.JobAccepted.class, submit(jobId, false));
    jobMasters.expectMessageClass(JobMasterProtocol.StartJob.class);
    report(jobId, JobStatus.RUNNING, null);
    awaitStatus(jobId, JobStatus.RUNNING);
    return jobId;
  }

  @Test
  void aSavepointThatFailsIsReportedToTheRequesterAndTheJobGoesOnRunning() {
    long jobId = running(21);
    TestProbe<CancelReply> requester = stopAccepted(jobId);
    report(jobId, JobStatus.RUNNING, "the savepoint of job 21 failed: pipeline 1 is FAILING (boom)");
    CancelReply outcome = requester.receiveMessage(Duration.ofSeconds(10));
    assertFalse(outcome.accepted());
    assertTrue(outcome.message().contains("savepoint of job 21 failed"), outcome.message());
    JobSummary job = awaitStatus(jobId, JobStatus.RUNNING);
    assertTrue(job.errorMessage().contains("savepoint of job 21 failed"), job.errorMessage());
  }

  @Test
  void aCompletedSavepointIsReportedThenTheJobIdIsRestoredWithARestoreNotAStart() {
    long jobId = running(22);
    TestProbe<CancelReply> requester = stopAccepted(jobId);
    report(jobId, JobStatus.SAVEPOINT_DONE, null);
    CancelReply outcome = requester.receiveMessage(Duration.ofSeconds(10));
    assertTrue(outcome.accepted(), outcome.message());
    assertTrue(outcome.message().contains("SAVEPOINT_DONE"), outcome.message());

    assertInstanceOf(JobCoordinatorProtocol.JobRejected.class, submit(jobId, false));
    assertEquals(jobId, assertInstanceOf(JobCoordinatorProtocol.JobAccepted.class, submit(jobId, true)).jobId());
    JobMasterProtocol.RestoreJob restore = jobMasters.expectMessageClass(JobMasterProtocol.RestoreJob.class);
    assertEquals(JOB, restore.definition());
    assertEquals(JobStatus.PENDING, awaitStatus(jobId, JobStatus.PENDING).status());
    assertEquals(jobId, assertInstanceOf(JobCoordinatorProtocol.JobAccepted.class, submit(jobId, true)).jobId(),
        "a re-sent restore is accepted again");
    jobMasters.expectNoMessage(Duration.ofMillis(200));
    report(jobId, JobStatus.RUNNING, null);
    awaitStatus(jobId, JobStatus.RUNNING);
  }

  @Test
  void aRefusalOfTheJobMasterReachesTheRequesterAndAQueuedJobIsNotAskedAtAll() {
    long jobId = running(23);
    TestProbe<CancelReply> requester = testKit.createTestProbe();
    coordinator.tell(new JobCoordinatorProtocol.StopJobWithSavepoint(jobId, requester.ref()));
    jobMasters.expectMessageClass(JobMasterProtocol.StopWithSavepoint.class).replyTo()
        .tell(new CancelReply(jobId, false, "pipeline 1 of job 23 is PENDING (starting or restarting)"));
    CancelReply refused = requester.receiveMessage(Duration.ofSeconds(10));
    assertFalse(refused.accepted());
    assertTrue(refused.message().contains("pipeline 1 of job 23 is PENDING"), refused.message());

    assertInstanceOf(JobCoordinatorProtocol.JobAccepted.class, submit(24, false));
    jobMasters.expectMessageClass(JobMasterProtocol.StartJob.class);
    coordinator.tell(new JobCoordinatorProtocol.StopJobWithSavepoint(24, requester.ref()));
    assertTrue(requester.receiveMessage().message().contains("only a RUNNING job"));
    jobMasters.expectNoMessage(Duration.ofMillis(200));
  }
}
