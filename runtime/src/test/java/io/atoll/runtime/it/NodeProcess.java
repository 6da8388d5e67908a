package io.atoll.runtime.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A {@code runtime.jar} node in its own JVM, for crash tests. Output goes to a log file. */
final class NodeProcess implements AutoCloseable {
  private final String name;
  private final Process process;
  private final Path log;

  private NodeProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /** @param env added to this process's environment (e.g. ATOLL_JDBC_PASSWORD) */
  static NodeProcess start(String name, Path workDir, List<String> args, Map<String, String> env) throws IOException {
    String jar = System.getProperty("atoll.runtime.jar");
    if (jar == null || !Files.isRegularFile(Path.of(jar))) {
      throw new IllegalStateException("runtime.jar not found at " + jar + ": run through failsafe (mvn verify)");
    }
    List<String> command = new ArrayList<>(List.of(
        java(), "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar));
    command.addAll(args);
    Path log = workDir.resolve(name + ".log");
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(env);
    Process process = builder
        .directory(workDir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    return new NodeProcess(name, process, log);
  }

  /**
   * The java binary of the node processes: {@code -Datoll.it.java} (e.g. the distribution's jlink
   * runtime, to check it holds every module a node needs), else the one running the tests.
   */
  static String java() {
    String java = System.getProperty("atoll.it.java", "");
    if (java.isBlank()) {
      return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
    if (!Files.isExecutable(Path.of(java))) {
      throw new IllegalStateException("-Datoll.it.java=" + java + " is not an executable java");
    }
    return java;
  }

  /** Ports {@link #freePort} gave out in this JVM: none is given twice. */
  private static final java.util.Set<Integer> GIVEN = java.util.concurrent.ConcurrentHashMap.newKeySet();

  /**
   * A port nothing listens on now and that no earlier call gave out: the kernel may offer a port it
   * just offered again once its probe socket is closed (JdbcCrashIT's third worker got the master's
   * port, failed to bind and never joined).
   */
  static int freePort() throws IOException {
    for (int attempt = 0; attempt < 100; attempt++) {
      try (ServerSocket socket = new ServerSocket(0)) {
        if (GIVEN.add(socket.getLocalPort())) {
          return socket.getLocalPort();
        }
      }
    }
    throw new IOException("no free port that was not given out before, in 100 tries");
  }

  /** SIGKILL: no shutdown hook runs, the node just vanishes. */
  void kill9() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  /** SIGSTOP: the node freezes (its threads, timers and sockets stop answering) until {@link #resume}. */
  void pause() throws IOException, InterruptedException {
    signal("STOP");
  }

  /** SIGCONT after {@link #pause}. */
  void resume() throws IOException, InterruptedException {
    signal("CONT");
  }

  private void signal(String name) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
    if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
      throw new IllegalStateException("kill -" + name + " " + process.pid() + " (" + this.name + ") failed");
    }
  }

  /** Waits for the process to exit on its own; its exit code. */
  int awaitExit(java.time.Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError(name + " did not exit within " + timeout + "\n" + logTail());
    }
    return process.exitValue();
  }

  boolean alive() {
    return process.isAlive();
  }

  /** The whole log so far. */
  String log() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return name + " log unreadable: " + e;
    }
  }

  /** The last 40 lines, preceded by the first ERROR and the lines after it (a crash's cause scrolls away). */
  String logTail() {
    try {
      List<String> lines = Files.readAllLines(log);
      int tail = Math.max(0, lines.size() - 40);
      StringBuilder out = new StringBuilder(name).append(" log:\n");
      for (int i = 0; i < tail; i++) {
        if (lines.get(i).contains(" ERROR ")) {
          out.append(String.join("\n", lines.subList(i, Math.min(tail, i + 15)))).append("\n...\n");
          break;
        }
      }
      return out.append(String.join("\n", lines.subList(tail, lines.size()))).toString();
    } catch (IOException e) {
      return name + " log unreadable: " + e;
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    }
  }
}
