package io.atoll.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.atoll.runtime.node.AtollNode;
import io.atoll.runtime.node.NodeGuardian;
import io.atoll.runtime.resource.LeakDetectionLevel;
import io.atoll.runtime.resource.ResourceOwner;
import io.atoll.runtime.resource.ResourceTracker;
import io.atoll.runtime.resource.ResourceTrackers;
import io.atoll.runtime.testing.TestConfigs;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code atoll leaks} against a real embedded node: its NodeMonitor answers for the node's own
 * tracker under the node's cluster address, the level comes from {@code atoll.leak-detection.level}
 * and changes at runtime through the CLI, and {@link AtollNode#resourceTracker()} is that tracker.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 90, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LeaksOnNodeTest {
  @TempDir static Path tmp;
  private AtollNode node;
  private String cluster;

  private record Run(int exitCode, String out, String err) {}

  @BeforeAll
  void startNode() throws Exception {
    Config config = ConfigFactory.parseMap(Map.of(
            "atoll.node.role", "hybrid",
            "atoll.data-dir", tmp.resolve("data").toString(),
            "atoll.http.port", 0,
            "atoll.leak-detection.level", "off",
            "akka.remote.artery.canonical.port", 0))
        .withFallback(TestConfigs.base());
    node = AtollNode.start(config);
    NodeGuardian.Node ready = node.ready().toCompletableFuture().get(60, TimeUnit.SECONDS);
    cluster = "127.0.0.1:" + ready.httpAddress().orElseThrow().getPort();
  }

  @AfterAll
  void stopNode() throws Exception {
    node.stop().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new NodeCommand());
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    return new Run(cli.execute(args), out.toString(), err.toString());
  }

  @Test
  void theNodeReportsItsOwnTrackerAndTakesANewLevelAtRuntime() {
    ResourceTracker tracker = node.resourceTracker();
    assertSame(ResourceTrackers.get(node.system()), tracker);
    String address = node.system().address().toString();
    assertTrue(address.contains("@127.0.0.1:"), address);

    // The node is ready before the receptionist lists its NodeMonitor to the HTTP API: ask until it does.
    Run before = run("leaks", "--cluster", cluster);
    for (long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        before.out().contains("no node answered") && System.nanoTime() < deadline; ) {
      java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100)); // a poll, bounded above
      before = run("leaks", "--cluster", cluster);
    }
    assertEquals(0, before.exitCode(), before::err);
    assertTrue(before.out().contains("Node " + address + "  leak detection: off"), before.out());

    Run set = run("leaks", "--cluster", cluster, "--level", "paranoid");
    assertEquals(0, set.exitCode(), set::err);
    assertTrue(set.out().contains("leak detection on " + address + ": paranoid (was off)"), set.out());
    assertSame(LeakDetectionLevel.PARANOID, tracker.level());

    tracker.acquire("temp-file", ResourceOwner.job(77), "/tmp/leaks-on-node", 0, null);
    tracker.jobEnded(77, "job FINISHED");
    Run after = run("leaks", "--cluster", cluster, "--node", address);
    assertEquals(0, after.exitCode(), after::err);
    assertTrue(after.out().contains("temp-file '/tmp/leaks-on-node' of job 77, held "), after.out());
    assertTrue(after.out().contains("      at " + LeaksOnNodeTest.class.getName()
        + ".theNodeReportsItsOwnTrackerAndTakesANewLevelAtRuntime(LeaksOnNodeTest.java:"), after.out());
  }
}
