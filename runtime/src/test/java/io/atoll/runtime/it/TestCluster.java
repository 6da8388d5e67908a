package io.atoll.runtime.it;

import io.atoll.persistence.PersistenceSettings.JdbcSettings;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Masters and workers, each a {@code runtime.jar} process on 127.0.0.1 with short failure detection
 * timings. Every node seeds every master and the first worker (the seed-node rule), so a restarted
 * master rejoins and a second master joins the first. One master journals to LevelDB in its data
 * dir; several share a JDBC journal (PostgreSQL; the password goes in through ATOLL_JDBC_PASSWORD).
 * {@link #nodes} holds the masters first, then the workers.
 */
final class TestCluster implements AutoCloseable {
  final List<NodeProcess> nodes = new ArrayList<>();
  final RestPoller rest = new RestPoller(nodes);
  final List<Integer> workerPorts = new ArrayList<>();
  private final Path dir;
  /** The arguments each node (same index as {@link #nodes}) was started with, to start it again. */
  private final List<List<String>> nodeArgs = new ArrayList<>();
  private int restarts;
  private final List<Integer> httpPorts = new ArrayList<>();
  private final Map<String, String> env;

  private TestCluster(Path dir, Map<String, String> env) {
    this.dir = dir;
    this.env = env;
  }

  /** One master on its own LevelDB journal. */
  static TestCluster start(Path dir, int workers, int slotsPerWorker) throws IOException {
    return start(dir, 1, workers, slotsPerWorker, Optional.empty(), "");
  }

  /** One master on its own LevelDB journal; {@code extraConfig} (HOCON) goes to every node. */
  static TestCluster start(Path dir, int workers, int slotsPerWorker, String extraConfig) throws IOException {
    return start(dir, 1, workers, slotsPerWorker, Optional.empty(), extraConfig);
  }

  /** {@code masters} master nodes sharing the JDBC journal of {@code jdbc}. */
  static TestCluster startOnSharedJournal(Path dir, int masters, int workers, int slotsPerWorker, JdbcSettings jdbc)
      throws IOException {
    return start(dir, masters, workers, slotsPerWorker, Optional.of(jdbc), "");
  }

  private static TestCluster start(
      Path dir, int masters, int workers, int slotsPerWorker, Optional<JdbcSettings> jdbc, String extraConfig)
      throws IOException {
    Path conf = dir.resolve("cluster.conf");
    String journal = jdbc.map(db -> """
        atoll.persistence { journal = jdbc, jdbc { url = "%s", user = "%s", max-connections = 4 } }
        """.formatted(db.url(), db.user())).orElse("");
    Files.writeString(conf, """
        atoll.heartbeat { interval = 300ms, timeout = 2s }
        akka.cluster.split-brain-resolver.stable-after = 3s
        akka.cluster.failure-detector.acceptable-heartbeat-pause = 2s
        """ + journal + extraConfig + "\n");
    TestCluster cluster = new TestCluster(dir, jdbc.map(db -> Map.of("ATOLL_JDBC_PASSWORD", db.password())).orElse(Map.of()));
    List<Integer> masterPorts = new ArrayList<>();
    for (int i = 0; i < masters; i++) {
      masterPorts.add(NodeProcess.freePort());
      cluster.httpPorts.add(NodeProcess.freePort());
    }
    for (int i = 0; i < workers; i++) {
      cluster.workerPorts.add(NodeProcess.freePort());
    }
    List<String> seedList = new ArrayList<>();
    masterPorts.forEach(port -> seedList.add("127.0.0.1:" + port));
    if (workers > 0) {
      seedList.add("127.0.0.1:" + cluster.workerPorts.get(0));
    }
    String seeds = String.join(",", seedList);
    for (int i = 0; i < masters; i++) {
      cluster.add(masterName(i), List.of("--role", "master", "--port", Integer.toString(masterPorts.get(i)),
          "--http-port", Integer.toString(cluster.httpPorts.get(i)), "--seed-nodes", seeds,
          "--data-dir", dir.resolve(masterName(i) + "-data").toString(), "--config", conf.toString()));
    }
    for (int i = 0; i < workers; i++) {
      cluster.add("worker-" + (i + 1), List.of(
          "--role", "worker", "--port", Integer.toString(cluster.workerPorts.get(i)), "--seed-nodes", seeds,
          "--slots", Integer.toString(slotsPerWorker),
          "--data-dir", dir.resolve("worker-" + (i + 1) + "-data").toString(), "--config", conf.toString()));
    }
    return cluster;
  }

  /** "master" for the first (or only) master, then "master-2", ... */
  private static String masterName(int index) {
    return index == 0 ? "master" : "master-" + (index + 1);
  }

  int httpPort() {
    return httpPorts.get(0);
  }

  /** The first master's REST API. */
  URI uri(String path) {
    return uri(1, path);
  }

  /** Master {@code i}'s REST API, counted from 1. */
  URI uri(int master, String path) {
    return URI.create("http://127.0.0.1:" + httpPorts.get(master - 1) + path);
  }

  NodeProcess master() {
    return master(1);
  }

  /** Master {@code i}, counted from 1. */
  NodeProcess master(int i) {
    return nodes.get(i - 1);
  }

  /** Worker {@code i}, counted from 1. */
  NodeProcess worker(int i) {
    return nodes.get(httpPorts.size() + i - 1);
  }

  private void add(String name, List<String> args) throws IOException {
    nodes.add(NodeProcess.start(name, dir, args, env));
    nodeArgs.add(args);
  }

  /** Starts the first master again with the same address, ports and data dir (after it was killed). */
  NodeProcess restartMaster() throws IOException {
    return restart(0);
  }

  /** Starts node {@code index} of {@link #nodes} again, with the same address, ports and data dir. */
  NodeProcess restart(int index) throws IOException {
    String name = (index < httpPorts.size() ? masterName(index) : "worker-" + (index - httpPorts.size() + 1))
        + "-restarted-" + ++restarts;
    NodeProcess restarted = NodeProcess.start(name, dir, nodeArgs.get(index), env);
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
