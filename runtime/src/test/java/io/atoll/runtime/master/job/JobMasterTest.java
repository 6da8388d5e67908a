package io.atoll.runtime.master.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.ManualTime;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import io.atoll.protocol.execution.JobMasterProtocol;
import io.atoll.protocol.execution.SplitProtocol;
import io.atoll.protocol.execution.TaskExecutorProtocol;
import io.atoll.protocol.execution.TaskGroupId;
import io.atoll.protocol.execution.TaskSnapshot;
import io.atoll.protocol.connector.SourceSplit;
import io.atoll.protocol.job.JobCoordinatorProtocol;
import io.atoll.protocol.job.JobMetrics;
import io.atoll.protocol.job.JobStatus;
import io.atoll.protocol.resource.JobId;
import io.atoll.protocol.resource.ResourceManagerProtocol;
import io.atoll.protocol.resource.SlotProfile;
import io.atoll.protocol.resource.SlotReply;
import io.atoll.protocol.resource.WorkerLost;
import io.atoll.runtime.config.JobSettings;
import io.atoll.runtime.testing.Jobs;
import io.atoll.runtime.testing.Profiles;
import io.atoll.runtime.testing.TestConfigs;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** One JobMaster against probes for the ResourceManager, the coordinator and two workers' TaskExecutors. */
class JobMasterTest {
  private static final ActorTestKit testKit = ActorTestKit.create(ManualTime.config()
      .withFallback(io.atoll.persistence.PersistenceConfig.forDataDir(tempDir()))
      .withFallback(TestConfigs.base()));
  private static final ManualTime time = ManualTime.get(testKit.system());
  private static final String A = "akka://atoll@127.0.0.1:1";
  private static final String B = "akka://atoll@127.0.0.1:2";
  private static long nextJob = 100;

