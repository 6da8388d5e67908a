package io.atoll.runtime.worker.execution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.FishingOutcomes;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import io.atoll.protocol.connector.PluginKind;
import io.atoll.protocol.execution.JobMasterProtocol;
import io.atoll.protocol.execution.JobMasterProtocol.TaskGroupStateChanged;
import io.atoll.protocol.execution.SplitProtocol;
import io.atoll.protocol.execution.TaskExecutorCommand;
import io.atoll.protocol.execution.TaskExecutorProtocol;
import io.atoll.protocol.execution.TaskGroupDescriptor;
import io.atoll.protocol.execution.TaskGroupId;
import io.atoll.protocol.job.JobStatus;
import io.atoll.protocol.job.PluginDefinition;
import io.atoll.protocol.resource.JobId;
import io.atoll.protocol.resource.ResourceProfile;
import io.atoll.protocol.resource.SlotProfile;
import io.atoll.runtime.connector.PluginRegistry;
import io.atoll.runtime.resource.ResourceOwner;
import io.atoll.runtime.resource.ResourceTracker;
import io.atoll.runtime.resource.ResourceTrackers;
import io.atoll.runtime.testing.TestConfigs;
import io.atoll.runtime.testing.plugins.TestingSink;
import io.atoll.runtime.testing.plugins.TestingSource;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A TaskExecutor fenced by the grants of a SlotService (played by the test), with a probe standing in
 * for the job masters: only a deploy into a slot of this incarnation granted to its job, for a
 * current attempt, runs; every other command is refused, counted and answered as the JobMaster
 * expects.
 */
class TaskExecutorTest {
  private static final ActorTestKit testKit = ActorTestKit.create("TaskExecutorTest", TestConfigs.base());
  private static final String SELF = "akka://atoll@127.0.0.1:25521";
  private static final long SEQUENCE = 42L;
  private static final JobId JOB = JobId.of(5);
  private static final JobId OTHER_JOB = JobId.of(6);
  private static final ResourceProfile SLOT_RESOURCES = new ResourceProfile(1000, 64L << 20);
  private static final PluginRegistry PLUGINS = PluginRegistry.of(List.of(new TestingSource(), new TestingSink()));
  private static final PluginDefinition SOURCE =
      new PluginDefinition(PluginKind.SOURCE, "TestingSource", 0,
          io.atoll.runtime.testing.Jobs.options("{\"unbounded\":true}"), List.of(), "t", 2, "test");
  private static final PluginDefinition SINK =
      new PluginDefinition(PluginKind.SINK, "TestingSink", 0,
          io.atoll.runtime.testing.Jobs.options("{\"collect_to\":\"task-executor-test\"}"), List.of("t"), null, 5, "test");
  private static final Duration QUIET = Duration.ofMillis(200);

  private final TestProbe<JobMasterProtocol> jobMaster = testKit.createTestProbe();
  private final TestProbe<TaskExecutor.CommandsRefused> refusals = testKit.createTestProbe();

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  /** A TaskExecutor (metrics rarely, so they do not interleave) whose SlotService started as SEQUENCE. */
  private ActorRef<TaskExecutorCommand> start(Duration metricsInterval) {
    ActorRef<TaskExecutorCommand> executor =
        testKit.spawn(TaskExecutor.create(PLUGINS, jobId -> jobMaster.ref(), metricsInterval));
    executor.tell(new TaskExecutor.SlotServiceStarted(SELF, SEQUENCE, refusals.ref()));
    assertEquals(0, refusals.receiveMessage().total(), "the count so far, at once");
    return executor;
  }

  private ActorRef<TaskExecutorCommand> start() {
    return start(Duration.ofHours(1));
  }

  private static SlotProfile slot(long sequence, int slotId, JobId job) {
    return SlotProfile.free(SELF, sequence, slotId, SLOT_RESOURCES).assignTo(job);
  }

