package io.atoll.runtime.http;

import static io.atoll.runtime.http.HttpTesting.failMessage;
import static io.atoll.runtime.http.HttpTesting.json;
import static io.atoll.runtime.http.HttpTesting.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.receptionist.Receptionist;
import akka.http.javadsl.ServerBinding;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.atoll.protocol.node.NodeMonitorProtocol;
import io.atoll.runtime.master.monitor.JobCountsSource;
import io.atoll.runtime.node.NodeMonitor;
import io.atoll.runtime.resource.LeakDetectionLevel;
import io.atoll.runtime.resource.ResourceTracker;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /logs}, {@code /logs/<jobId>}, {@code /logs/<file>}, {@code /log}, {@code /log/<file>}
 * and {@code /thread-dump}: this node and another answer through their NodeMonitors, each for its own
 * log directory, a third does not answer; JSON shapes are compared with samples of SeaTunnel's docs
 * (src/test/resources/rest-v2); names that leave the log directory are refused with a 400.
 */
class LogRoutesTest {
  private static final ActorTestKit testKit = ActorTestKit.create("LogRoutesTest", HttpTesting.CONFIG);
  private static final String OTHER = "akka://atoll@10.0.0.1:25520";
  private static final ObjectMapper MAPPER = new ObjectMapper();
  @TempDir static Path tmp;
  private static String here;
  private static String bigLog;
  private static ServerBinding api;

  @BeforeAll
  static void start() throws Exception {
    here = testKit.system().address().toString();
    Path mine = Files.createDirectories(tmp.resolve("here"));
    Path theirs = Files.createDirectories(tmp.resolve("other"));
    StringBuilder big = new StringBuilder();
    for (int i = 0; big.length() < 3 * LogRoutes.CHUNK; i++) {
      big.append("line ").append(i).append(" naïve café ✓ 𝄞\n"); // multi-byte characters across piece boundaries
    }
    bigLog = big.toString();
    Files.writeString(mine.resolve("atoll-node.log"), bigLog);
    Files.writeString(mine.resolve("job-42.log"), "here: job 42\n");
    Files.writeString(mine.resolve("job-7.log"), "here: job 7\n");
    Files.writeString(theirs.resolve("job-42.log"), "other: job 42\n");
    Files.writeString(theirs.resolve("atoll-worker.log"), "other: worker\n");
    Files.writeString(tmp.resolve("secret.txt"), "not a log");
    Files.createSymbolicLink(mine.resolve("link.log"), tmp.resolve("secret.txt"));

    ResourceTracker tracker = new ResourceTracker(here, LeakDetectionLevel.OFF);
    testKit.spawn(NodeMonitor.create(here, List.of("master"), () -> 0, tracker, Optional.of(mine)));
    testKit.spawn(NodeMonitor.create(OTHER, List.of("worker"), () -> 0, tracker, Optional.of(theirs)));
    TestProbe<NodeMonitorProtocol> silentNode = testKit.createTestProbe("silent-node");
    TestProbe<Receptionist.Registered> registered = testKit.createTestProbe();
    testKit.system().receptionist().tell(Receptionist.register(NodeMonitor.KEY, silentNode.ref(), registered.ref()));
    registered.receiveMessage();
    api = HttpTesting.bind(testKit.system(), HttpTesting.settings(Duration.ofMillis(500)),
        testKit.spawn(TestingResourceManager.answering(TestingResourceManager.TWO_WORKERS)),
        testKit.system().ignoreRef(), JobCountsSource.none());
  }

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  /** Waits until all three monitors are registered (they register as they start). */
  private static HttpResponse<String> logs(String pathAndQuery, int files) {
    return testKit.createTestProbe().awaitAssert(Duration.ofSeconds(10), () -> {
      HttpResponse<String> response = HttpTesting.unchecked(() -> send(api, "GET", pathAndQuery));
      assertEquals(200, response.statusCode(), response::body);
      if (pathAndQuery.contains("format=json")) {
        assertEquals(files, MAPPER.readTree(response.body()).size(), response::body);
      }
      return response;
    });
  }

