package io.atoll.runtime.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.cluster.typed.Cluster;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.atoll.protocol.resource.ClusterResources;
import io.atoll.protocol.resource.JobId;
import io.atoll.protocol.resource.ResourceManagerProtocol;
import io.atoll.protocol.resource.SlotReply;
import io.atoll.protocol.resource.WorkerLost;
import io.atoll.protocol.resource.WorkerStatus;
import io.atoll.runtime.testing.TestConfigs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three nodes in one JVM, each its own ActorSystem on a free port: one master and two workers. The
 * master sees both workers and their slots; when a worker's system terminates, the master drops it
 * and tells the owner of its slots.
 */
class ClusterFormationTest {
  @TempDir Path tmp;
  private final List<AtollNode> nodes = new ArrayList<>();

  @AfterEach
  void stopAll() throws Exception {
    for (AtollNode node : nodes) {
      node.stop().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  private Config nodeConfig(String role, String dataDir, List<String> seeds) {
    return ConfigFactory.parseMap(Map.of(
            "atoll.node.role", role,
            "atoll.data-dir", tmp.resolve(dataDir).toString(),
            "atoll.slot-service.slot-num", 2,
            "atoll.heartbeat.interval", "200ms",
            "atoll.heartbeat.timeout", "2s",
            "atoll.http.enabled", false,
            "akka.remote.artery.canonical.port", 0,
            "akka.cluster.seed-nodes", seeds))
        .withFallback(TestConfigs.base());
  }

  private AtollNode start(Config config, io.atoll.runtime.master.resource.SlotOwnerNotifier notifier) throws Exception {
    AtollNode node = AtollNode.start(config, notifier);
    nodes.add(node);
    node.ready().toCompletableFuture().get(60, TimeUnit.SECONDS);
    return node;
  }

  @Test
  void theMasterSeesBothWorkersAndLosesTheOneThatStops() throws Exception {
    List<WorkerLost> notices = new java.util.concurrent.CopyOnWriteArrayList<>();
    AtollNode master = start(nodeConfig("master", "m", List.of()), notices::add);
    String seed = Cluster.get(master.system()).selfMember().address().toString();
    AtollNode worker1 = start(nodeConfig("worker", "w1", List.of(seed)), n -> {});
    AtollNode worker2 = start(nodeConfig("worker", "w2", List.of(seed)), n -> {});
    String worker2Address = Cluster.get(worker2.system()).selfMember().address().toString();

    var rm = master.ready().toCompletableFuture().get().resourceManager();
    TestProbe<ClusterResources> resources = TestProbe.create(master.system());
    resources.awaitAssert(Duration.ofSeconds(20), () -> {
      rm.tell(new ResourceManagerProtocol.GetClusterResources(resources.ref()));
      ClusterResources seen = resources.receiveMessage();
      assertEquals(2, seen.workers().size(), "workers seen: " + seen.workers());
      assertEquals(4, seen.totalSlots());
      return null;
    });

    // A job takes 4 slots: both workers' slots, so worker 2 surely holds some.
    TestProbe<SlotReply> requester = TestProbe.create(master.system());
    JobId job = JobId.of(11);
    rm.tell(new ResourceManagerProtocol.RequestSlots(job, 4, Map.of(), requester.ref()));
    SlotReply.SlotsAllocated allocated =
        assertInstanceOf(SlotReply.SlotsAllocated.class, requester.receiveMessage(Duration.ofSeconds(10)));
    assertEquals(2, allocated.slots().stream().filter(s -> s.worker().equals(worker2Address)).count());

    worker2.stop().toCompletableFuture().get(30, TimeUnit.SECONDS);
    nodes.remove(worker2);

    resources.awaitAssert(Duration.ofSeconds(20), () -> {
      rm.tell(new ResourceManagerProtocol.GetClusterResources(resources.ref()));
      List<WorkerStatus> seen = resources.receiveMessage().workers();
      assertEquals(1, seen.size(), "workers seen: " + seen);
      assertEquals(Cluster.get(worker1.system()).selfMember().address().toString(), seen.get(0).profile().address());
      return null;
    });
    resources.awaitAssert(Duration.ofSeconds(10), () -> {
      assertEquals(1, notices.size(), "notices: " + notices);
      return null;
    });
    WorkerLost notice = notices.get(0);
    assertEquals(job, notice.job());
    assertEquals(worker2Address, notice.worker());
    assertEquals(2, notice.lostSlots().size());
  }
}