  private static TaskGroupDescriptor enumerator(TaskGroupId id, SlotProfile slot) {
    return new TaskGroupDescriptor(id, "j", true, 1, SOURCE, List.of(), List.of(SINK), 0, slot, null, null);
  }

  private static TaskGroupDescriptor reader(TaskGroupId id, SlotProfile slot, ActorRef<SplitProtocol> enumerator) {
    return new TaskGroupDescriptor(id, "j", true, 1, SOURCE, List.of(), List.of(SINK), 0, slot, enumerator, null);
  }

  private static TaskGroupId id(JobId job, int attempt, int index) {
    return new TaskGroupId(job.value(), 1, attempt, index);
  }

  private TaskGroupStateChanged expectState(TaskGroupId id, JobStatus state) {
    TaskGroupStateChanged changed = assertInstanceOf(TaskGroupStateChanged.class, jobMaster.receiveMessage());
    assertEquals(id, changed.id());
    assertEquals(state, changed.state(), String.valueOf(changed.error()));
    return changed;
  }

  /** A refused deploy or trigger: FAILED at once, naming this worker and the reason; counted. */
  private void expectRefused(TaskGroupId id, String reason, long count) {
    TaskGroupStateChanged refused = expectState(id, JobStatus.FAILED);
    assertTrue(refused.error().startsWith("refused by worker akka://TaskExecutorTest: "), refused.error());
    assertTrue(refused.error().contains(reason), refused.error());
    assertEquals(count, refusals.receiveMessage().total());
  }

  private List<TaskGroupId> running(ActorRef<TaskExecutorCommand> executor, JobId job) {
    TestProbe<TaskExecutorProtocol.TaskGroupsRunning> replies = testKit.createTestProbe();
    executor.tell(new TaskExecutorProtocol.QueryTaskGroups(job.value(), replies.ref()));
    return replies.receiveMessage().running();
  }

  @Test
  void aJobEndsOnThisWorkerOnceItsLastTaskGroupEndedAndItsSlotsAreFreedNotBefore() {
    JobId job = JobId.of(77);
    ResourceTracker tracker = ResourceTrackers.get(testKit.system());
    ActorRef<TaskExecutorCommand> executor = start();
    executor.tell(new TaskExecutor.SlotsGranted(SEQUENCE, job, List.of(3)));
    TaskGroupId enumeratorId = id(job, 0, 0);
    executor.tell(new TaskExecutorProtocol.DeployTaskGroup(enumerator(enumeratorId, slot(SEQUENCE, 3, job))));
    expectState(enumeratorId, JobStatus.RUNNING);
    ResourceOwner taskOwner = TaskGroupResources.owner(enumeratorId);
    assertEquals(List.of("thread"), tracker.live(taskOwner).stream().map(ResourceTracker.Entry::kind).toList(),
        "the task group's own thread, in a thread group of its own");
    tracker.acquire("classloader", ResourceOwner.job(job.value()), "plugins of job 77", 0, null);

    executor.tell(new TaskExecutorProtocol.CancelTaskGroup(enumeratorId, "test"));
    expectState(enumeratorId, JobStatus.CANCELED);
    assertEquals(List.of(), tracker.live(taskOwner), "its thread is released at its end");
    jobMaster.awaitAssert(Duration.ofSeconds(10), () -> {
      assertEquals(List.of(), running(executor, job), "it has stopped");
      return null;
    });
    assertEquals(1, tracker.live(ResourceOwner.job(job.value())).size(),
        "the job still holds its slot here (a restart may follow): not its end on this worker");

    executor.tell(new TaskExecutor.SlotsFreed(SEQUENCE, job, List.of(3)));
    running(executor, job); // the SlotsFreed is handled

    assertEquals(List.of(), tracker.live(ResourceOwner.job(job.value())));
    List<ResourceTracker.Leak> leaks = tracker.report().leaks().stream()
        .filter(l -> l.owner().equals("job 77")).toList();
    assertEquals(List.of("classloader"), leaks.stream().map(ResourceTracker.Leak::kind).toList());
    assertEquals("job's last task group CANCELED on this worker, and its slots freed", leaks.get(0).how());
    testKit.stop(executor);
  }

