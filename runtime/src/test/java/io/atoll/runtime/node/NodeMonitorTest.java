package io.atoll.runtime.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import io.atoll.protocol.node.LeakDetectionReply;
import io.atoll.protocol.node.NodeMonitorProtocol;
import io.atoll.protocol.node.ResourceReport;
import io.atoll.runtime.resource.LeakDetectionLevel;
import io.atoll.runtime.resource.ResourceOwner;
import io.atoll.runtime.resource.ResourceTracker;
import io.atoll.runtime.resource.ResourceTrackers;
import io.atoll.runtime.testing.TestConfigs;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The NodeMonitor's resource side: it reports its node's tracker (through Kryo: the test kit
 * serializes every message) and switches the tracker's level at runtime, refusing a level it does
 * not know without changing anything.
 */
class NodeMonitorTest {
  private static final ActorTestKit testKit = ActorTestKit.create("NodeMonitorTest", TestConfigs.base());
  private static final String NODE = "akka://atoll@10.0.0.1:25520";

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  private static ActorRef<NodeMonitorProtocol> monitor(ResourceTracker tracker) {
    return testKit.spawn(NodeMonitor.create(NODE, List.of("worker"), () -> 0, tracker));
  }

  @Test
  void reportsLiveEntriesLeaksAndDoubleReleasesByKindWithTheLeaksAllocationSite() {
    ResourceTracker tracker = new ResourceTracker(NODE, LeakDetectionLevel.PARANOID);
    ResourceOwner task = ResourceOwner.task(7, 1, 2, 0);
    tracker.acquire("slot", ResourceOwner.job(8), "slot 0", 0, null);
    tracker.acquire("temp-file", ResourceOwner.job(8), "/tmp/spill-1", 4096, null);
    AtomicInteger closed = new AtomicInteger();
    tracker.acquire("file", task, "/data/out.csv", 0, closed::incrementAndGet);
    ResourceTracker.Handle twice = tracker.acquire("connection", task, "jdbc:h2:mem:x", 0, null);
    twice.release();
    twice.release();
    tracker.jobEnded(7, "job FINISHED");

    TestProbe<ResourceReport> probe = testKit.createTestProbe();
    monitor(tracker).tell(new NodeMonitorProtocol.GetResources(probe.ref()));
    ResourceReport report = probe.receiveMessage();

    assertEquals(NODE, report.node());
    assertEquals("paranoid", report.level());
    assertEquals(Map.of("slot", 1, "temp-file", 1), report.live());
    assertEquals(Map.of("slot", 0L, "temp-file", 4096L), report.liveSize());
    assertEquals(Map.of("file", 1L), report.leaks());
    assertEquals(Map.of("connection", 1L), report.doubleReleases());
    assertEquals(1, report.recentLeaks().size());
    ResourceReport.Leak leak = report.recentLeaks().get(0);
    assertEquals("file", leak.kind());
    assertEquals("job 7 pipeline 1 task group 2 attempt 0", leak.owner());
    assertEquals("/data/out.csv", leak.description());
    assertEquals("job FINISHED", leak.how());
    assertEquals("released by the runtime", leak.outcome());
    assertEquals(1, closed.get());
    assertTrue(leak.site().get(0).contains(NodeMonitorTest.class.getName() + ".reportsLiveEntries"),
        () -> "the site starts at this test: " + leak.site());
  }

  @Test
  void aLeakTakenWithDetectionOffHasNoSite() {
    ResourceTracker tracker = new ResourceTracker(NODE, LeakDetectionLevel.OFF);
    tracker.acquire("thread", ResourceOwner.job(3), "poller", 0, null);
    tracker.jobEnded(3, "job CANCELED");
    TestProbe<ResourceReport> probe = testKit.createTestProbe();
    monitor(tracker).tell(new NodeMonitorProtocol.GetResources(probe.ref()));
    ResourceReport report = probe.receiveMessage();
    assertEquals("off", report.level());
    assertEquals(List.of(), report.recentLeaks().get(0).site());
    assertTrue(report.recentLeaks().get(0).outcome().startsWith("left as it is"), report::toString);
  }

  @Test
  void switchesTheLevelAtRuntimeAndRefusesAnUnknownOneChangingNothing() {
    ResourceTracker tracker = new ResourceTracker(NODE, LeakDetectionLevel.SIMPLE);
    ActorRef<NodeMonitorProtocol> monitor = monitor(tracker);
    TestProbe<LeakDetectionReply> probe = testKit.createTestProbe();

    monitor.tell(new NodeMonitorProtocol.SetLeakDetectionLevel("PARANOID", probe.ref()));
    assertEquals(new LeakDetectionReply.LevelSet(NODE, "simple", "paranoid"), probe.receiveMessage());
    assertSame(LeakDetectionLevel.PARANOID, tracker.level());
    assertTrue(tracker.acquire("file", ResourceOwner.job(1), "/a", 0, null).entry().site() != null,
        "the next acquisition records its site");

    monitor.tell(new NodeMonitorProtocol.SetLeakDetectionLevel("loud", probe.ref()));
    LeakDetectionReply refused = probe.receiveMessage();
    assertEquals(new LeakDetectionReply.LevelRefused(NODE,
        "leak detection level 'loud' is not one of off | simple | paranoid"), refused);
    assertSame(LeakDetectionLevel.PARANOID, tracker.level());
  }

  @Test
  void withoutATrackerOfItsOwnItAnswersForTheNodesTracker() {
    ActorRef<NodeMonitorProtocol> monitor = testKit.spawn(NodeMonitor.create(NODE, List.of("worker"), () -> 0));
    ResourceTracker nodes = ResourceTrackers.get(testKit.system());
    LeakDetectionLevel before = nodes.level();
    TestProbe<LeakDetectionReply> probe = testKit.createTestProbe();
    monitor.tell(new NodeMonitorProtocol.SetLeakDetectionLevel("off", probe.ref()));
    assertEquals(new LeakDetectionReply.LevelSet(NODE, before.configName(), "off"), probe.receiveMessage());
    assertSame(LeakDetectionLevel.OFF, nodes.level());
  }
}
