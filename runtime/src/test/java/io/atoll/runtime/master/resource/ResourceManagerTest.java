package io.atoll.runtime.master.resource;

import static io.atoll.runtime.testing.Profiles.worker;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.ManualTime;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import io.atoll.protocol.resource.ClusterResources;
import io.atoll.protocol.resource.SlotCapacity;
import io.atoll.protocol.resource.JobId;
import io.atoll.protocol.resource.ResourceCounters;
import io.atoll.protocol.resource.ResourceManagerProtocol;
import io.atoll.protocol.resource.ResourceManagerProtocol.Heartbeat;
import io.atoll.protocol.resource.ResourceManagerProtocol.RequestSlots;
import io.atoll.protocol.resource.SlotProfile;
import io.atoll.protocol.resource.SlotReply;
import io.atoll.protocol.resource.SlotServiceProtocol;
import io.atoll.protocol.resource.SlotServiceProtocol.AssignSlots;
import io.atoll.protocol.resource.SlotServiceProtocol.FreeSlots;
import io.atoll.protocol.resource.TagsReply;
import io.atoll.protocol.resource.WorkerLost;
import io.atoll.protocol.resource.WorkerProfile;
import io.atoll.runtime.config.ResourceManagerSettings;
import io.atoll.runtime.resource.ResourceOwner;
import io.atoll.runtime.resource.ResourceTracker;
import io.atoll.runtime.resource.ResourceTrackers;
import io.atoll.runtime.testing.TestConfigs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ResourceManager against probes standing in for workers and jobs, on manual time. */
class ResourceManagerTest {
  private static final ActorTestKit testKit =
      ActorTestKit.create(ManualTime.config().withFallback(TestConfigs.base()));
  private static final ManualTime time = ManualTime.get(testKit.system());
  private static final ResourceManagerSettings SETTINGS =
      new ResourceManagerSettings(Duration.ofSeconds(5), Duration.ofSeconds(2));
  private static final String A = "akka://atoll@127.0.0.1:1";
  private static final String B = "akka://atoll@127.0.0.1:2";
  private static final JobId JOB = JobId.of(7);

  private TestProbe<WorkerLost> owners;
  private TestProbe<SlotServiceProtocol> workerA;
  private TestProbe<SlotServiceProtocol> workerB;
  private TestProbe<SlotReply> requester;
  private ActorRef<ResourceManagerProtocol> rm;

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  @org.junit.jupiter.api.AfterEach
  void stop() {
    testKit.stop(rm);
  }

  @BeforeEach
  void start() {
    owners = testKit.createTestProbe();
    workerA = testKit.createTestProbe();
    workerB = testKit.createTestProbe();
    requester = testKit.createTestProbe();
    rm = spawnResourceManager();
  }

  private ActorRef<ResourceManagerProtocol> spawnResourceManager() {
    TestProbe<WorkerLost> notices = owners;
    return testKit.spawn(ResourceManager.create(SETTINGS, notices.ref()::tell, false));
  }

  private ClusterResources resources() {
    TestProbe<ClusterResources> probe = testKit.createTestProbe();
    rm.tell(new ResourceManagerProtocol.GetClusterResources(probe.ref()));
    return probe.receiveMessage();
  }

  private void beat(TestProbe<SlotServiceProtocol> service, WorkerProfile profile) {
    rm.tell(new Heartbeat(profile, service.ref()));
  }

  @Test
  void anAssignmentAnEndedJobStillHoldsIsALeakFreedOnItsWorker() {
    JobId ended = JobId.of(97);
    ResourceOwner owner = ResourceOwner.job(ended.value());
    ResourceTracker tracker = ResourceTrackers.get(testKit.system());
    beat(workerA, worker(A, 1, 1, 3, Map.of(), JOB, ended));
    resources(); // the heartbeat is in
    assertEquals(List.of("slot #1 of worker " + A + " (sequence 1)"),
        tracker.live(owner).stream().map(ResourceTracker.Entry::description).toList());

    List<ResourceTracker.Leak> leaks = tracker.jobEnded(ended.value(), "job FINISHED", "slot-assignment"::equals);

    assertEquals(1, leaks.size());
    FreeSlots free = workerA.expectMessageClass(FreeSlots.class);
    assertEquals(ended, free.job());
    assertEquals(List.of(1), free.slotIds());
    assertEquals(1, resources().workers().get(0).profile().assignedSlots().size(), "only the other job's slot");
    assertEquals(List.of(), tracker.live(owner));
    beat(workerA, worker(A, 1, 1, 3, Map.of(), JOB, ended)); // sent before the worker freed it
    resources();
    assertEquals(List.of(), tracker.live(owner), "an assignment freed here stays released until the worker confirms");
  }