  @Test
  void aDeployIntoAGrantedSlotOfThisIncarnationRuns() {
    ActorRef<TaskExecutorCommand> executor = start();
    executor.tell(new TaskExecutor.SlotsGranted(SEQUENCE, JOB, List.of(0, 1)));
    TaskGroupId enumeratorId = id(JOB, 0, 0);
    executor.tell(new TaskExecutorProtocol.DeployTaskGroup(enumerator(enumeratorId, slot(SEQUENCE, 0, JOB))));
    ActorRef<SplitProtocol> enumeratorRef = expectState(enumeratorId, JobStatus.RUNNING).enumerator();
    assertNotNull(enumeratorRef, "the enumerator hands out its own ref");

    TaskGroupId readerId = id(JOB, 0, 1);
    executor.tell(new TaskExecutorProtocol.DeployTaskGroup(reader(readerId, slot(SEQUENCE, 1, JOB), enumeratorRef)));
    expectState(readerId, JobStatus.RUNNING);
    assertEquals(List.of(enumeratorId, readerId), running(executor, JOB).stream().sorted(
        java.util.Comparator.comparingInt(TaskGroupId::index)).toList());

    // Commands for a running task group with exactly its id go through: the enumerator takes part in
    // the checkpoint; nothing is refused.
    executor.tell(new TaskExecutorProtocol.TriggerCheckpoint(enumeratorId, 1));
    JobMasterProtocol ack = jobMaster.fishForMessage(Duration.ofSeconds(5), m ->
        m instanceof JobMasterProtocol.CheckpointAck a && a.id().equals(enumeratorId)
            ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore()).get(0);
    assertEquals(1, ((JobMasterProtocol.CheckpointAck) ack).checkpointId());
    executor.tell(new TaskExecutorProtocol.NotifyCheckpointComplete(readerId, 1));
    refusals.expectNoMessage(QUIET);
    testKit.stop(executor);
  }

  @Test
  void aDeployFencedWithAnotherSequenceIsRefusedCountedAndAnswered() {
    ActorRef<TaskExecutorCommand> executor = start();
    executor.tell(new TaskExecutor.SlotsGranted(SEQUENCE, JOB, List.of(0)));
    TaskGroupId id = id(JOB, 0, 0);
    // Meant for this worker's previous incarnation, which had granted slot 0 to the same job.
    executor.tell(new TaskExecutorProtocol.DeployTaskGroup(enumerator(id, slot(SEQUENCE - 1, 0, JOB))));
    expectRefused(id, "sequence " + (SEQUENCE - 1) + ", this worker runs sequence " + SEQUENCE, 1);
    assertEquals(List.of(), running(executor, JOB));
    testKit.stop(executor);
  }

  @Test
  void aDeployIntoASlotNotGrantedHereIsRefused() {
    ActorRef<TaskExecutorCommand> executor = start();
    executor.tell(new TaskExecutor.SlotsGranted(SEQUENCE, JOB, List.of(0)));
    TaskGroupId id = id(JOB, 0, 0);
    executor.tell(new TaskExecutorProtocol.DeployTaskGroup(enumerator(id, slot(SEQUENCE, 3, JOB))));
    expectRefused(id, "slot #3 is not granted to any job here", 1);
    assertEquals(List.of(), running(executor, JOB));
    testKit.stop(executor);
  }

  @Test
  void aDeployIntoASlotGrantedToAnotherJobIsRefused() {
    ActorRef<TaskExecutorCommand> executor = start();
    executor.tell(new TaskExecutor.SlotsGranted(SEQUENCE, OTHER_JOB, List.of(0)));
    TaskGroupId id = id(JOB, 0, 0);
    executor.tell(new TaskExecutorProtocol.DeployTaskGroup(enumerator(id, slot(SEQUENCE, 0, JOB))));
    expectRefused(id, "slot #0 is granted to job 6, not to job 5", 1);
    assertEquals(List.of(), running(executor, JOB));
    testKit.stop(executor);
  }

