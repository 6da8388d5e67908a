package io.atoll.runtime.master.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.atoll.protocol.resource.JobId;
import io.atoll.protocol.resource.ResourceProfile;
import io.atoll.protocol.resource.SlotProfile;
import io.atoll.runtime.resource.LeakDetectionLevel;
import io.atoll.runtime.resource.ResourceOwner;
import io.atoll.runtime.resource.ResourceTracker;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SlotAssignmentsTest {
  private static final ResourceProfile SLOT = new ResourceProfile(1000, 1L << 28);
  private final ResourceTracker tracker = new ResourceTracker("master", LeakDetectionLevel.SIMPLE);
  private final List<SlotProfile> reclaimed = new ArrayList<>();
  private final SlotAssignments assignments = new SlotAssignments(tracker, reclaimed::add);

  private static SlotProfile slot(String worker, long sequence, int id, long job) {
    return new SlotProfile(worker, sequence, id, SLOT, JobId.of(job));
  }

  @Test
  void anEntryLivesExactlyAsLongAsTheRegistrysAssignment() {
    assignments.sync("w1", List.of(slot("w1", 1, 0, 5), slot("w1", 1, 1, 5)), true);
    assignments.sync("w2", List.of(slot("w2", 9, 0, 6)), true);
    assertEquals(Map.of("slot-assignment", 3), tracker.report().liveByKind());
    assertEquals(2, tracker.live(ResourceOwner.job(5)).size());

    assignments.sync("w1", List.of(slot("w1", 1, 1, 5)), true); // slot 0 released
    assertEquals(1, tracker.live(ResourceOwner.job(5)).size());

    assignments.sync("w1", List.of(slot("w1", 1, 1, 7)), true); // freed and given to another job between two syncs
    assertEquals(List.of(), tracker.live(ResourceOwner.job(5)));
    assertEquals(1, tracker.live(ResourceOwner.job(7)).size());

    assignments.sync("w1", List.of(slot("w1", 2, 1, 7)), true); // the worker restarted: a new incarnation's slot
    assertEquals("slot #1 of worker w1 (sequence 2)", tracker.live(ResourceOwner.job(7)).get(0).description());

    assignments.sync("w2", List.of(), true); // lost
    assertEquals(List.of(), tracker.live(ResourceOwner.job(6)));
    assertEquals(1, assignments.size());
    assertEquals(Map.of(), tracker.report().leaksByKind());
    assertEquals(Map.of(), tracker.report().doubleReleasesByKind());
  }

  @Test
  void anAssignmentItsEndedJobStillOwnsIsALeakReclaimedThroughTheResourceManager() {
    assignments.sync("w1", List.of(slot("w1", 1, 0, 5), slot("w1", 1, 1, 8)), true);

    List<ResourceTracker.Leak> leaks = tracker.jobEnded(5, "job FINISHED", SlotAssignments.KIND::equals);

    assertEquals(1, leaks.size());
    assertEquals("job 5", leaks.get(0).owner());
    assertEquals("released by the runtime", leaks.get(0).outcome());
    assertEquals(List.of(slot("w1", 1, 0, 5)), reclaimed);
    assertEquals(Map.of("slot-assignment", 1L), tracker.report().leaksByKind());

    assignments.sync("w1", List.of(slot("w1", 1, 1, 8)), true); // the ResourceManager freed it
    assertEquals(Map.of(), tracker.report().doubleReleasesByKind(), "a reclaimed entry's release is no double release");
    assertEquals(Map.of("slot-assignment", 1), tracker.report().liveByKind());
  }

  @Test
  void aHeartbeatTheWorkerSentBeforeItFreedTheSlotsDoesNotBringTheirEntriesBack() {
    assignments.sync("w1", List.of(slot("w1", 1, 0, 5), slot("w1", 1, 1, 5)), true);
    assignments.freed(List.of(slot("w1", 1, 0, 5), slot("w1", 1, 1, 5)));
    assignments.sync("w1", List.of(), false); // the registry marked them free itself: no confirmation
    assertEquals(List.of(), tracker.live(ResourceOwner.job(5)));

    assignments.sync("w1", List.of(slot("w1", 1, 0, 5), slot("w1", 1, 1, 5)), true); // sent before the worker freed them
    assertEquals(List.of(), tracker.live(ResourceOwner.job(5)));

    assignments.sync("w1", List.of(slot("w1", 1, 1, 5)), true); // slot 0 confirmed free, slot 1 not yet
    assignments.sync("w1", List.of(slot("w1", 1, 0, 9)), true); // slot 0 given to job 9, slot 1 confirmed free
    assertEquals(List.of(), tracker.live(ResourceOwner.job(5)));
    assertEquals(1, tracker.live(ResourceOwner.job(9)).size());

    assignments.sync("w1", List.of(slot("w1", 1, 0, 9), slot("w1", 1, 1, 5)), true); // job 5 takes slot 1 again
    assertEquals(1, tracker.live(ResourceOwner.job(5)).size(), "a confirmed free is forgotten: a new grant counts");
  }

  @Test
  void theJobsEndChecksOnlyTheKindsNamed() {
    assignments.sync("w1", List.of(slot("w1", 1, 0, 5)), true);
    tracker.acquire("classloader", ResourceOwner.job(5), "plugins of job 5", 0, null);

    tracker.jobEnded(5, "job FINISHED", SlotAssignments.KIND::equals);

    assertEquals(Map.of("classloader", 1), tracker.report().liveByKind());
  }
}
