package io.atoll.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.receptionist.Receptionist;
import akka.http.javadsl.ServerBinding;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.atoll.protocol.node.NodeMonitorProtocol;
import io.atoll.protocol.resource.ResourceManagerProtocol;
import io.atoll.runtime.config.HttpSettings;
import io.atoll.runtime.connector.PluginRegistry;
import io.atoll.runtime.http.BuildInfo;
import io.atoll.runtime.http.HttpApi;
import io.atoll.runtime.node.NodeMonitor;
import io.atoll.runtime.resource.LeakDetectionLevel;
import io.atoll.runtime.resource.ResourceOwner;
import io.atoll.runtime.resource.ResourceTracker;
import io.atoll.runtime.testing.TestConfigs;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code atoll leaks} in-process against the real REST API on a free port: one node answers through
 * its NodeMonitor with a tracker the test fills, another does not answer.
 */
class LeaksCommandTest {
  private static final ActorTestKit testKit = ActorTestKit.create("LeaksCommandTest", TestConfigs.base());
  private static final String NODE = "akka://atoll@10.0.0.1:25520";
  private static final ResourceTracker tracker = new ResourceTracker(NODE, LeakDetectionLevel.PARANOID);
  private static String cluster;

  private record Run(int exitCode, String out, String err) {}

  @BeforeAll
  static void start() throws Exception {
    tracker.acquire("file", ResourceOwner.job(8), "/data/in.csv", 0, null);
    tracker.acquire("thread", ResourceOwner.task(7, 1, 2, 0), "poller-1", 0, null); // the leak's site
    tracker.jobEnded(7, "job FINISHED");
    testKit.spawn(NodeMonitor.create(NODE, List.of("worker"), () -> 0, tracker));
    TestProbe<NodeMonitorProtocol> silent = testKit.createTestProbe("silent-node");
    TestProbe<Receptionist.Registered> registered = testKit.createTestProbe();
    testKit.system().receptionist().tell(Receptionist.register(NodeMonitor.KEY, silent.ref(), registered.ref()));
    registered.receiveMessage();
    ServerBinding api = HttpApi.start(testKit.system(), new HttpSettings(true, "127.0.0.1", 0, Duration.ofMillis(500)),
            testKit.createTestProbe(ResourceManagerProtocol.class).ref(), testKit.system().ignoreRef(),
            PluginRegistry.fromClasspath(), new BuildInfo("1", "abc"))
        .toCompletableFuture().get(10, TimeUnit.SECONDS);
    cluster = "127.0.0.1:" + api.localAddress().getPort();
    // both monitors registered before the first test reads the listing
    testKit.createTestProbe().awaitAssert(Duration.ofSeconds(10), () -> {
      assertEquals(2, countNodes(run("leaks", "--cluster", cluster, "--json").out()));
      return null;
    });
  }

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  private static int countNodes(String json) throws Exception {
    return new ObjectMapper().readTree(json).size();
  }

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    picocli.CommandLine cli = new picocli.CommandLine(new NodeCommand());
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void printsATablePerNodeAndTheRecentLeaksWithTheFirstFramesOfTheirSite() {
    Run run = run("leaks", "--cluster", cluster);
    assertEquals(0, run.exitCode(), run::err);
    String out = run.out();
    assertTrue(out.contains("Node " + NODE + "  leak detection: " + tracker.level().configName()), out);
    assertTrue(out.contains("  KIND    LIVE  LEAKED  DOUBLE RELEASES\n"), out);
    assertTrue(out.contains("  file       1       0                0\n"), out);
    assertTrue(out.contains("  thread     0       1                0\n"), out);
    assertTrue(out.contains("thread 'poller-1' of job 7 pipeline 1 task group 2 attempt 0, held "), out);
    assertTrue(out.contains(" ms when job FINISHED; left as it is"), out);
    assertTrue(out.contains("      at " + LeaksCommandTest.class.getName() + ".start(LeaksCommandTest.java:"), out);
    assertTrue(out.contains(" more frames (--json shows them)"), out);
    assertTrue(out.contains("Node akka://LeaksCommandTest: unreachable ("), "the silent node is listed: " + out);
  }

  @Test
  void switchesTheLevelOfOneNodeFirst() {
    Run run = run("leaks", "--cluster", cluster, "--level", "simple", "--node", "10.0.0.1:25520");
    assertEquals(0, run.exitCode(), run::err);
    assertTrue(run.out().contains("leak detection on " + NODE + ": simple (was "), run.out());
    assertTrue(run.out().contains("Node " + NODE + "  leak detection: simple"), run.out());
    assertTrue(!run.out().contains("LeaksCommandTest:"), "--node shows that node only: " + run.out());
    assertSame(LeakDetectionLevel.SIMPLE, tracker.level());
    tracker.setLevel(LeakDetectionLevel.PARANOID);
  }

  @Test
  void aLevelForEveryNodeThatOneDidNotTakeExitsWith1() {
    Run run = run("leaks", "--cluster", cluster, "--level", "paranoid");
    assertEquals(1, run.exitCode(), run::out);
    assertTrue(run.err().contains("atoll: leak detection on akka://LeaksCommandTest unchanged: unreachable"),
        run.err());
    assertTrue(run.out().contains("leak detection on " + NODE + ": paranoid"), run.out());
  }

  @Test
  void anUnknownLevelIsAWrongFlagAndNothingIsSent() {
    LeakDetectionLevel before = tracker.level();
    Run run = run("leaks", "--cluster", cluster, "--level", "loud");
    assertEquals(2, run.exitCode(), run::out);
    assertTrue(run.err().contains("--level: leak detection level 'loud' is not one of off | simple | paranoid"),
        run.err());
    assertSame(before, tracker.level());
  }

  @Test
  void jsonIsTheApisWithTheWholeSite() throws Exception {
    Run run = run("leaks", "--cluster", cluster, "--json", "--node", NODE);
    assertEquals(0, run.exitCode(), run::err);
    JsonNode nodes = new ObjectMapper().readTree(run.out());
    assertEquals(1, nodes.size());
    assertEquals(NODE, nodes.get(0).get("address").textValue());
    assertEquals(tracker.report().leaks().get(0).site().size(),
        nodes.get(0).get("recentLeaks").get(0).get("allocationSite").size());
  }

  @Test
  void anUnknownNodeIsAnErrorNamingTheNodes() {
    Run run = run("leaks", "--cluster", cluster, "--node", "10.9.9.9:1");
    assertEquals(1, run.exitCode(), run::out);
    assertTrue(run.err().contains("no node at '10.9.9.9:1' answered; the nodes are: ") && run.err().contains(NODE),
        run.err());
  }
}