  @Test
  void slotCapacityIsCompleteOnlyAfterAHeartbeatTimeoutSoAJoiningWorkerIsNotMissed() {
    beat(workerA, worker(A, 1, 1, 2, Map.of(), JOB));
    TestProbe<SlotCapacity> probe = testKit.createTestProbe();
    rm.tell(new ResourceManagerProtocol.GetSlotCapacity(probe.ref()));
    SlotCapacity early = probe.receiveMessage();
    assertFalse(early.complete(), "a worker may not have reported yet");
    assertEquals(2, early.totalSlots(Map.of()));
    assertEquals(1, early.freeSlots(Map.of()));

    time.timePasses(SETTINGS.heartbeatTimeout());
    beat(workerA, worker(A, 1, 1, 2, Map.of(), JOB));
    beat(workerB, worker(B, 1, 1, 3, Map.of("zone", "b")));
    rm.tell(new ResourceManagerProtocol.GetSlotCapacity(probe.ref()));
    SlotCapacity later = probe.receiveMessage();
    assertTrue(later.complete());
    assertEquals(5, later.totalSlots(Map.of()));
    assertEquals(3, later.totalSlots(Map.of("zone", "b")));
    assertEquals(1, later.workers(Map.of("zone", "b")));
  }

  @Test
  void aSilentWorkerIsLostAfterTheTimeoutAndItsSlotOwnersAreTold() {
    beat(workerA, worker(A, 1, 1, 2, Map.of(), JOB));
    beat(workerB, worker(B, 1, 1, 2, Map.of()));
    assertEquals(2, resources().workers().size());

    time.timePasses(Duration.ofSeconds(3));
    beat(workerB, worker(B, 1, 1, 2, Map.of())); // B stays alive, A goes silent
    time.timePasses(Duration.ofMillis(1900));
    owners.expectNoMessage(Duration.ofMillis(50));
    assertEquals(2, resources().workers().size(), "4.9 s of silence is within the 5 s timeout");

    time.timePasses(Duration.ofMillis(200));
    WorkerLost notice = owners.receiveMessage();
    assertEquals(JOB, notice.job());
    assertEquals(A, notice.worker());
    assertEquals(1, notice.lostSlots().size());
    assertTrue(notice.reason().contains("no heartbeat"), notice.reason());
    assertEquals(List.of(B), resources().workers().stream().map(w -> w.profile().address()).toList());
  }

  @Test
  void slotsAreAllocatedOnlyOnWorkersMatchingEveryTag() {
    beat(workerA, worker(A, 1, 1, 2, Map.of("zone", "a", "disk", "ssd")));
    beat(workerB, worker(B, 1, 1, 4, Map.of("zone", "b", "disk", "ssd")));

    rm.tell(new RequestSlots(JOB, 2, Map.of("zone", "a", "disk", "ssd"), requester.ref()));
    AssignSlots assign = (AssignSlots) workerA.receiveMessage();
    assertEquals(2, assign.count());
    assertEquals(1L, assign.sequence());
    workerB.expectNoMessage(Duration.ofMillis(50));
    confirm(assign, A, 2);

    SlotReply.SlotsAllocated allocated = assertInstanceOf(SlotReply.SlotsAllocated.class, requester.receiveMessage());
    assertEquals(2, allocated.slots().size());
    assertTrue(allocated.slots().stream().allMatch(s -> s.worker().equals(A) && JOB.equals(s.owner())));
    assertEquals(0, resources().filter(Map.of("zone", "a")).unassignedSlots());
  }

