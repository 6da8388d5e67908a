package io.atoll.runtime.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.atoll.protocol.connector.ResourceScope;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ResourceTrackerTest {
  private final AtomicLong now = new AtomicLong(1_000);
  private final ResourceTracker tracker = new ResourceTracker("node-a", LeakDetectionLevel.PARANOID, now::get);
  private final ResourceOwner task = ResourceOwner.task(7, 1, 2, 0);

  @Test
  void anAcquisitionReleasedOnceLeavesNothing() {
    ResourceTracker.Handle h = tracker.acquire("file", task, "/tmp/a", 10, null);
    assertEquals(Map.of("file", 1), tracker.report().liveByKind());
    assertEquals(Map.of("file", 10L), tracker.report().liveSizeByKind());
    h.release();
    assertEquals(Map.of(), tracker.report().liveByKind());
    assertEquals(List.of(), tracker.ownerEnded(task, "task group FINISHED"));
    assertEquals(Map.of(), tracker.report().leaksByKind());
  }

  @Test
  void aSecondReleaseIsCountedAsADoubleRelease() {
    ResourceTracker.Handle h = tracker.acquire("connection", task, "jdbc:postgresql://h/db", 0, null);
    h.release();
    h.release();
    assertEquals(Map.of("connection", 1L), tracker.report().doubleReleasesByKind());
  }

  @Test
  void whatAnEndedOwnerStillHoldsIsALeakWithItsSiteAgeAndReclaim() {
    AtomicInteger closed = new AtomicInteger();
    tracker.acquire("file", task, "/tmp/kept", 0, closed::incrementAndGet);
    tracker.acquire("thread", task, "worker-1", 0, null);
    ResourceTracker.Handle other = tracker.acquire("file", ResourceOwner.task(7, 1, 3, 0), "/tmp/other", 0, null);
    now.addAndGet(250);

    List<ResourceTracker.Leak> leaks = tracker.ownerEnded(task, "task group FAILED");

    assertEquals(2, leaks.size());
    ResourceTracker.Leak file = leaks.get(0);
    assertEquals("file", file.kind());
    assertEquals("job 7 pipeline 1 task group 2 attempt 0", file.owner());
    assertEquals(250, file.ageMillis());
    assertEquals("released by the runtime", file.outcome());
    assertEquals(1, closed.get());
    assertTrue(file.site().get(0).contains("ResourceTrackerTest.whatAnEndedOwnerStillHolds"), file.site().get(0));
    assertTrue(leaks.get(1).outcome().startsWith("left as it is"));
    assertEquals(Map.of("file", 1L, "thread", 1L), tracker.report().leaksByKind());
    assertEquals(Map.of("file", 1), tracker.report().liveByKind(), "another task group's file is not its leak");
    assertEquals(1, tracker.jobEnded(7, "job FINISHED").size(), "the job's end finds what its task groups left");
    other.release(); // released after it was reclaimed as a leak: no double release
    assertEquals(Map.of(), tracker.report().doubleReleasesByKind());
  }

  @Test
  void nodeOwnedEntriesAreCheckedWhenTheNodeStops() {
    tracker.acquire("native-library", ResourceOwner.node(), "/tmp/libleveldbjni.so", 750_000, null);
    tracker.acquire("file", task, "/tmp/a", 0, null);
    List<ResourceTracker.Leak> leaks = tracker.nodeStopping();
    assertEquals(1, leaks.size());
    assertEquals("node", leaks.get(0).owner());
  }

  @Test
  void levelsDecideWhichAcquisitionsRecordTheirSite() {
    tracker.setLevel(LeakDetectionLevel.OFF);
    assertNull(tracker.acquire("file", task, "off", 0, null).entry().site());
    tracker.setLevel(LeakDetectionLevel.SIMPLE);
    int withSite = 0;
    for (int i = 0; i < ResourceTracker.SIMPLE_SAMPLE * 4; i++) {
      withSite += tracker.acquire("file", task, "simple " + i, 0, null).entry().site() == null ? 0 : 1;
    }
    assertEquals(4, withSite);
    tracker.setLevel(LeakDetectionLevel.PARANOID);
    assertNotNull(tracker.acquire("file", task, "paranoid", 0, null).entry().site());
    assertEquals(LeakDetectionLevel.PARANOID, tracker.level());
  }

  @Test
  void theLeakListIsBounded() {
    tracker.setLevel(LeakDetectionLevel.OFF);
    for (int i = 0; i < ResourceTracker.KEEP_LEAKS + 10; i++) {
      tracker.acquire("temp-file", task, "/tmp/f" + i, 0, null);
    }
    tracker.ownerEnded(task, "task group FINISHED");
    ResourceTracker.Report report = tracker.report();
    assertEquals(ResourceTracker.KEEP_LEAKS, report.leaks().size());
    assertEquals("/tmp/f10", report.leaks().get(0).description(), "the oldest are dropped first");
    assertEquals(ResourceTracker.KEEP_LEAKS + 10L, report.leaksByKind().get("temp-file"), "all are counted");
  }

  @Test
  void theSiteStartsAtTheFirstFrameOutsideTheTracker() {
    ResourceScope scope = tracker.scope(task);
    scope.hold("file", "/tmp/x", null);
    List<String> site = tracker.live(task).get(0).site();
    assertTrue(site.get(0).contains("ResourceTrackerTest.theSiteStartsAtTheFirstFrame"), site.toString());
    assertTrue(site.size() <= ResourceTracker.SITE_FRAMES);
  }

  @Test
  void levelsParseWithAClearError() {
    assertEquals(LeakDetectionLevel.PARANOID, LeakDetectionLevel.parse(" Paranoid "));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LeakDetectionLevel.parse("max"));
    assertEquals("leak detection level 'max' is not one of off | simple | paranoid", e.getMessage());
  }

  @Test
  void aFoundLeakIsRecordedWithTheSiteItWasFoundAtEvenWithDetectionOff() {
    tracker.setLevel(LeakDetectionLevel.OFF);
    List<String> stack = new java.util.ArrayList<>();
    for (int i = 0; i < ResourceTracker.SITE_FRAMES + 5; i++) {
      stack.add("plugin.Frame" + i + "(Frame.java:" + i + ")");
    }

    ResourceTracker.Leak leak = tracker.found("thread", task, "thread 'ticker'", stack, "task group FINISHED",
        "left running");

    assertEquals(stack.subList(0, ResourceTracker.SITE_FRAMES), leak.site());
    assertEquals("left running", leak.outcome());
    assertEquals("task group FINISHED", leak.how());
    assertEquals(Map.of("thread", 1L), tracker.report().leaksByKind());
    assertEquals(List.of(leak), tracker.report().leaks());
    assertEquals(Map.of(), tracker.report().liveByKind(), "found and leaked in one step: never live");
  }

  @Test
  void aJobsEndCanBeCheckedForSomeKindsOnly() {
    tracker.acquire("slot-assignment", ResourceOwner.job(7), "slot #0", 0, null);
    tracker.acquire("classloader", ResourceOwner.job(7), "plugins", 0, null);
    tracker.acquire("file", task, "/tmp/a", 0, null);

    List<ResourceTracker.Leak> leaks = tracker.jobEnded(7, "job's last task group FINISHED on this worker",
        kind -> !kind.equals("slot-assignment"));

    assertEquals(List.of("classloader", "file"), leaks.stream().map(ResourceTracker.Leak::kind).toList());
    assertEquals(Map.of("slot-assignment", 1), tracker.report().liveByKind());
  }
}
