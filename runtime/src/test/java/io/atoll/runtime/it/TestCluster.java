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
  /** The arguments each node (same index as {@link #nodes}) was started with, to start it again. */
  private final List<List<String>> nodeArgs = new ArrayList<>();
  private int restarts;
  private final Path dir;
  private final int httpPort;

  private TestCluster(Path dir, int httpPort) {
    this.dir = dir;
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
    TestCluster cluster = new TestCluster(dir, httpPort);
    cluster.add("master", masterArgs);
    for (int i = 0; i < workers; i++) {
      cluster.workerPorts.add(ports.get(i));
      cluster.add("worker-" + (i + 1), List.of(
          "--role", "worker", "--port", Integer.toString(ports.get(i)), "--seed-nodes", seeds,
          "--slots", Integer.toString(slotsPerWorker),
          "--data-dir", dir.resolve("worker-" + (i + 1) + "-data").toString(), "--config", conf.toString()));
    }
    return cluster;
  }

  private void add(String name, List<String> args) throws IOException {
    nodes.add(NodeProcess.start(name, dir, args));
    nodeArgs.add(args);
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
    return restart(0);
  }

  /** Starts node {@code index} (0 = master, i = worker i) again, same address and data dir. */
  NodeProcess restart(int index) throws IOException {
    String name = (index == 0 ? "master" : "worker-" + index) + "-restarted-" + ++restarts;
    NodeProcess restarted = NodeProcess.start(name, dir, nodeArgs.get(index));
    nodes.set(index, restarted);
    return restarted;
  }

  /** {@code kill -9} of every node. */
  void killAll() throws InterruptedException {
    for (NodeProcess node : nodes) {
      node.kill9();
    }
  }

  @Override
  public void close() throws InterruptedException {
    for (NodeProcess node : nodes) {
      node.close();
    }
  }
}
