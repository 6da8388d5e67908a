package io.atoll.runtime.worker.slot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.ManualTime;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import io.atoll.protocol.execution.TaskExecutorCommand;
import io.atoll.protocol.resource.JobId;
import io.atoll.protocol.resource.ResourceManagerProtocol;
import io.atoll.protocol.resource.ResourceManagerProtocol.Heartbeat;
import io.atoll.protocol.resource.ResourceManagerProtocol.SlotsAssigned;
import io.atoll.protocol.resource.ResourceManagerProtocol.SlotsRefused;
import io.atoll.protocol.resource.SlotProfile;
import io.atoll.protocol.resource.SlotServiceProtocol;
import io.atoll.protocol.resource.SlotServiceProtocol.AssignSlots;
import io.atoll.protocol.resource.SlotServiceProtocol.FreeSlots;
import io.atoll.protocol.resource.SlotServiceProtocol.SlotServiceStatus;
import io.atoll.protocol.resource.WorkerProfile;
import io.atoll.runtime.config.SlotServiceSettings;
import io.atoll.runtime.resource.ResourceOwner;
import io.atoll.runtime.resource.ResourceTracker;
import io.atoll.runtime.resource.ResourceTrackers;
import io.atoll.runtime.worker.execution.TaskExecutor;
import io.atoll.runtime.testing.TestConfigs;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A SlotService against a probe standing in for the ResourceManager, on manual time. */
class SlotServiceTest {
  private static final ActorTestKit testKit =
      ActorTestKit.create(ManualTime.config().withFallback(TestConfigs.base()));
  private static final ManualTime time = ManualTime.get(testKit.system());
  private static final String SELF = "akka://atoll@127.0.0.1:25521";
  private static final long SEQUENCE = 42L;
  private static final JobId JOB = JobId.of(3);

  private final TestProbe<ResourceManagerProtocol> rm = testKit.createTestProbe();
  private final TestProbe<TaskExecutorCommand> executor = testKit.createTestProbe();
  private ActorRef<SlotServiceProtocol> service;
  private TaskExecutor.SlotServiceStarted started;

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  @AfterEach
  void stop() {
    testKit.stop(service);
  }

  private WorkerProfile start(boolean dynamic, int slots) {
    SlotServiceSettings settings =
        new SlotServiceSettings(dynamic, slots, Map.of("zone", "a"), Duration.ofSeconds(1), 2000, 1L << 30);
    service = testKit.spawn(SlotService.create(settings, SELF, rm.ref(), executor.ref(), SEQUENCE)).narrow();
    started = executor.expectMessageClass(TaskExecutor.SlotServiceStarted.class);
    return ((Heartbeat) rm.receiveMessage()).profile();
  }

  private SlotServiceStatus status() {
    TestProbe<SlotServiceStatus> probe = testKit.createTestProbe();
    service.tell(new SlotServiceProtocol.GetStatus(probe.ref()));
    return probe.receiveMessage();
  }

  @Test
  void heartbeatsCarryTheProfileOnEveryInterval() {
    WorkerProfile first = start(false, 2);
    assertEquals(SELF, first.address());
    assertEquals(SEQUENCE, first.sequence());
    assertEquals(2, first.unassignedSlots().size());
    assertEquals(Map.of("zone", "a"), first.tags());
    assertEquals(512L << 20, first.unassignedSlots().get(0).resource().heapBytes(), "heap split per slot");

    rm.expectNoMessage(Duration.ofMillis(20));
    time.timePasses(Duration.ofSeconds(1));
    assertInstanceOf(Heartbeat.class, rm.receiveMessage());
    time.timePasses(Duration.ofSeconds(1));
    assertInstanceOf(Heartbeat.class, rm.receiveMessage());
  }

  @Test
  void assignsFreeSlotsAndReportsThemInTheNextHeartbeat() {
    start(false, 2);
    TestProbe<ResourceManagerProtocol> replies = testKit.createTestProbe();
    service.tell(new AssignSlots(5, SEQUENCE, JOB, 2, replies.ref()));
    SlotsAssigned assigned = assertInstanceOf(SlotsAssigned.class, replies.receiveMessage());
    assertEquals(5, assigned.requestId());
    assertEquals(List.of(0, 1), assigned.slots().stream().map(SlotProfile::slotId).toList());
    assertTrue(assigned.slots().stream().allMatch(s -> JOB.equals(s.owner())));

    service.tell(new AssignSlots(6, SEQUENCE, JobId.of(4), 1, replies.ref()));
    assertTrue(assertInstanceOf(SlotsRefused.class, replies.receiveMessage()).reason().contains("0 free"));

    time.timePasses(Duration.ofSeconds(1));
    WorkerProfile profile = ((Heartbeat) rm.receiveMessage()).profile();
    assertEquals(2, profile.assignedSlots().size());
    assertEquals(assigned.stateVersion(), profile.stateVersion());
  }

