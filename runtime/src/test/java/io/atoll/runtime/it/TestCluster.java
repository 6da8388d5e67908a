package io.atoll.runtime.it;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One master and some workers, each a {@code runtime.jar} process on 127.0.0.1 with short failure
 * detection timings. Every node seeds the master and the first worker (the seed-node rule), so a
 * restarted master rejoins.
 */
final class TestCluster implements AutoCloseable {
  final List<NodeProcess> nodes = new ArrayList<>();
  final RestPoller rest = new RestPoller(nodes);
  final List<Integer> workerPorts = new ArrayList<>();
  private final Path dir;
  private final List<String> masterArgs;
  private final int httpPort;

  private TestCluster(Path dir, List<String> masterArgs, int httpPort) {
    this.dir = dir;
    this.masterArgs = masterArgs;
    this.httpPort = httpPort;
  }

  static TestCluster start(Path dir, int workers, int slotsPerWorker) throws IOException {
    Path conf = dir.resolve("cluster.conf");
    Files.writeString(conf, """
        atoll.heartbeat { interval = 300ms, timeout = 2s }
        akka.cluster.split-brain-resolver.stable-after = 3s
        akka.cluster.failure-detector.acceptable-heartbeat-pause = 2s
        """);
    int masterPort = NodeProcess.freePort();
    int httpPort = NodeProcess.freePort();
    List<Integer> ports = new ArrayList<>();
    for (int i = 0; i < workers; i++) {
      ports.add(NodeProcess.freePort());
    }
    String seeds = "127.0.0.1:" + masterPort + (workers > 0 ? ",127.0.0.1:" + ports.get(0) : "");
    List<String> masterArgs = List.of("--role", "master", "--port", Integer.toString(masterPort),
        "--http-port", Integer.toString(httpPort), "--seed-nodes", seeds,
        "--data-dir", dir.resolve("master-data").toString(), "--config", conf.toString());
    TestCluster cluster = new TestCluster(dir, masterArgs, httpPort);
    cluster.nodes.add(NodeProcess.start("master", dir, masterArgs));
    for (int i = 0; i < workers; i++) {
      cluster.workerPorts.add(ports.get(i));
      cluster.nodes.add(NodeProcess.start("worker-" + (i + 1), dir, List.of(
          "--role", "worker", "--port", Integer.toString(ports.get(i)), "--seed-nodes", seeds,
          "--slots", Integer.toString(slotsPerWorker),
          "--data-dir", dir.resolve("worker-" + (i + 1) + "-data").toString(), "--config", conf.toString())));
    }
    return cluster;
  }

  int httpPort() {
    return httpPort;
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + httpPort + path);
  }

  NodeProcess master() {
    return nodes.get(0);
  }

  /** Worker {@code i}, counted from 1. */
  NodeProcess worker(int i) {
    return nodes.get(i);
  }

  /** Starts the master again with the same address, ports and data dir (after it was killed). */
  NodeProcess restartMaster() throws IOException {
    NodeProcess restarted = NodeProcess.start("master-restarted", dir, masterArgs);
    nodes.set(0, restarted);
    return restarted;
  }

  @Override
  public void close() throws InterruptedException {
    for (NodeProcess node : nodes) {
      node.close();
    }
  }
}