  @Test
  void aDeployForAnotherWorkerOrBeforeTheSlotServiceStartedIsRefused() {
    ActorRef<TaskExecutorCommand> unstarted =
        testKit.spawn(TaskExecutor.create(PLUGINS, jobId -> jobMaster.ref(), Duration.ofHours(1)));
    TaskGroupId id = id(JOB, 0, 0);
    unstarted.tell(new TaskExecutorProtocol.DeployTaskGroup(enumerator(id, slot(SEQUENCE, 0, JOB))));
    TaskGroupStateChanged early = expectState(id, JobStatus.FAILED);
    assertTrue(early.error().contains("slot service has not started"), early.error());
    testKit.stop(unstarted);

    ActorRef<TaskExecutorCommand> executor = start();
    executor.tell(new TaskExecutor.SlotsGranted(SEQUENCE, JOB, List.of(0)));
    SlotProfile elsewhere = SlotProfile.free("akka://atoll@10.0.0.9:25520", SEQUENCE, 0, SLOT_RESOURCES).assignTo(JOB);
    executor.tell(new TaskExecutorProtocol.DeployTaskGroup(enumerator(id, elsewhere)));
    expectRefused(id, "belongs to worker akka://atoll@10.0.0.9:25520", 1);
    testKit.stop(executor);
  }

  @Test
  void aDeployOfAnOlderAttemptIsRefusedAndANewerOneSupersedesTheOld() {
    ActorRef<TaskExecutorCommand> executor = start();
    executor.tell(new TaskExecutor.SlotsGranted(SEQUENCE, JOB, List.of(0, 1)));
    TaskGroupId attempt1 = id(JOB, 1, 0);
    executor.tell(new TaskExecutorProtocol.DeployTaskGroup(enumerator(attempt1, slot(SEQUENCE, 0, JOB))));
    expectState(attempt1, JobStatus.RUNNING);

    TaskGroupId attempt2 = id(JOB, 2, 0);
    executor.tell(new TaskExecutorProtocol.DeployTaskGroup(enumerator(attempt2, slot(SEQUENCE, 1, JOB))));
    // Both reports come, in either order: attempt 1 is cancelled as superseded, attempt 2 runs.
    List<TaskGroupStateChanged> both = List.of(
        assertInstanceOf(TaskGroupStateChanged.class, jobMaster.receiveMessage()),
        assertInstanceOf(TaskGroupStateChanged.class, jobMaster.receiveMessage()));
    TaskGroupStateChanged old = both.stream().filter(c -> c.id().equals(attempt1)).findFirst().orElseThrow();
    assertEquals(JobStatus.CANCELED, old.state());
    assertTrue(old.error().contains("superseded by attempt 2"), old.error());
    assertEquals(JobStatus.RUNNING, both.stream().filter(c -> c.id().equals(attempt2)).findFirst().orElseThrow().state());

    // A late deploy of attempt 1 (e.g. from a job master that restarted meanwhile) must not run.
    TaskGroupId lateReader = id(JOB, 1, 1);
    executor.tell(new TaskExecutorProtocol.DeployTaskGroup(reader(lateReader, slot(SEQUENCE, 0, JOB), null)));
    expectRefused(lateReader, "attempt 1 of pipeline 1 is older than attempt 2 already deployed here", 1);
    testKit.createTestProbe().awaitAssert(Duration.ofSeconds(5), () -> {
      assertEquals(List.of(attempt2), running(executor, JOB));
      return null;
    });
    testKit.stop(executor);
  }