  @Test
  void aGrantedSlotIsTrackedUnderItsJobUntilFreedAndOneItsEndedJobStillHoldsIsFreed() {
    start(false, 3);
    JobId job = JobId.of(77);
    ResourceOwner owner = ResourceOwner.job(job.value());
    ResourceTracker tracker = ResourceTrackers.get(testKit.system());
    TestProbe<ResourceManagerProtocol> replies = testKit.createTestProbe();
    service.tell(new AssignSlots(1, SEQUENCE, job, 2, replies.ref()));
    replies.expectMessageClass(SlotsAssigned.class);
    assertEquals(List.of("slot #0 of worker " + SELF + " (sequence 42)", "slot #1 of worker " + SELF + " (sequence 42)"),
        tracker.live(owner).stream().map(ResourceTracker.Entry::description).toList());
    assertTrue(tracker.live(owner).stream().allMatch(e -> e.kind().equals("slot")));

    service.tell(new FreeSlots(SEQUENCE, job, List.of(0)));
    executor.expectMessageClass(TaskExecutor.SlotsGranted.class);
    executor.expectMessageClass(TaskExecutor.SlotsFreed.class);
    assertEquals(1, tracker.live(owner).size(), "a freed slot's entry is released");

    List<ResourceTracker.Leak> leaks = tracker.jobEnded(job.value(), "job FINISHED");

    assertEquals(List.of("slot"), leaks.stream().map(ResourceTracker.Leak::kind).toList());
    assertEquals("released by the runtime", leaks.get(0).outcome());
    TaskExecutor.SlotsFreed reclaimed = executor.expectMessageClass(TaskExecutor.SlotsFreed.class);
    assertEquals(List.of(1), reclaimed.slotIds(), "the leaked slot is freed, and its task group cancelled");
    assertEquals(3, status().profile().unassignedSlots().size());
    assertEquals(List.of(), tracker.live(owner));
  }

  @Test
  void commandsFencedWithAnotherSequenceAreRefusedAndCounted() {
    start(false, 2);
    TestProbe<ResourceManagerProtocol> replies = testKit.createTestProbe();
    service.tell(new AssignSlots(1, SEQUENCE, JOB, 1, replies.ref()));
    replies.receiveMessage();

    service.tell(new AssignSlots(2, SEQUENCE - 1, JOB, 1, replies.ref()));
    SlotsRefused refused = assertInstanceOf(SlotsRefused.class, replies.receiveMessage());
    assertTrue(refused.reason().contains("fenced"), refused.reason());
    service.tell(new FreeSlots(SEQUENCE - 1, JOB, List.of(0)));

    SlotServiceStatus status = status();
    assertEquals(2, status.fencedCommands());
    assertEquals(1, status.profile().assignedSlots().size(), "the fenced free changed nothing");

    time.timePasses(Duration.ofSeconds(1));
    assertEquals(2, ((Heartbeat) rm.receiveMessage()).fencedCommands(), "heartbeats carry the count to the master");
  }

  @Test
  void updatedTagsReplaceTheConfiguredOnesAndBumpTheStateVersion() {
    WorkerProfile before = start(false, 2);
    TestProbe<SlotServiceStatus> replies = testKit.createTestProbe();
    service.tell(new SlotServiceProtocol.UpdateTags(SEQUENCE, Map.of("zone", "b", "disk", "ssd"), replies.ref()));
    WorkerProfile after = replies.receiveMessage().profile();
    assertEquals(Map.of("zone", "b", "disk", "ssd"), after.tags());
    assertTrue(after.stateVersion() > before.stateVersion(), "a heartbeat sent before must not undo the change");

    time.timePasses(Duration.ofSeconds(1));
    assertEquals(Map.of("zone", "b", "disk", "ssd"), ((Heartbeat) rm.receiveMessage()).profile().tags());

    service.tell(new SlotServiceProtocol.UpdateTags(SEQUENCE - 1, Map.of(), replies.ref()));
    SlotServiceStatus fenced = replies.receiveMessage();
    assertEquals(Map.of("zone", "b", "disk", "ssd"), fenced.profile().tags(), "a fenced update changes nothing");
    assertEquals(1, fenced.fencedCommands());
  }