  @Test
  void aRequestIsSpreadOverTheLeastLoadedWorkers() {
    beat(workerA, worker(A, 1, 1, 2, Map.of(), JobId.of(99)));
    beat(workerB, worker(B, 1, 1, 4, Map.of()));

    rm.tell(new RequestSlots(JOB, 3, Map.of(), requester.ref()));
    AssignSlots toA = (AssignSlots) workerA.receiveMessage();
    AssignSlots toB = (AssignSlots) workerB.receiveMessage();
    assertEquals(1, toA.count(), "A already runs one slot, so it gets the fewer");
    assertEquals(2, toB.count());
  }

  @Test
  void notEnoughSlotsSaysHowManyAreFreeAndAsksNoWorker() {
    beat(workerA, worker(A, 1, 1, 2, Map.of()));
    beat(workerB, worker(B, 1, 1, 2, Map.of(), JOB));

    rm.tell(new RequestSlots(JOB, 4, Map.of(), requester.ref()));
    SlotReply.NotEnoughSlots reply = assertInstanceOf(SlotReply.NotEnoughSlots.class, requester.receiveMessage());
    assertEquals(4, reply.requested());
    assertEquals(3, reply.free());
    assertTrue(reply.reason().contains("3 free"), reply.reason());
    workerA.expectNoMessage(Duration.ofMillis(50));
    workerB.expectNoMessage(Duration.ofMillis(10));
  }

  @Test
  void slotsInFlightAreNotPromisedTwice() {
    beat(workerA, worker(A, 1, 1, 2, Map.of()));
    rm.tell(new RequestSlots(JOB, 2, Map.of(), requester.ref()));
    workerA.receiveMessage();
    TestProbe<SlotReply> second = testKit.createTestProbe();
    rm.tell(new RequestSlots(JobId.of(8), 1, Map.of(), second.ref()));
    assertEquals(0, assertInstanceOf(SlotReply.NotEnoughSlots.class, second.receiveMessage()).free());
  }

  @Test
  void allocationIsAllOrNothingWhenAWorkerRefuses() {
    beat(workerA, worker(A, 1, 1, 1, Map.of()));
    beat(workerB, worker(B, 1, 1, 1, Map.of()));
    rm.tell(new RequestSlots(JOB, 2, Map.of(), requester.ref()));
    AssignSlots toA = (AssignSlots) workerA.receiveMessage();
    AssignSlots toB = (AssignSlots) workerB.receiveMessage();
    confirm(toA, A, 1);
    rm.tell(new ResourceManagerProtocol.SlotsRefused(toB.requestId(), B, "0 free"));

    SlotReply.NotEnoughSlots reply = assertInstanceOf(SlotReply.NotEnoughSlots.class, requester.receiveMessage());
    assertTrue(reply.reason().contains("refused"), reply.reason());
    FreeSlots free = (FreeSlots) workerA.receiveMessage();
    assertEquals(JOB, free.job());
    assertEquals(List.of(0), free.slotIds());
    assertEquals(2, resources().unassignedSlots());
  }

  @Test
  void aWorkerThatNeverConfirmsFailsTheRequestAfterTheTimeout() {
    beat(workerA, worker(A, 1, 1, 1, Map.of()));
    beat(workerB, worker(B, 1, 1, 1, Map.of()));
    rm.tell(new RequestSlots(JOB, 2, Map.of(), requester.ref()));
    confirm((AssignSlots) workerA.receiveMessage(), A, 1);
    AssignSlots toB = (AssignSlots) workerB.receiveMessage();
    time.timePasses(Duration.ofSeconds(2));
    SlotReply.NotEnoughSlots reply = assertInstanceOf(SlotReply.NotEnoughSlots.class, requester.receiveMessage());
    assertTrue(reply.reason().contains("did not confirm"), reply.reason());
    assertInstanceOf(FreeSlots.class, workerA.receiveMessage());

    // B's confirmation arrives late: its slot is given back, not leaked.
    confirm(toB, B, 1);
    FreeSlots late = (FreeSlots) workerB.receiveMessage();
    assertEquals(List.of(0), late.slotIds());
  }