  private static java.nio.file.Path tempDir() {
    try {
      return java.nio.file.Files.createTempDirectory("atoll-jobmaster-test");
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  private static JobSettings settings(JobSettings.ScheduleStrategy strategy) {
    return new JobSettings(strategy, Duration.ofMinutes(5), Duration.ofSeconds(1), Duration.ofSeconds(3),
        Duration.ofSeconds(1), Duration.ofSeconds(10), 100, Duration.ofHours(1), Duration.ofMinutes(1),
        Duration.ofMinutes(10)); // silence is tested on its own below; here timeouts are the checkpoint's
  }

  private final TestProbe<ResourceManagerProtocol> rm = testKit.createTestProbe();
  private final TestProbe<JobCoordinatorProtocol> coordinator = testKit.createTestProbe();
  private final Map<String, TestProbe<TaskExecutorProtocol>> workers = new HashMap<>(Map.of(
      A, testKit.createTestProbe(), B, testKit.createTestProbe()));
  private final long jobId = nextJob++;

  private ActorRef<JobMasterProtocol> start(JobSettings.ScheduleStrategy strategy, int parallelism) {
    return start(strategy, parallelism, 0);
  }

  private ActorRef<JobMasterProtocol> start(JobSettings.ScheduleStrategy strategy, int parallelism, long checkpointMillis) {
    ActorRef<JobMasterProtocol> master = testKit.spawn(
        JobMaster.create(jobId, settings(strategy), rm.ref(), coordinator.ref(), slot -> workers.get(slot.worker()).ref(), null));
    master.tell(new JobMasterProtocol.StartJob(jobId,
        Jobs.testing("j", parallelism, "{\"rows\":5}", "{\"collect_to\":\"jm\"}", 0, checkpointMillis), coordinator.ref()));
    assertEquals(JobStatus.PENDING, status().status());
    return master;
  }

  private JobCoordinatorProtocol.JobStatusChanged status() {
    return assertInstanceOf(JobCoordinatorProtocol.JobStatusChanged.class, coordinator.receiveMessage());
  }

  private ResourceManagerProtocol.RequestSlots slotRequest() {
    return assertInstanceOf(ResourceManagerProtocol.RequestSlots.class, rm.receiveMessage());
  }

  private static SlotProfile slot(String worker, int id, long job) {
    return SlotProfile.free(worker, 1, id, Profiles.SLOT).assignTo(JobId.of(job));
  }

  private TaskExecutorProtocol.DeployTaskGroup deployOn(String worker) {
    return assertInstanceOf(TaskExecutorProtocol.DeployTaskGroup.class, workers.get(worker).receiveMessage());
  }

  @Test
  void withRejectTooFewSlotsFailsTheJobAtOnce() {
    start(JobSettings.ScheduleStrategy.REJECT, 2);
    ResourceManagerProtocol.RequestSlots request = slotRequest();
    assertEquals(3, request.count());
    request.replyTo().tell(new SlotReply.NotEnoughSlots(JobId.of(jobId), 3, 1, Map.of(), "3 slot(s) requested, 1 free"));
    JobCoordinatorProtocol.JobStatusChanged failing = status();
    assertEquals(JobStatus.FAILING, failing.status());
    JobCoordinatorProtocol.JobStatusChanged failed = status();
    assertEquals(JobStatus.FAILED, failed.status());
    assertTrue(failed.errorMessage().contains("REJECT") && failed.errorMessage().contains("1 free"), failed.errorMessage());
  }

  @Test
  void withWaitTheJobAsksAgainUntilSlotsAreFree() {
    start(JobSettings.ScheduleStrategy.WAIT, 1);
    slotRequest().replyTo().tell(new SlotReply.NotEnoughSlots(JobId.of(jobId), 2, 0, Map.of(), "0 free"));
    rm.expectNoMessage(Duration.ofMillis(50));
    time.timePasses(Duration.ofSeconds(1));
    ResourceManagerProtocol.RequestSlots again = slotRequest();
    again.replyTo().tell(new SlotReply.SlotsAllocated(JobId.of(jobId), List.of(slot(A, 0, jobId), slot(B, 0, jobId))));
    assertEquals(JobStatus.SCHEDULED, status().status());
    assertEquals(0, deployOn(A).descriptor().id().index(), "the enumerator is deployed first");
  }

  @Test
  void aLostWorkerFailsThePipelineWhichRestartsOnNewSlotsAndFinishes() {
    ActorRef<JobMasterProtocol> master = start(JobSettings.ScheduleStrategy.WAIT, 1);
    slotRequest().replyTo().tell(new SlotReply.SlotsAllocated(JobId.of(jobId), List.of(slot(A, 0, jobId), slot(B, 0, jobId))));
    assertEquals(JobStatus.SCHEDULED, status().status());
    TaskGroupId enumerator = deployOn(A).descriptor().id();
    TestProbe<SplitProtocol> enumeratorRef = testKit.createTestProbe();
    master.tell(new JobMasterProtocol.TaskGroupStateChanged(enumerator, JobStatus.RUNNING, null, JobMetrics.ZERO, enumeratorRef.ref()));
    TaskExecutorProtocol.DeployTaskGroup reader = deployOn(B);
    assertEquals(enumeratorRef.ref(), reader.descriptor().enumerator());
    master.tell(new JobMasterProtocol.TaskGroupStateChanged(reader.descriptor().id(), JobStatus.RUNNING, null, JobMetrics.ZERO, null));
    assertEquals(JobStatus.RUNNING, status().status());

    // Worker B dies: its reader is gone; the enumerator on A is cancelled, the slots released.
    master.tell(new JobMasterProtocol.WorkerLostNotice(new WorkerLost(JobId.of(jobId), B, List.of(slot(B, 0, jobId)), "no heartbeat")));
    TaskExecutorProtocol.CancelTaskGroup cancel = assertInstanceOf(TaskExecutorProtocol.CancelTaskGroup.class,
        workers.get(A).receiveMessage());
    assertEquals(enumerator, cancel.id());
    master.tell(new JobMasterProtocol.TaskGroupStateChanged(enumerator, JobStatus.CANCELED, null, JobMetrics.ZERO, null));
    ResourceManagerProtocol.ReleaseSlots release = assertInstanceOf(ResourceManagerProtocol.ReleaseSlots.class, rm.receiveMessage());
    assertEquals(2, release.slots().size());

    // Retry after job.retry.interval.seconds (1 s in Jobs.testing): attempt 2 on A alone.
    time.timePasses(Duration.ofSeconds(1));
    slotRequest().replyTo().tell(new SlotReply.SlotsAllocated(JobId.of(jobId), List.of(slot(A, 0, jobId), slot(A, 1, jobId))));
    TaskGroupId enumerator2 = deployOn(A).descriptor().id();
    assertEquals(2, enumerator2.attempt());
    // A late report of attempt 1 changes nothing.
    master.tell(new JobMasterProtocol.TaskGroupStateChanged(reader.descriptor().id(), JobStatus.FAILED, "late", JobMetrics.ZERO, null));
    master.tell(new JobMasterProtocol.TaskGroupStateChanged(enumerator2, JobStatus.RUNNING, null, JobMetrics.ZERO, enumeratorRef.ref()));
    TaskGroupId reader2 = deployOn(A).descriptor().id();
    master.tell(new JobMasterProtocol.TaskGroupStateChanged(enumerator2, JobStatus.FINISHED, null, JobMetrics.ZERO, null));
    master.tell(new JobMasterProtocol.TaskGroupStateChanged(reader2, JobStatus.FINISHED, null, new JobMetrics(5, 40, 5, 40), null));

    assertInstanceOf(ResourceManagerProtocol.ReleaseSlots.class, rm.receiveMessage());
    JobCoordinatorProtocol.JobStatusChanged finished = status();
    assertEquals(JobStatus.FINISHED, finished.status());
    assertNull(finished.errorMessage());
    assertEquals(5, finished.metrics().rowsWritten());
  }

  @Test
  void aCompletedCheckpointIsCommittedOnceAndATimedOutOneRestartsThePipelineFromIt() {
    ActorRef<JobMasterProtocol> master = start(JobSettings.ScheduleStrategy.WAIT, 1, 1000);
    slotRequest().replyTo().tell(new SlotReply.SlotsAllocated(JobId.of(jobId), List.of(slot(A, 0, jobId), slot(B, 0, jobId))));
    assertEquals(JobStatus.SCHEDULED, status().status());
    TaskGroupId enumerator = deployOn(A).descriptor().id();
    TestProbe<SplitProtocol> enumeratorRef = testKit.createTestProbe();
    master.tell(new JobMasterProtocol.TaskGroupStateChanged(enumerator, JobStatus.RUNNING, null, JobMetrics.ZERO, enumeratorRef.ref()));
    TaskExecutorProtocol.DeployTaskGroup firstReader = deployOn(B);
    assertNull(firstReader.descriptor().restore(), "a first attempt starts afresh");
    TaskGroupId reader = firstReader.descriptor().id();
    master.tell(new JobMasterProtocol.TaskGroupStateChanged(reader, JobStatus.RUNNING, null, JobMetrics.ZERO, null));
    assertEquals(JobStatus.RUNNING, status().status());

    // checkpoint 1: triggered at the enumerator, acknowledged by both, then the reader commits
    time.timePasses(Duration.ofSeconds(1));
    TaskExecutorProtocol.TriggerCheckpoint trigger = assertInstanceOf(TaskExecutorProtocol.TriggerCheckpoint.class,
        workers.get(A).receiveMessage());
    assertEquals(new TaskExecutorProtocol.TriggerCheckpoint(enumerator, 1), trigger);
    TaskSnapshot unassigned = new TaskSnapshot(List.of(new SourceSplit("split-9", Map.of("start", "0"))), List.of(), false);
    TaskSnapshot readAt3 = new TaskSnapshot(List.of(new SourceSplit("split-0", Map.of("start", "3"))),
        List.of(List.of("staged-1")), false);
    master.tell(new JobMasterProtocol.CheckpointAck(enumerator, 1, unassigned));
    workers.get(B).expectNoMessage(Duration.ofMillis(50));
    master.tell(new JobMasterProtocol.CheckpointAck(reader, 1, readAt3));
    assertEquals(new TaskExecutorProtocol.NotifyCheckpointComplete(reader, 1), workers.get(B).receiveMessage());
    master.tell(new JobMasterProtocol.CheckpointAck(reader, 1, readAt3));
    workers.get(B).expectNoMessage(Duration.ofMillis(50)); // a repeated acknowledgement commits nothing again

    // checkpoint 2: the reader never answers; after checkpoint.timeout the pipeline fails
    time.timePasses(Duration.ofSeconds(1));
    assertEquals(new TaskExecutorProtocol.TriggerCheckpoint(enumerator, 2), workers.get(A).receiveMessage());
    master.tell(new JobMasterProtocol.CheckpointAck(enumerator, 2, unassigned));
    time.timePasses(Duration.ofMinutes(1));
    assertInstanceOf(TaskExecutorProtocol.CancelTaskGroup.class, workers.get(A).receiveMessage());
    assertInstanceOf(TaskExecutorProtocol.CancelTaskGroup.class, workers.get(B).receiveMessage());
    master.tell(new JobMasterProtocol.TaskGroupStateChanged(enumerator, JobStatus.CANCELED, null, JobMetrics.ZERO, null));
    master.tell(new JobMasterProtocol.TaskGroupStateChanged(reader, JobStatus.CANCELED, null, JobMetrics.ZERO, null));
    assertInstanceOf(ResourceManagerProtocol.ReleaseSlots.class, rm.receiveMessage());

    // attempt 2 restores from checkpoint 1, the last completed one
    time.timePasses(Duration.ofSeconds(1));
    slotRequest().replyTo().tell(new SlotReply.SlotsAllocated(JobId.of(jobId), List.of(slot(A, 0, jobId), slot(B, 0, jobId))));
    TaskExecutorProtocol.DeployTaskGroup enumerator2 = deployOn(A);
    assertEquals(2, enumerator2.descriptor().id().attempt());
    assertEquals(unassigned, enumerator2.descriptor().restore());
    master.tell(new JobMasterProtocol.TaskGroupStateChanged(enumerator2.descriptor().id(), JobStatus.RUNNING, null,
        JobMetrics.ZERO, enumeratorRef.ref()));
    assertEquals(readAt3, deployOn(B).descriptor().restore());
  }

  @Test
  void cancellingAJobWaitingForSlotsEndsItCancelled() {
    ActorRef<JobMasterProtocol> master = start(JobSettings.ScheduleStrategy.WAIT, 1);
    slotRequest().replyTo().tell(new SlotReply.NotEnoughSlots(JobId.of(jobId), 2, 0, Map.of(), "0 free"));
    master.tell(new JobMasterProtocol.CancelJob("user"));
    assertEquals(JobStatus.CANCELING, status().status());
    assertEquals(JobStatus.CANCELED, status().status());
    time.timePasses(Duration.ofSeconds(2));
    rm.expectNoMessage(Duration.ofMillis(50));
  }

  @Test
  void aPipelineWhoseEnumeratorFinishesBeforeItsReaderStartsStillRuns() {
    ActorRef<JobMasterProtocol> master = start(JobSettings.ScheduleStrategy.WAIT, 1);
    slotRequest().replyTo().tell(new SlotReply.SlotsAllocated(JobId.of(jobId), List.of(slot(A, 0, jobId), slot(B, 0, jobId))));
    assertEquals(JobStatus.SCHEDULED, status().status());
    TaskGroupId enumerator = deployOn(A).descriptor().id();
    TestProbe<SplitProtocol> enumeratorRef = testKit.createTestProbe();
    master.tell(new JobMasterProtocol.TaskGroupStateChanged(enumerator, JobStatus.RUNNING, null, JobMetrics.ZERO, enumeratorRef.ref()));
    TaskGroupId reader = deployOn(B).descriptor().id();
    master.tell(new JobMasterProtocol.TaskGroupStateChanged(enumerator, JobStatus.FINISHED, null, JobMetrics.ZERO, null));
    coordinator.expectNoMessage(Duration.ofMillis(50));
    master.tell(new JobMasterProtocol.TaskGroupStateChanged(reader, JobStatus.RUNNING, null, JobMetrics.ZERO, null));
    assertEquals(JobStatus.RUNNING, status().status());
  }

  @Test
  void slotsGrantedAfterTheJobWasCancelledAreHandedBack() {
    ActorRef<JobMasterProtocol> master = start(JobSettings.ScheduleStrategy.WAIT, 1);
    ResourceManagerProtocol.RequestSlots outstanding = slotRequest();
    master.tell(new JobMasterProtocol.CancelJob("user"));
    assertEquals(JobStatus.CANCELING, status().status());
    assertEquals(JobStatus.CANCELED, status().status());
    outstanding.replyTo().tell(new SlotReply.SlotsAllocated(JobId.of(jobId), List.of(slot(A, 0, jobId), slot(B, 0, jobId))));
    ResourceManagerProtocol.ReleaseSlots release = assertInstanceOf(ResourceManagerProtocol.ReleaseSlots.class, rm.receiveMessage());
    assertEquals(2, release.slots().size());
    workers.get(A).expectNoMessage(Duration.ofMillis(50));
  }

  @Test
  void theJobsTagFilterGoesWithItsSlotRequest() {
    ActorRef<JobMasterProtocol> master = testKit.spawn(
        JobMaster.create(jobId, settings(JobSettings.ScheduleStrategy.WAIT), rm.ref(), coordinator.ref(),
            slot -> workers.get(slot.worker()).ref(), null));
    var plain = Jobs.testing("tags", 2, "{\"rows\":5}", "{\"collect_to\":\"jm\"}", 0);
    var tagged = new io.atoll.protocol.job.JobDefinition(plain.jobName(), plain.mode(), plain.parallelism(), 0, 0, 1, 1,
        Map.of("zone", "eu"), 0, Map.of(), plain.plugins(), "test");
    master.tell(new JobMasterProtocol.StartJob(jobId, tagged, coordinator.ref()));
    ResourceManagerProtocol.RequestSlots request = slotRequest();
    assertEquals(Map.of("zone", "eu"), request.tagFilter());
    assertEquals(3, request.count());
  }

  /** Runs a parallelism-1 job to RUNNING: enumerator on A, reader on B. */
  private TaskGroupId[] runOnAAndB(ActorRef<JobMasterProtocol> master) {
    slotRequest().replyTo().tell(new SlotReply.SlotsAllocated(JobId.of(jobId), List.of(slot(A, 0, jobId), slot(B, 0, jobId))));
    assertEquals(JobStatus.SCHEDULED, status().status());
    TaskGroupId enumerator = deployOn(A).descriptor().id();
    TestProbe<SplitProtocol> enumeratorRef = testKit.createTestProbe();
    master.tell(new JobMasterProtocol.TaskGroupStateChanged(enumerator, JobStatus.RUNNING, null, JobMetrics.ZERO, enumeratorRef.ref()));
    TaskGroupId reader = deployOn(B).descriptor().id();
    master.tell(new JobMasterProtocol.TaskGroupStateChanged(reader, JobStatus.RUNNING, null, JobMetrics.ZERO, null));
    assertEquals(JobStatus.RUNNING, status().status());
    return new TaskGroupId[] {enumerator, reader};
  }

  private ActorRef<JobMasterProtocol> restart(ActorRef<JobMasterProtocol> master) {
    TestProbe<Object> watcher = testKit.createTestProbe();
    testKit.stop(master);
    watcher.expectTerminated(master);
    return testKit.spawn(JobMaster.create(jobId, settings(JobSettings.ScheduleStrategy.WAIT), rm.ref(), coordinator.ref(),
        slot -> workers.get(slot.worker()).ref(), null));
  }

  private void answerQuery(String worker, TaskGroupId... running) {
    TaskExecutorProtocol.QueryTaskGroups query =
        assertInstanceOf(TaskExecutorProtocol.QueryTaskGroups.class, workers.get(worker).receiveMessage());
    assertEquals(jobId, query.jobId());
    query.replyTo().tell(new TaskExecutorProtocol.TaskGroupsRunning(worker, List.of(running)));
  }

  @Test
  void aRecoveredJobMasterAdoptsTaskGroupsThatStillRun() {
    ActorRef<JobMasterProtocol> master = start(JobSettings.ScheduleStrategy.WAIT, 1);
    TaskGroupId[] tasks = runOnAAndB(master);
    master = restart(master);
    assertEquals(JobStatus.RUNNING, status().status(), "the recovered state is reported again");
    answerQuery(A, tasks[0]);
    answerQuery(B, tasks[1]);
    workers.get(A).expectNoMessage(Duration.ofMillis(100)); // nothing cancelled or redeployed
    rm.expectNoMessage(Duration.ofMillis(10));
    master.tell(new JobMasterProtocol.TaskGroupStateChanged(tasks[0], JobStatus.FINISHED, null, JobMetrics.ZERO, null));
    master.tell(new JobMasterProtocol.TaskGroupStateChanged(tasks[1], JobStatus.FINISHED, null, new JobMetrics(5, 40, 5, 40), null));
    assertInstanceOf(ResourceManagerProtocol.ReleaseSlots.class, rm.receiveMessage());
    assertEquals(JobStatus.FINISHED, status().status());
  }

  @Test
  void aRecoveredJobMasterRestartsAPipelineWhoseTaskGroupsStoppedWhileItWasDown() {
    ActorRef<JobMasterProtocol> master = start(JobSettings.ScheduleStrategy.WAIT, 1);
    TaskGroupId[] tasks = runOnAAndB(master);
    master = restart(master);
    assertEquals(JobStatus.RUNNING, status().status());
    answerQuery(A, tasks[0]);
    answerQuery(B); // the reader is gone
    TaskExecutorProtocol.CancelTaskGroup cancel =
        assertInstanceOf(TaskExecutorProtocol.CancelTaskGroup.class, workers.get(A).receiveMessage());
    assertEquals(tasks[0], cancel.id());
    master.tell(new JobMasterProtocol.TaskGroupStateChanged(tasks[0], JobStatus.CANCELED, null, JobMetrics.ZERO, null));
    assertInstanceOf(ResourceManagerProtocol.ReleaseSlots.class, rm.receiveMessage());
    time.timePasses(Duration.ofSeconds(1));
    ResourceManagerProtocol.RequestSlots attempt2 = slotRequest();
    assertEquals(JobId.of(jobId), attempt2.job(), "attempt 2 asks for slots");

    // That restart was not the pipeline's fault, so job.retry.times = 1 still allows one more.
    attempt2.replyTo().tell(new SlotReply.SlotsAllocated(JobId.of(jobId), List.of(slot(A, 0, jobId), slot(A, 1, jobId))));
    TaskGroupId enumerator2 = deployOn(A).descriptor().id();
    master.tell(new JobMasterProtocol.TaskGroupStateChanged(enumerator2, JobStatus.FAILED, "boom", JobMetrics.ZERO, null));
    TaskExecutorProtocol.CancelTaskGroup cancelReader = // the reader was not deployed yet; it is cancelled all the same
        assertInstanceOf(TaskExecutorProtocol.CancelTaskGroup.class, workers.get(A).receiveMessage());
    master.tell(new JobMasterProtocol.TaskGroupStateChanged(cancelReader.id(), JobStatus.CANCELED, null, JobMetrics.ZERO, null));
    assertInstanceOf(ResourceManagerProtocol.ReleaseSlots.class, rm.receiveMessage());
    time.timePasses(Duration.ofSeconds(1));
    assertEquals(JobId.of(jobId), slotRequest().job(), "attempt 3: the master restart used no retry");
  }

  /** The clock ManualTime moves, so "not heard from for this long" follows the test's time. */
  private static long manualNow() {
    return ((akka.testkit.ExplicitlyTriggeredScheduler) testKit.system().classicSystem().scheduler()).currentTimeMs();
  }

  /** Receives from the worker until a cancel comes, passing over checkpoint triggers. */
  private TaskExecutorProtocol.CancelTaskGroup cancelOn(String worker) {
    for (int i = 0; i < 20; i++) {
      TaskExecutorProtocol message = workers.get(worker).receiveMessage();
      if (message instanceof TaskExecutorProtocol.CancelTaskGroup cancel) {
        return cancel;
      }
      assertInstanceOf(TaskExecutorProtocol.TriggerCheckpoint.class, message);
    }
    throw new AssertionError("no cancel reached " + worker);
  }

  @Test
  void aTaskGroupSilentPastTheReportTimeoutMakesItsPipelineRestoreFromTheLastCheckpoint() {
    // cancels have a minute to be confirmed, so no cancel timeout or resent cancel interleaves here
    JobSettings silentAfter5s = new JobSettings(JobSettings.ScheduleStrategy.WAIT, Duration.ofMinutes(5),
        Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofSeconds(1), Duration.ofSeconds(10), 100,
        Duration.ofHours(1), Duration.ofMinutes(1), Duration.ofSeconds(5));
    ActorRef<JobMasterProtocol> master = testKit.spawn(JobMaster.create(jobId, silentAfter5s, rm.ref(), coordinator.ref(),
        slot -> workers.get(slot.worker()).ref(), null, SinkSettler.NONE, JobMasterTest::manualNow));
    master.tell(new JobMasterProtocol.StartJob(jobId,
        Jobs.testing("silent", 1, "{\"rows\":5}", "{\"collect_to\":\"jm\"}", 0, 1000), coordinator.ref()));
    assertEquals(JobStatus.PENDING, status().status());
    TaskGroupId[] tasks = runOnAAndB(master);

    // checkpoint 1 completes: the reader's part of it is what attempt 2 must restore
    time.timePasses(Duration.ofSeconds(1));
    assertEquals(new TaskExecutorProtocol.TriggerCheckpoint(tasks[0], 1), workers.get(A).receiveMessage());
    TaskSnapshot readAt3 = new TaskSnapshot(List.of(new SourceSplit("split-0", Map.of("start", "3"))), List.of(), false);
    master.tell(new JobMasterProtocol.CheckpointAck(tasks[0], 1, TaskSnapshot.DONE));
    master.tell(new JobMasterProtocol.CheckpointAck(tasks[1], 1, readAt3));
    assertEquals(new TaskExecutorProtocol.NotifyCheckpointComplete(tasks[1], 1), workers.get(B).receiveMessage());

    // then the reader falls silent (its worker is cut off, unknown to the cluster); the enumerator goes on reporting
    for (int second = 0; second < 10; second++) { // checks run every 2.5 s: one falls past 5 s of silence
      master.tell(new JobMasterProtocol.TaskGroupMetrics(tasks[0], JobMetrics.ZERO));
      time.timePasses(Duration.ofSeconds(1));
    }
    assertEquals(tasks[1], cancelOn(B).id(), "the silent reader is cancelled, in case it still runs");
    assertEquals(tasks[0], cancelOn(A).id(), "the pipeline fails over: its enumerator is cancelled");
    master.tell(new JobMasterProtocol.TaskGroupStateChanged(tasks[0], JobStatus.CANCELED, null, JobMetrics.ZERO, null));
    assertEquals(List.of(slot(A, 0, jobId)),
        assertInstanceOf(ResourceManagerProtocol.ReleaseSlots.class, rm.receiveMessage()).slots(),
        "the silent reader's slot stays held by the job until it confirms or its worker is lost");

    time.timePasses(Duration.ofSeconds(1));
    slotRequest().replyTo().tell(new SlotReply.SlotsAllocated(JobId.of(jobId), List.of(slot(A, 1, jobId), slot(A, 2, jobId))));
    TaskExecutorProtocol.DeployTaskGroup enumerator2 = deployOn(A);
    assertEquals(2, enumerator2.descriptor().id().attempt());
    assertEquals(TaskSnapshot.DONE, enumerator2.descriptor().restore());
    TestProbe<SplitProtocol> enumeratorRef = testKit.createTestProbe();
    master.tell(new JobMasterProtocol.TaskGroupStateChanged(enumerator2.descriptor().id(), JobStatus.RUNNING, null,
        JobMetrics.ZERO, enumeratorRef.ref()));
    assertEquals(readAt3, deployOn(A).descriptor().restore(), "the reader restores from checkpoint 1");
  }

  @Test
  void aJobMasterThatNeverStartedTheJobSaysSoAndStops() {
    ActorRef<JobMasterProtocol> master = testKit.spawn(JobMaster.create(jobId, settings(JobSettings.ScheduleStrategy.WAIT),
        rm.ref(), coordinator.ref(), slot -> workers.get(slot.worker()).ref(), null));
    TestProbe<JobMasterProtocol.JobMasterStatus> asker = testKit.createTestProbe();
    master.tell(new JobMasterProtocol.GetJobStatus(asker.ref()));
    assertEquals(new JobMasterProtocol.JobMasterStatus(jobId, null), asker.receiveMessage());
    asker.expectTerminated(master);
  }
}
