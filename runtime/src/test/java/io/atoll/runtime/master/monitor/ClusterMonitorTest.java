package io.atoll.runtime.master.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.LoggingTestKit;
import akka.actor.testkit.typed.javadsl.ManualTime;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import io.atoll.protocol.resource.ClusterResources;
import io.atoll.protocol.resource.JobId;
import io.atoll.protocol.resource.ResourceManagerProtocol;
import io.atoll.protocol.resource.ResourceManagerProtocol.GetClusterResources;
import io.atoll.protocol.resource.ResourceProfile;
import io.atoll.protocol.resource.SlotProfile;
import io.atoll.protocol.resource.WorkerProfile;
import io.atoll.protocol.resource.WorkerStatus;
import io.atoll.runtime.config.ClusterMonitorSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class ClusterMonitorTest {
  private static final ActorTestKit testKit =
      ActorTestKit.create(
          "ClusterMonitorTest",
          ManualTime.config().withFallback(io.atoll.runtime.testing.TestConfigs.base()));
  private static final ManualTime manualTime = ManualTime.get(testKit.system());

  private static final Duration INTERVAL = Duration.ofSeconds(60);
  private static final ClusterMonitorSettings SETTINGS = new ClusterMonitorSettings(INTERVAL);
  private static final ResourceProfile SLOT = new ResourceProfile(1000, 1 << 30);

  /** 2 workers, 4 slots, 3 free. */
  private static final ClusterResources TWO_WORKERS =
      new ClusterResources(List.of(worker("w1", 1, 1), worker("w2", 2, 0)));

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  private static WorkerStatus worker(String address, int free, int assigned) {
    List<SlotProfile> freeSlots = new java.util.ArrayList<>();
    List<SlotProfile> assignedSlots = new java.util.ArrayList<>();
    for (int i = 0; i < free + assigned; i++) {
      SlotProfile slot = SlotProfile.free(address, 1, i, SLOT);
      if (i < free) {
        freeSlots.add(slot);
      } else {
        assignedSlots.add(slot.assignTo(JobId.of(7)));
      }
    }
    WorkerProfile profile =
        new WorkerProfile(
            address, 1, 1, SLOT.times(free + assigned), SLOT.times(free), assignedSlots, freeSlots, Map.of(), false);
    return new WorkerStatus(profile, 0, 0);
  }

  /** Spawns a monitor and returns once its timer is running, so advancing the clock fires it. */
  private static ActorRef<ClusterMonitor.Command> spawnStarted(Behavior<ClusterMonitor.Command> monitor) {
    return LoggingTestKit.info("cluster monitor prints a summary every 60s")
        .expect(testKit.system(), () -> testKit.spawn(monitor));
  }

  @Test
  void summaryLine() {
    assertEquals(
        "cluster: 2 workers, 4 slots (3 free), jobs running 0 pending 0 finished 0 failed 0 cancelled 0",
        ClusterMonitor.summary(TWO_WORKERS, JobCounts.ZERO));
    assertEquals(
        "cluster: 1 worker, 1 slot (0 free), jobs running 1 pending 2 finished 3 failed 4 cancelled 5",
        ClusterMonitor.summary(new ClusterResources(List.of(worker("w", 0, 1))), new JobCounts(1, 2, 3, 4, 5)));
    assertEquals("cluster: 0 workers, 0 slots (0 free)", ClusterMonitor.resourceSummary(new ClusterResources(List.of())));
  }

  @Test
  void asksTheResourceManagerEveryIntervalAndLogsTheSummary() {
    TestProbe<ResourceManagerProtocol> rm = testKit.createTestProbe(ResourceManagerProtocol.class);
    ActorRef<ClusterMonitor.Command> monitor = spawnStarted(ClusterMonitor.create(SETTINGS, rm.ref()));

    manualTime.timePasses(INTERVAL.minusSeconds(1));
    rm.expectNoMessage(Duration.ofMillis(50));
    manualTime.timePasses(Duration.ofSeconds(1));
    GetClusterResources first = rm.expectMessageClass(GetClusterResources.class);
    LoggingTestKit.info(
            "cluster: 2 workers, 4 slots (3 free), jobs running 0 pending 0 finished 0 failed 0 cancelled 0")
        .expect(testKit.system(), () -> {
          first.replyTo().tell(TWO_WORKERS);
          return null;
        });

    manualTime.timePasses(INTERVAL);
    GetClusterResources second = rm.expectMessageClass(GetClusterResources.class);
    LoggingTestKit.info("cluster: 0 workers, 0 slots (0 free)")
        .expect(testKit.system(), () -> {
          second.replyTo().tell(new ClusterResources(List.of()));
          return null;
        });
    testKit.stop(monitor);
  }

  @Test
  void warnsWhenTheResourceManagerDoesNotAnswer() {
    TestProbe<ResourceManagerProtocol> rm = testKit.createTestProbe(ResourceManagerProtocol.class);
    ActorRef<ClusterMonitor.Command> monitor = spawnStarted(ClusterMonitor.create(SETTINGS, rm.ref()));

    manualTime.timePasses(INTERVAL);
    rm.expectMessageClass(GetClusterResources.class);
    LoggingTestKit.warn("resource manager did not answer within 60s")
        .expect(testKit.system(), () -> {
          manualTime.timePasses(INTERVAL);
          return null;
        });
    // The next tick asks again: one unanswered ask does not stop the monitor.
    rm.expectMessageClass(GetClusterResources.class);
    testKit.stop(monitor);
  }

  @Test
  void logsJobCountsFromThePluggedSource() {
    TestProbe<ResourceManagerProtocol> rm = testKit.createTestProbe(ResourceManagerProtocol.class);
    JobCountsSource jobs = () -> CompletableFuture.completedFuture(new JobCounts(3, 1, 10, 2, 1));
    ActorRef<ClusterMonitor.Command> monitor = spawnStarted(ClusterMonitor.create(SETTINGS, rm.ref(), jobs));

    manualTime.timePasses(INTERVAL);
    GetClusterResources ask = rm.expectMessageClass(GetClusterResources.class);
    LoggingTestKit.info("jobs running 3 pending 1 finished 10 failed 2 cancelled 1")
        .expect(testKit.system(), () -> {
          ask.replyTo().tell(TWO_WORKERS);
          return null;
        });
    testKit.stop(monitor);
  }

  @Test
  void warnsWhenJobCountsFail() {
    TestProbe<ResourceManagerProtocol> rm = testKit.createTestProbe(ResourceManagerProtocol.class);
    JobCountsSource broken = () -> CompletableFuture.failedFuture(new IllegalStateException("coordinator down"));
    ActorRef<ClusterMonitor.Command> monitor = spawnStarted(ClusterMonitor.create(SETTINGS, rm.ref(), broken));

    manualTime.timePasses(INTERVAL);
    GetClusterResources ask = rm.expectMessageClass(GetClusterResources.class);
    LoggingTestKit.warn("cluster: 2 workers, 4 slots (3 free), job counts unavailable")
        .expect(testKit.system(), () -> {
          ask.replyTo().tell(TWO_WORKERS);
          return null;
        });
    testKit.stop(monitor);
  }
}