  @Test
  void aRestartedWorkerIsANewIncarnationAndItsOldSlotsAreReportedLost() {
    beat(workerA, worker(A, 1, 1, 2, Map.of(), JOB));
    beat(workerA, worker(A, 2, 0, 2, Map.of()));
    WorkerLost notice = owners.receiveMessage();
    assertEquals(JOB, notice.job());
    assertEquals(1L, notice.lostSlots().get(0).sequence());
    assertEquals(2, resources().unassignedSlots());
  }

  @Test
  void aStaleHeartbeatDoesNotUndoAConfirmedAssignment() {
    beat(workerA, worker(A, 1, 1, 2, Map.of()));
    rm.tell(new RequestSlots(JOB, 2, Map.of(), requester.ref()));
    confirm((AssignSlots) workerA.receiveMessage(), A, 2);
    requester.receiveMessage();
    beat(workerA, worker(A, 1, 1, 2, Map.of())); // sent before the assignment, arrives after
    assertEquals(0, resources().unassignedSlots());
  }

  @Test
  void afterARestartTheRegistryAndSlotOwnershipAreRebuiltFromHeartbeats() {
    beat(workerA, worker(A, 1, 3, 2, Map.of("zone", "a"), JOB));
    beat(workerB, worker(B, 1, 3, 2, Map.of(), JOB, JOB));
    testKit.stop(rm);
    rm = spawnResourceManager();
    assertEquals(0, resources().workers().size(), "a new ResourceManager starts empty");

    beat(workerA, worker(A, 1, 3, 2, Map.of("zone", "a"), JOB));
    beat(workerB, worker(B, 1, 3, 2, Map.of(), JOB, JOB));
    ClusterResources rebuilt = resources();
    assertEquals(2, rebuilt.workers().size());
    assertEquals(4, rebuilt.totalSlots());
    assertEquals(1, rebuilt.unassignedSlots());

    rm.tell(new RequestSlots(JobId.of(8), 2, Map.of(), requester.ref()));
    assertEquals(1, assertInstanceOf(SlotReply.NotEnoughSlots.class, requester.receiveMessage()).free());

    time.timePasses(Duration.ofSeconds(5));
    List<WorkerLost> notices = new ArrayList<>(owners.receiveSeveralMessages(2));
    assertTrue(notices.stream().allMatch(n -> n.job().equals(JOB)));
    assertEquals(3, notices.stream().mapToInt(n -> n.lostSlots().size()).sum(),
        "ownership known only from heartbeats is enough to tell the owner");
  }

  @Test
  void releasedSlotsBecomeFreeAndTheWorkerIsTold() {
    beat(workerA, worker(A, 1, 1, 2, Map.of()));
    rm.tell(new RequestSlots(JOB, 2, Map.of(), requester.ref()));
    confirm((AssignSlots) workerA.receiveMessage(), A, 2);
    List<SlotProfile> slots = ((SlotReply.SlotsAllocated) requester.receiveMessage()).slots();

    rm.tell(new ResourceManagerProtocol.ReleaseSlots(JOB, slots));
    FreeSlots free = (FreeSlots) workerA.receiveMessage();
    assertEquals(List.of(0, 1), free.slotIds());
    assertEquals(2, resources().unassignedSlots());
  }

  private ResourceCounters counters() {
    TestProbe<ResourceCounters> probe = testKit.createTestProbe();
    rm.tell(new ResourceManagerProtocol.GetCounters(probe.ref()));
    return probe.receiveMessage();
  }

