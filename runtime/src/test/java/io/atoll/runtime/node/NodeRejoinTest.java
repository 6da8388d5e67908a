package io.atoll.runtime.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.Address;
import akka.actor.CoordinatedShutdown;
import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorSystem;
import akka.cluster.Member;
import akka.cluster.MemberStatus;
import akka.cluster.typed.Cluster;
import akka.cluster.typed.Down;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.atoll.persistence.DataDirectory;
import io.atoll.protocol.job.JobCoordinatorProtocol;
import io.atoll.protocol.resource.ClusterResources;
import io.atoll.protocol.resource.ResourceManagerProtocol;
import io.atoll.runtime.testing.TestConfigs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nodes in one JVM, each its own ActorSystem on 127.0.0.1: a node the cluster downs starts a new
 * ActorSystem in the same process, on the same port and data dir, and joins again as a new
 * incarnation (a worker through its seed; a master on LevelDB forms its cluster again and reopens its
 * journal), counting the restart; past atoll.node.rejoin.max-restarts it gives up and ends with
 * status 1; a requested stop is never undone.
 */
class NodeRejoinTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  /** Waits live here, apart from the nodes' systems that come and go; asks use a node's own system. */
  private static final ActorTestKit testKit = ActorTestKit.create("NodeRejoinTest", TestConfigs.base());

  @TempDir Path tmp;
  private final List<AtollNode> nodes = new ArrayList<>();

  @AfterEach
  void stopAll() throws Exception {
    for (AtollNode node : nodes) {
      node.stop().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  private Config nodeConfig(String role, String dataDir, List<String> seeds, int maxRestarts) {
    Map<String, Object> values = new HashMap<>(Map.of(
        "atoll.node.role", role,
        "atoll.data-dir", tmp.resolve(dataDir).toString(),
        "atoll.slot-service.slot-num", 1,
        "atoll.heartbeat.interval", "200ms",
        "atoll.heartbeat.timeout", "2s",
        "atoll.http.enabled", false,
        "akka.remote.artery.canonical.port", 0,
        "akka.cluster.seed-nodes", seeds));
    values.put("atoll.node.rejoin.max-restarts", maxRestarts);
    values.put("atoll.node.rejoin.within", "10m");
    values.put("atoll.node.rejoin.min-backoff", "100ms");
    values.put("atoll.node.rejoin.max-backoff", "500ms");
    return ConfigFactory.parseMap(values).withFallback(TestConfigs.base());
  }

  private AtollNode start(Config config) throws Exception {
    AtollNode node = AtollNode.start(config);
    nodes.add(node);
    node.ready().toCompletableFuture().get(60, TimeUnit.SECONDS);
    return node;
  }

  private static String address(AtollNode node) {
    return Cluster.get(node.system()).selfMember().address().toString();
  }

  private static long uid(ActorSystem<?> system) {
    return Cluster.get(system).selfMember().uniqueAddress().longUid();
  }

  private static void down(AtollNode from, ActorSystem<?> victim) {
    Address address = Cluster.get(victim).selfMember().address();
    Cluster.get(from.system()).manager().tell(new Down(address));
  }

  private static Optional<Member> member(AtollNode seenBy, String address) {
    return StreamSupport.stream(Cluster.get(seenBy.system()).state().getMembers().spliterator(), false)
        .filter(m -> m.address().toString().equals(address))
        .findFirst();
  }

  private static Optional<CoordinatedShutdown.Reason> shutdownReason(ActorSystem<?> system) {
    return CoordinatedShutdown.get(system.classicSystem()).getShutdownReason();
  }

  /** Waits until {@code node} runs a system other than {@code old}, Up in its cluster and ready. */
  private static ActorSystem<NodeGuardian.Command> awaitNewIncarnation(AtollNode node, ActorSystem<?> old) {
    TestProbe<Object> probe = testKit.createTestProbe();
    return probe.awaitAssert(WAIT, Duration.ofMillis(100), () -> {
      ActorSystem<NodeGuardian.Command> now = node.system();
      assertNotSame(old, now, "still the first ActorSystem");
      assertTrue(node.ready().toCompletableFuture().isDone()
          && !node.ready().toCompletableFuture().isCompletedExceptionally(), "new incarnation not ready yet");
      return now;
    });
  }

  @Test
  void aDownedWorkerStartsANewActorSystemAndRejoinsAsANewIncarnation() throws Exception {
    AtollNode master = start(nodeConfig("master", "m", List.of(), 3));
    AtollNode worker = start(nodeConfig("worker", "w", List.of(address(master)), 3));
    ActorSystem<NodeGuardian.Command> first = worker.system();
    String workerAddress = address(worker);
    long firstUid = uid(first);

    down(master, first);

    ActorSystem<NodeGuardian.Command> second = awaitNewIncarnation(worker, first);
    assertEquals(Optional.of(CoordinatedShutdown.clusterDowningReason()), shutdownReason(first));
    assertTrue(first.getWhenTerminated().toCompletableFuture().isDone(), "the downed system terminated");
    assertEquals(1, worker.restarts());
    assertFalse(worker.terminated().toCompletableFuture().isDone(), "the node did not end");
    assertEquals(workerAddress, address(worker), "same host and port (first chosen by the OS) again");
    long secondUid = uid(second);
    assertNotEquals(firstUid, secondUid, "a new incarnation");

    // the master sees the new incarnation Up, and its ResourceManager its slot again
    // asks go from the master's own system: messages are serialized, refs must be resolvable there
    TestProbe<ClusterResources> resources = TestProbe.create(master.system());
    var resourceManager = master.ready().toCompletableFuture().get().resourceManager();
    resources.awaitAssert(WAIT, Duration.ofMillis(200), () -> {
      Member seen = member(master, workerAddress).orElseThrow(() -> new AssertionError("worker not a member"));
      assertEquals(MemberStatus.up(), seen.status());
      assertEquals(secondUid, seen.uniqueAddress().longUid());
      resourceManager.tell(new ResourceManagerProtocol.GetClusterResources(resources.ref()));
      ClusterResources now = resources.receiveMessage(Duration.ofSeconds(3));
      assertEquals(List.of(workerAddress), now.workers().stream().map(w -> w.profile().address()).toList());
      assertEquals(1, now.totalSlots());
      return null;
    });
    assertEquals(1, worker.restarts(), "one downing, one restart");
  }

  @Test
  void pastMaxRestartsTheNodeGivesUpAndEndsWithStatusOne() throws Exception {
    AtollNode master = start(nodeConfig("master", "m", List.of(), 1));
    Path workerDir = tmp.resolve("w");
    AtollNode worker = start(nodeConfig("worker", "w", List.of(address(master)), 1));
    ActorSystem<NodeGuardian.Command> first = worker.system();

    down(master, first);
    ActorSystem<NodeGuardian.Command> second = awaitNewIncarnation(worker, first);
    assertEquals(1, worker.restarts());
    TestProbe<Object> probe = testKit.createTestProbe();
    String workerAddress = address(worker);
    probe.awaitAssert(WAIT, Duration.ofMillis(100), () -> {
      assertEquals(Optional.of(uid(second)), member(master, workerAddress).filter(m -> m.status() == MemberStatus.up())
          .map(m -> m.uniqueAddress().longUid()));
      return null;
    });

    down(master, second);
    AtollNode.Exit exit = worker.terminated().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertEquals(1, exit.exitCode());
    assertTrue(exit.reason().contains("gives up") && exit.reason().contains("atoll.node.rejoin.max-restarts"),
        exit.reason());
    assertEquals(1, worker.restarts(), "no restart past the bound");
    assertSame(second, worker.system());
    assertTrue(second.getWhenTerminated().toCompletableFuture().isDone());
    // the node let go of its data dir: another node could use it now
    DataDirectory.open(workerDir).close();
  }

  @Test
  void aRestartThatCannotJoinItsSeedsCountsAsAnotherUntilTheBound() throws Exception {
    AtollNode master = start(nodeConfig("master", "m", List.of(), 3));
    Config workerConfig = ConfigFactory.parseMap(Map.of(
            "akka.cluster.shutdown-after-unsuccessful-join-seed-nodes", "2s",
            "atoll.node.rejoin.min-backoff", "3s",
            "atoll.node.rejoin.max-backoff", "3s"))
        .withFallback(nodeConfig("worker", "w", List.of(address(master)), 2));
    AtollNode worker = start(workerConfig);

    down(master, worker.system());
    // the restart waits 3 s: its seed is gone by then, so the new system cannot join
    TestProbe<Object> probe = testKit.createTestProbe();
    probe.awaitAssert(WAIT, Duration.ofMillis(50), () -> {
      assertEquals(1, worker.restarts());
      return null;
    });
    master.stop().toCompletableFuture().get(30, TimeUnit.SECONDS);
    nodes.remove(master);

    AtollNode.Exit exit = worker.terminated().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertEquals(1, exit.exitCode());
    assertTrue(exit.reason().contains("could not rejoin") && exit.reason().contains("gives up"), exit.reason());
    assertEquals(2, worker.restarts(), "the failed join counted as the second restart; no third");
    assertEquals(Optional.of(CoordinatedShutdown.clusterJoinUnsuccessfulReason()), shutdownReason(worker.system()));
  }

  @Test
  void aDownedMasterOnLevelDbReopensItsJournalAndFormsItsClusterAgain() throws Exception {
    AtollNode master = start(nodeConfig("master", "m", List.of(), 3));
    AtollNode worker = start(nodeConfig("worker", "w", List.of(address(master)), 0));
    ActorSystem<NodeGuardian.Command> first = master.system();
    long firstUid = uid(first);

    down(worker, first);

    ActorSystem<NodeGuardian.Command> second = awaitNewIncarnation(master, first);
    assertEquals(1, master.restarts());
    assertNotEquals(firstUid, uid(second));
    // the journal opened again (the old system had closed it and released the lock): the
    // coordinator recovers from it and answers
    TestProbe<JobCoordinatorProtocol.JobList> jobs = TestProbe.create(second);
    var coordinator = master.ready().toCompletableFuture().get().jobCoordinator();
    jobs.awaitAssert(WAIT, Duration.ofMillis(200), () -> {
      coordinator.tell(new JobCoordinatorProtocol.ListJobs(jobs.ref()));
      assertEquals(List.of(), jobs.receiveMessage(Duration.ofSeconds(3)).jobs());
      return null;
    });
    assertFalse(master.terminated().toCompletableFuture().isDone());
  }

  @Test
  void aRequestedStopIsNeverUndoneByARestart() throws Exception {
    AtollNode node = start(nodeConfig("hybrid", "h", List.of(), 3));
    ActorSystem<NodeGuardian.Command> first = node.system();
    nodes.remove(node);

    node.stop().toCompletableFuture().get(30, TimeUnit.SECONDS);

    AtollNode.Exit exit = node.terminated().toCompletableFuture().get(1, TimeUnit.SECONDS);
    assertEquals(new AtollNode.Exit(0, "stopped"), exit);
    assertEquals(0, node.restarts());
    assertSame(first, node.system());
  }

  private static void assertSame(Object expected, Object actual) {
    org.junit.jupiter.api.Assertions.assertSame(expected, actual);
  }
}