  @Test
  void everyNodesFilesAreListedAsSeaTunnelShapesThemAndASilentNodeIsNamed() throws Exception {
    HttpResponse<String> response = logs("/logs?format=json", 5);
    JsonNode all = json(response, 200);
    assertShaped("logs.json", all);
    String port = Integer.toString(api.localAddress().getPort());
    String me = LogRoutes.hostPort(here);
    List<String> rows = new ArrayList<>();
    all.forEach(f -> rows.add(f.get("node").textValue() + " " + f.get("logName").textValue() + " "
        + f.get("logLink").textValue()));
    assertEquals(new TreeSet<>(List.of(
        "10.0.0.1:25520 atoll-worker.log http://127.0.0.1:" + port + "/logs/atoll-worker.log?node=10.0.0.1:25520",
        "10.0.0.1:25520 job-42.log http://127.0.0.1:" + port + "/logs/job-42.log?node=10.0.0.1:25520",
        me + " atoll-node.log http://127.0.0.1:" + port + "/logs/atoll-node.log",
        me + " job-42.log http://127.0.0.1:" + port + "/logs/job-42.log",
        me + " job-7.log http://127.0.0.1:" + port + "/logs/job-7.log")), new TreeSet<>(rows));
    // the silent node is a probe of this test's system: its address is the system's
    assertEquals(Optional.of("akka://LogRoutesTest"), response.headers().firstValue(LogRoutes.UNREACHABLE_HEADER),
        () -> "the silent node is named: " + response.headers().map());

    HttpResponse<String> html = logs("/logs", 0);
    assertEquals("text/html; charset=UTF-8", html.headers().firstValue("Content-Type").orElseThrow());
    assertTrue(html.body().contains("<a href=\"http://127.0.0.1:" + port + "/logs/job-42.log?node=10.0.0.1:25520\">"
        + "10.0.0.1:25520-job-42.log</a>"), html.body());
  }

  @Test
  void aJobsFilesComeFromEveryNodeThatHasOne() throws Exception {
    JsonNode job = json(logs("/logs/42?format=json", 2), 200);
    Set<String> nodes = new TreeSet<>();
    job.forEach(f -> {
      assertEquals("job-42.log", f.get("logName").textValue());
      nodes.add(f.get("node").textValue());
    });
    assertEquals(new TreeSet<>(List.of("10.0.0.1:25520", LogRoutes.hostPort(here))), nodes);
    assertEquals(0, json(logs("/logs/4?format=json", 0), 200).size(), "job 4 is not job 42");
  }

  @Test
  void thisNodesFilesAndTheirText() throws Exception {
    JsonNode mine = json(logs("/log?format=json", 3), 200);
    assertShaped("logs.json", mine);
    mine.forEach(f -> assertEquals(LogRoutes.hostPort(here), f.get("node").textValue()));
    assertTrue(logs("/log", 0).body().contains("<a href=\"http://127.0.0.1:" + api.localAddress().getPort()
        + "/log/job-7.log\">job-7.log</a>"));

    HttpResponse<String> text = send(api, "GET", "/log/atoll-node.log");
    assertEquals(200, text.statusCode(), text::body);
    assertEquals("text/plain; charset=UTF-8", text.headers().firstValue("Content-Type").orElseThrow());
    assertEquals(bigLog, text.body(), "read in pieces of " + LogRoutes.CHUNK + " bytes, every character whole");
    assertEquals("here: job 42\n", send(api, "GET", "/logs/job-42.log").body());
    assertEquals("other: job 42\n", send(api, "GET", "/logs/job-42.log?node=10.0.0.1:25520").body());
    assertTrue(failMessage(send(api, "GET", "/logs/job-42.log?node=10.9.9.9:1"), 404).contains("no node at"));
  }

  @Test
  void namesThatLeaveTheLogDirectoryAreRefused() throws Exception {
    // (a raw or %2E-encoded /log/../secret.txt never arrives as such: its dots are resolved before routing)
    for (String path : List.of("/log/..%2Fsecret.txt", "/log/sub/secret.txt",
        "/logs/..%2Fsecret.log", "/log/link.log")) {
      String message = failMessage(send(api, "GET", path), 400);
      assertTrue(message.contains("not a file name of the log directory") || message.contains("leads out of"),
          path + ": " + message);
      assertFalse(message.contains("not a log"), "nothing of the file is shown");
    }
    assertTrue(failMessage(send(api, "GET", "/log/missing.log"), 400).contains("no log file 'missing.log'"));
    assertTrue(failMessage(send(api, "GET", "/logs/abc"), 400).contains("neither a job id nor a log file name"));
    assertTrue(failMessage(send(api, "GET", "/logs?format=xml"), 400).contains("use json or html"));
  }

  @Test
  void theThreadDumpListsThisJvmsThreadsAsSeaTunnelDoes() throws Exception {
    JsonNode threads = json(send(api, "GET", "/thread-dump"), 200);
    assertShaped("thread-dump.json", threads);
    boolean dispatcher = false;
    for (JsonNode t : threads) {
      Thread.State.valueOf(t.get("threadState").textValue());
      dispatcher |= t.get("threadName").textValue().startsWith("LogRoutesTest-akka.actor.default-dispatcher")
          && t.get("stackTrace").textValue().contains("\n");
    }
    assertTrue(dispatcher, threads::toString);
  }

  /** Every element has exactly the sample's fields, each of the sample's JSON type ({@link JsonShape}). */
  private static void assertShaped(String sample, JsonNode actual) {
    JsonShape.assertSameShape(JsonShape.sample(sample.replace(".json", "")), actual, Set.of());
  }
}