  @Test
  void countsHeartbeatsRequestsLostWorkersAndFencedCommandsReportedByWorkers() {
    beat(workerA, worker(A, 1, 2, 1, Map.of()));
    rm.tell(new Heartbeat(worker(A, 1, 2, 1, Map.of()), workerA.ref(), 3));
    rm.tell(new Heartbeat(worker(A, 1, 1, 1, Map.of()), workerA.ref(), 2)); // stale, and an older count
    rm.tell(new Heartbeat(worker(B, 1, 1, 1, Map.of()), workerB.ref(), 4));
    rm.tell(new RequestSlots(JOB, 1, Map.of("zone", "x"), requester.ref()));
    assertInstanceOf(SlotReply.NotEnoughSlots.class, requester.receiveMessage());
    rm.tell(new RequestSlots(JOB, 1, Map.of(), requester.ref()));
    AssignSlots assign = (AssignSlots) (workerA.receiveMessage());
    confirm(assign, A, 1);
    assertInstanceOf(SlotReply.SlotsAllocated.class, requester.receiveMessage());
    time.timePasses(Duration.ofSeconds(5));

    ResourceCounters c = counters();
    assertEquals(4, c.heartbeats());
    assertEquals(1, c.staleHeartbeats());
    assertEquals(1, c.slotRequestsGranted());
    assertEquals(1, c.slotRequestsRefused());
    assertEquals(2, c.workersLost());
    assertEquals(7, c.fencedCommands(), "A's largest report (3) plus B's (4); an older, lower report adds nothing");
  }

  @Test
  void updatedTagsAreTakenByTheWorkerAndHonouredByTheNextRequest() {
    beat(workerA, worker(A, 1, 1, 2, Map.of("zone", "a")));
    beat(workerB, worker(B, 1, 1, 2, Map.of("zone", "b")));
    TestProbe<TagsReply> replies = testKit.createTestProbe();
    rm.tell(new ResourceManagerProtocol.UpdateWorkerTags("127.0.0.1:1", Map.of("zone", "gpu"), replies.ref()));

    SlotServiceProtocol.UpdateTags update = (SlotServiceProtocol.UpdateTags) workerA.receiveMessage();
    assertEquals(1L, update.sequence());
    assertEquals(Map.of("zone", "gpu"), update.tags());
    update.replyTo().tell(new SlotServiceProtocol.SlotServiceStatus(worker(A, 1, 2, 2, Map.of("zone", "gpu")), 0));
    TagsReply.TagsUpdated updated = assertInstanceOf(TagsReply.TagsUpdated.class, replies.receiveMessage());
    assertEquals(A, updated.profile().address());

    beat(workerA, worker(A, 1, 1, 2, Map.of("zone", "a"))); // sent before the change, arrives after
    rm.tell(new RequestSlots(JOB, 2, Map.of("zone", "gpu"), requester.ref()));
    AssignSlots assign = (AssignSlots) workerA.receiveMessage();
    assertEquals(2, assign.count());
    workerB.expectNoMessage(Duration.ofMillis(50));
  }

  @Test
  void tagsOfAnUnknownOrSilentWorkerAreNotUpdated() {
    beat(workerA, worker(A, 1, 1, 2, Map.of("zone", "a")));
    TestProbe<TagsReply> replies = testKit.createTestProbe();
    rm.tell(new ResourceManagerProtocol.UpdateWorkerTags("10.9.9.9:1", Map.of(), replies.ref()));
    TagsReply.TagsNotUpdated unknown = assertInstanceOf(TagsReply.TagsNotUpdated.class, replies.receiveMessage());
    assertTrue(unknown.unknownWorker());

    rm.tell(new ResourceManagerProtocol.UpdateWorkerTags(A, Map.of(), replies.ref()));
    assertInstanceOf(SlotServiceProtocol.UpdateTags.class, workerA.receiveMessage()); // and never answers
    time.timePasses(Duration.ofSeconds(2));
    TagsReply.TagsNotUpdated silent = assertInstanceOf(TagsReply.TagsNotUpdated.class, replies.receiveMessage());
    assertTrue(!silent.unknownWorker() && silent.reason().contains("did not confirm"), silent.reason());
    assertEquals(Map.of("zone", "a"), resources().workers().get(0).profile().tags());
  }

  private void confirm(AssignSlots assign, String address, int slotCount) {
    List<SlotProfile> slots = new ArrayList<>();
    for (int i = 0; i < slotCount; i++) {
      slots.add(SlotProfile.free(address, assign.sequence(), i, io.atoll.runtime.testing.Profiles.SLOT)
          .assignTo(assign.job()));
    }
    assign.replyTo().tell(new ResourceManagerProtocol.SlotsAssigned(
        assign.requestId(), address, assign.sequence(), 10, slots));
  }
}