  @Test
  void freesOnlyTheSlotsTheJobOwns() {
    start(false, 3);
    TestProbe<ResourceManagerProtocol> replies = testKit.createTestProbe();
    service.tell(new AssignSlots(1, SEQUENCE, JOB, 1, replies.ref()));
    service.tell(new AssignSlots(2, SEQUENCE, JobId.of(9), 1, replies.ref()));
    replies.receiveSeveralMessages(2);

    service.tell(new FreeSlots(SEQUENCE, JOB, List.of(0, 1)));
    WorkerProfile profile = status().profile();
    assertEquals(1, profile.assignedSlots().size());
    assertEquals(JobId.of(9), profile.assignedSlots().get(0).owner());
    assertEquals(2, profile.unassignedSlots().size());
  }

  @Test
  void dynamicSlotsAreCreatedOnDemandAndRemovedWhenFreed() {
    WorkerProfile first = start(true, 2);
    assertTrue(first.dynamicSlot());
    assertEquals(0, first.totalSlots());
    TestProbe<ResourceManagerProtocol> replies = testKit.createTestProbe();
    service.tell(new AssignSlots(1, SEQUENCE, JOB, 5, replies.ref()));
    SlotsAssigned assigned = assertInstanceOf(SlotsAssigned.class, replies.receiveMessage());
    assertEquals(5, assigned.slots().size());
    assertEquals(5, status().profile().assignedSlots().size());

    service.tell(new FreeSlots(SEQUENCE, JOB, assigned.slots().stream().map(SlotProfile::slotId).toList()));
    assertEquals(0, status().profile().totalSlots());
  }

  @Test
  void theTaskExecutorLearnsTheSequenceFirstAndEveryGrantBeforeTheResourceManager() {
    // One probe stands in for both the ResourceManager and the TaskExecutor, so the order in which
    // they hear of a grant shows: a deploy (which follows the reply) can never overtake its grant.
    TestProbe<Object> both = testKit.createTestProbe();
    service = testKit.spawn(SlotService.create(
        new SlotServiceSettings(false, 3, Map.of(), Duration.ofSeconds(1), 2000, 1L << 30),
        SELF, anyRef(both), anyRef(both), SEQUENCE)).narrow();
    TaskExecutor.SlotServiceStarted first = both.expectMessageClass(TaskExecutor.SlotServiceStarted.class);
    assertEquals(SELF, first.worker());
    assertEquals(SEQUENCE, first.sequence());
    both.expectMessageClass(Heartbeat.class);
    service.tell(new AssignSlots(1, SEQUENCE, JOB, 2, anyRef(both)));
    TaskExecutor.SlotsGranted granted = both.expectMessageClass(TaskExecutor.SlotsGranted.class);
    assertEquals(new TaskExecutor.SlotsGranted(SEQUENCE, JOB, List.of(0, 1)), granted);
    both.expectMessageClass(SlotsAssigned.class);

    service.tell(new FreeSlots(SEQUENCE, JOB, List.of(1, 2)));
    assertEquals(new TaskExecutor.SlotsFreed(SEQUENCE, JOB, List.of(1)),
        both.expectMessageClass(TaskExecutor.SlotsFreed.class), "only the slot the job held is freed");
  }

  @Test
  void everySlotCarriesTheTaskExecutorRef() {
    WorkerProfile first = start(false, 2);
    assertTrue(first.unassignedSlots().stream().allMatch(s -> executor.ref().equals(s.executor())));
    TestProbe<ResourceManagerProtocol> replies = testKit.createTestProbe();
    service.tell(new AssignSlots(1, SEQUENCE, JOB, 1, replies.ref()));
    SlotsAssigned assigned = assertInstanceOf(SlotsAssigned.class, replies.receiveMessage());
    assertEquals(executor.ref(), assigned.slots().get(0).executor());
  }

  @Test
  void taskCommandsTheExecutorRefusedAreAddedToTheHeartbeatCount() {
    start(false, 1);
    service.tell(new FreeSlots(SEQUENCE - 1, JOB, List.of(0))); // fenced here: 1
    started.refusals().tell(new TaskExecutor.CommandsRefused(3));
    started.refusals().tell(new TaskExecutor.CommandsRefused(2)); // late and smaller: the count never shrinks
    testKit.createTestProbe().awaitAssert(Duration.ofSeconds(3), () -> {
      assertEquals(4, status().fencedCommands());
      return null;
    });
    time.timePasses(Duration.ofSeconds(1));
    assertEquals(4, ((Heartbeat) rm.receiveMessage()).fencedCommands());
  }

  @SuppressWarnings("unchecked")
  private static <T> ActorRef<T> anyRef(TestProbe<Object> probe) {
    return (ActorRef<T>) (ActorRef<?>) probe.ref();
  }
}
