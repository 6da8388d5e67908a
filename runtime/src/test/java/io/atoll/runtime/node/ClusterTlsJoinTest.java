package io.atoll.runtime.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import akka.cluster.Member;
import akka.cluster.typed.Cluster;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.atoll.runtime.testing.Stops;
import io.atoll.runtime.testing.TestConfigs;
import io.atoll.runtime.testing.TestingCertificates;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cluster TLS from PEM files (Akka's rotating-keys engine) over TLS 1.3, with real Artery
 * connections between ActorSystems in one JVM: a master and a worker whose certificates the
 * cluster's CA issued form a cluster; a node whose certificate another CA issued (same subject
 * name, so only the CA tells them apart) tries to join the same seed all along and never becomes a
 * member. With key stores and hostname verification on, nodes whose certificates name 127.0.0.1 join,
 * one whose certificate names no host does not.
 */
class ClusterTlsJoinTest {
  @TempDir static Path certsDir;
  @TempDir Path tmp;
  private final List<AtollNode> nodes = new ArrayList<>();
  private final List<String> names = new ArrayList<>();
  private static TestingCertificates certs;
  private static Path ca;
  private static Path otherCa;
  private static Path trust;
  private static Path masterKeys;
  private static Path workerKeys;

  /** Made once (keytool takes seconds): the master's and worker's certificates name 127.0.0.1. */
  @BeforeAll
  static void makeCertificates() throws Exception {
    certs = new TestingCertificates(certsDir);
    ca = certs.ca("cluster");
    otherCa = certs.ca("other");
    trust = certs.trustStore("cluster", ca);
    masterKeys = certs.node("master", ca, "ip:127.0.0.1");
    workerKeys = certs.node("worker", ca, "ip:127.0.0.1");
  }

  /**
   * The last started first: the worker leaves while the master is still there to see it go. A node
   * that never joined runs each cluster phase of its coordinated shutdown to its timeout (~30 s).
   */
  @AfterEach
  void stopAll() throws Exception {
    for (int i = nodes.size() - 1; i >= 0; i--) {
      Stops.stop(nodes.get(i), names.get(i), 60);
    }
  }

  /**
   * A node refused by the cluster is no member, and its cluster shutdown phases wait for the cluster
   * to see it leave until their timeouts (10 s each by default): on a busy machine its stop took
   * more than a minute.
   */
  private static final Config SHORT_SHUTDOWN = ConfigFactory.parseString("""
      akka.coordinated-shutdown.phases {
        cluster-sharding-shutdown-region.timeout = 2s
        cluster-leave.timeout = 2s
        cluster-exiting.timeout = 2s
      }
      """);

  private Config nodeConfig(String role, String name, List<String> seeds, List<Path> pem, Path caCertificate) {
    return ConfigFactory.parseMap(Map.of(
            "atoll.node.role", role,
            "atoll.data-dir", tmp.resolve(name).toString(),
            "atoll.slot-service.slot-num", 1,
            "atoll.http.enabled", false,
            "akka.remote.artery.canonical.port", 0,
            "akka.cluster.seed-nodes", seeds,
            "akka.cluster.retry-unsuccessful-join-after", "500ms"))
        .withFallback(ConfigFactory.parseString("""
            atoll.cluster.tls {
              enabled = on
              protocol = TLSv1.3
              pem { certificate = "%s", private-key = "%s", ca = "%s" }
            }
            """.formatted(pem.get(0), pem.get(1), caCertificate)))
        .withFallback(SHORT_SHUTDOWN)
        .withFallback(TestConfigs.base());
  }

  private Config keyStoreConfig(String role, String name, List<String> seeds, Path keyStore, Path trustStore) {
    return ConfigFactory.parseMap(Map.of(
            "atoll.node.role", role,
            "atoll.data-dir", tmp.resolve(name).toString(),
            "atoll.slot-service.slot-num", 1,
            "atoll.http.enabled", false,
            "akka.remote.artery.canonical.port", 0,
            "akka.cluster.seed-nodes", seeds))
        .withFallback(ConfigFactory.parseString("""
            atoll.cluster.tls {
              enabled = on
              hostname-verification = on
              key-store = "%s", key-store-password = "%s"
              trust-store = "%s", trust-store-password = "%s"
            }
            """.formatted(keyStore, TestingCertificates.PASSWORD, trustStore, TestingCertificates.PASSWORD)))
        .withFallback(SHORT_SHUTDOWN)
        .withFallback(TestConfigs.base());
  }

  private AtollNode start(Config config) {
    AtollNode node = AtollNode.start(config);
    nodes.add(node);
    names.add(config.getString("atoll.data-dir"));
    return node;
  }

  @Test
  void pemNodesOfTheClustersCaJoinAndANodeOfAnotherCaNeverDoes() throws Exception {
    List<Path> masterPem = certs.pem(masterKeys);
    List<Path> workerPem = certs.pem(workerKeys);
    List<Path> intruderPem = certs.pem(certs.node("intruder", otherCa));

    AtollNode master = start(nodeConfig("master", "m", List.of(), masterPem, certs.caCertificate(ca)));
    master.ready().toCompletableFuture().get(60, TimeUnit.SECONDS);
    String seed = Cluster.get(master.system()).selfMember().address().toString();
    AtollNode intruder = start(nodeConfig("worker", "x", List.of(seed), intruderPem, certs.caCertificate(otherCa)));
    AtollNode worker = start(nodeConfig("worker", "w", List.of(seed), workerPem, certs.caCertificate(ca)));
    worker.ready().toCompletableFuture().get(60, TimeUnit.SECONDS);

    assertEquals("tls-tcp", master.system().settings().config().getString("akka.remote.artery.transport"));
    Set<String> members = StreamSupport.stream(Cluster.get(master.system()).state().getMembers().spliterator(), false)
        .map(Member::address).map(Object::toString).collect(Collectors.toSet());
    assertEquals(Set.of(seed, Cluster.get(worker.system()).selfMember().address().toString()), members,
        "the intruder, joining since before the worker, is not among the members");
    assertFalse(intruder.ready().toCompletableFuture().isDone(), "the intruder never got Up");
  }

  @Test
  void withHostnameVerificationOnlyNodesWhoseCertificatesNameTheirHostJoin() throws Exception {
    Path unnamedKeys = certs.node("unnamed", ca);

    AtollNode master = start(keyStoreConfig("master", "m", List.of(), masterKeys, trust));
    master.ready().toCompletableFuture().get(60, TimeUnit.SECONDS);
    String seed = Cluster.get(master.system()).selfMember().address().toString();
    // the master, dialling this node back at 127.0.0.1, finds no such name in its certificate
    AtollNode unnamed = start(keyStoreConfig("worker", "u", List.of(seed), unnamedKeys, trust));
    AtollNode worker = start(keyStoreConfig("worker", "w", List.of(seed), workerKeys, trust));
    worker.ready().toCompletableFuture().get(60, TimeUnit.SECONDS);

    Config engine = master.system().settings().config().getConfig("akka.remote.artery.ssl.config-ssl-engine");
    assertEquals(true, engine.getBoolean("hostname-verification"));
    Set<String> members = StreamSupport.stream(Cluster.get(master.system()).state().getMembers().spliterator(), false)
        .map(Member::address).map(Object::toString).collect(Collectors.toSet());
    assertEquals(Set.of(seed, Cluster.get(worker.system()).selfMember().address().toString()), members,
        "the node whose certificate names no host, joining since before the worker, is not among the members");
    assertFalse(unnamed.ready().toCompletableFuture().isDone(), "the node without its host in its certificate never got Up");
  }
}