  @Test
  void triggersAndCommitNoticesForATaskGroupNotRunningHereAreRefusedAndCounted() {
    ActorRef<TaskExecutorCommand> executor = start();
    executor.tell(new TaskExecutor.SlotsGranted(SEQUENCE, JOB, List.of(0)));
    TaskGroupId running = id(JOB, 3, 0);
    executor.tell(new TaskExecutorProtocol.DeployTaskGroup(enumerator(running, slot(SEQUENCE, 0, JOB))));
    expectState(running, JobStatus.RUNNING);

    TaskGroupId otherAttempt = id(JOB, 2, 0); // same pipeline and index, another attempt: not this one
    executor.tell(new TaskExecutorProtocol.TriggerCheckpoint(otherAttempt, 7));
    expectRefused(otherAttempt, "enumerator " + otherAttempt + " does not run here", 1);

    executor.tell(new TaskExecutorProtocol.NotifyCheckpointComplete(id(JOB, 3, 1), 7));
    assertEquals(2, refusals.receiveMessage().total());
    jobMaster.expectNoMessage(QUIET); // a refused commit notice is logged and counted only

    TaskGroupId gone = id(JOB, 3, 4);
    executor.tell(new TaskExecutorProtocol.CancelTaskGroup(gone, "user"));
    TaskGroupStateChanged canceled = expectState(gone, JobStatus.CANCELED);
    assertEquals("not running on this worker", canceled.error());
    assertEquals(3, refusals.receiveMessage().total());
    assertEquals(List.of(running), running(executor, JOB), "the running enumerator was not touched");
    testKit.stop(executor);
  }

  @Test
  void freeingASlotCancelsTheTaskGroupRunningInIt() {
    ActorRef<TaskExecutorCommand> executor = start();
    executor.tell(new TaskExecutor.SlotsGranted(SEQUENCE, JOB, List.of(0, 1)));
    TaskGroupId inZero = id(JOB, 0, 0);
    executor.tell(new TaskExecutorProtocol.DeployTaskGroup(enumerator(inZero, slot(SEQUENCE, 0, JOB))));
    expectState(inZero, JobStatus.RUNNING);

    executor.tell(new TaskExecutor.SlotsFreed(SEQUENCE, OTHER_JOB, List.of(0))); // not that job's: nothing happens
    jobMaster.expectNoMessage(QUIET);
    executor.tell(new TaskExecutor.SlotsFreed(SEQUENCE, JOB, List.of(0)));
    TaskGroupStateChanged canceled = expectState(inZero, JobStatus.CANCELED);
    assertTrue(canceled.error().contains("slot #0 of job 5 was freed"), canceled.error());
    testKit.createTestProbe().awaitAssert(Duration.ofSeconds(5), () -> {
      assertEquals(List.of(), running(executor, JOB));
      return null;
    });

    // The freed slot is no longer this job's: a deploy into it is refused now.
    TaskGroupId again = id(JOB, 1, 0);
    executor.tell(new TaskExecutorProtocol.DeployTaskGroup(enumerator(again, slot(SEQUENCE, 0, JOB))));
    expectRefused(again, "slot #0 is not granted to any job here", 1);
    testKit.stop(executor);
  }

  @Test
  void aRunningEnumeratorReportsMetricsEveryInterval() {
    ActorRef<TaskExecutorCommand> executor = start(Duration.ofMillis(50));
    executor.tell(new TaskExecutor.SlotsGranted(SEQUENCE, JOB, List.of(0)));
    TaskGroupId id = id(JOB, 0, 0);
    executor.tell(new TaskExecutorProtocol.DeployTaskGroup(enumerator(id, slot(SEQUENCE, 0, JOB))));
    expectState(id, JobStatus.RUNNING);
    for (int i = 0; i < 3; i++) {
      JobMasterProtocol.TaskGroupMetrics metrics =
          jobMaster.expectMessageClass(JobMasterProtocol.TaskGroupMetrics.class, Duration.ofSeconds(2));
      assertEquals(id, metrics.id(), "the enumerator says it is alive, so a report timeout does not fail it");
    }
    testKit.stop(executor);
  }
}
