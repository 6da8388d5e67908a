package io.atoll.runtime.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.TestProbe;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.sift.AppenderTracker;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import io.atoll.protocol.job.JobStatus;
import io.atoll.runtime.client.JobClient;
import io.atoll.runtime.node.AtollNode;
import io.atoll.runtime.testing.ShippedLogging;
import io.atoll.runtime.testing.TestConfigs;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With the distribution's conf/logback.xml, an embedded node running two jobs at once writes each
 * job's lines (its task groups', connector code's and the end-of-work line) to that job's
 * {@code job-<id>.log} and none of the other's, the node's rolling file gets everything, and once
 * the jobs have ended and the appender's lingering time has passed no per-job file is open. The
 * REST API lists a job's file ({@code GET /logs/<jobId>}) and serves its text.
 */
class JobLogFilesTest {
  @TempDir Path tmp;

  @Test
  void eachJobGetsItsOwnFileWhichIsClosedAfterTheJob() throws Exception {
    Path logs = tmp.resolve("logs");
    AtollNode node = null;
    try (ShippedLogging logging = ShippedLogging.configure(logs, "node-a")) {
      node = AtollNode.start(ConfigFactory.parseMap(Map.of(
              "atoll.node.role", "hybrid",
              "atoll.data-dir", tmp.resolve("data").toString(),
              "atoll.slot-service.slot-num", 4,
              "atoll.log-dir", logs.toString(), // not found from logback: other tests in this JVM add file appenders
              "atoll.http.host", "127.0.0.1",
              "atoll.http.port", 0,
              "akka.remote.artery.canonical.port", 0))
          .withFallback(TestConfigs.base()));
      InetSocketAddress http = node.ready().toCompletableFuture().get(60, TimeUnit.SECONDS).httpAddress().orElseThrow();
      JobClient client = node.jobClient().toCompletableFuture().get(60, TimeUnit.SECONDS);
      long first = client.submit(client.parse(job("first", 40), Map.of())).toCompletableFuture().get(30, TimeUnit.SECONDS);
      long second = client.submit(client.parse(job("second", 40), Map.of())).toCompletableFuture().get(30, TimeUnit.SECONDS);
      CompletableFuture.allOf(client.result(first).toCompletableFuture(), client.result(second).toCompletableFuture())
          .get(60, TimeUnit.SECONDS);
      assertEquals(JobStatus.FINISHED, client.result(first).toCompletableFuture().get().status());
      assertEquals(JobStatus.FINISHED, client.result(second).toCompletableFuture().get().status());

      AppenderTracker<ILoggingEvent> tracker = logging.jobAppender().getAppenderTracker();
      Appender<ILoggingEvent> firstAppender = tracker.find(Long.toString(first));
      assertNotNull(firstAppender, "job " + first + " had an appender");
      TestProbe<Object> probe = TestProbe.create(node.system());
      probe.awaitAssert(Duration.ofSeconds(20), () -> {
        // both the job master and the worker said the job's work is over
        for (long job : new long[] {first, second}) {
          String text = Files.readString(logs.resolve("job-" + job + ".log"));
          assertTrue(text.contains("its job master stops"), text);
          assertTrue(text.contains("last task group FINISHED on this worker"), text);
        }
        return null;
      });
      assertOnlyItsOwn(logs, first, second);
      assertOnlyItsOwn(logs, second, first);
      String nodeLog = Files.readString(logs.resolve("node-a.log"));
      assertTrue(nodeLog.contains("task group job-" + first + "-p1") && nodeLog.contains("task group job-" + second),
          nodeLog);
      assertFalse(Files.exists(logs.resolve("job-none.log")), "lines of no job make no file");

      // the REST API lists the job's file and serves its text
      // the node's NodeMonitor answers once the cluster's receptionist lists it, which may come after
      // the jobs in a warm JVM (as LeaksOnNodeTest found): until then the list is rightly empty
      JsonNode listed = probe.awaitAssert(Duration.ofSeconds(20), () -> {
        JsonNode files = new ObjectMapper().readTree(get(http, "/logs/" + first + "?format=json"));
        assertEquals(1, files.size(), files::toString);
        return files;
      });
      assertEquals("job-" + first + ".log", listed.get(0).get("logName").textValue());
      String served = get(http, URI.create(listed.get(0).get("logLink").textValue()).getPath());
      assertEquals(Files.readString(logs.resolve("job-" + first + ".log")), served);

      // past the 10 s an ended job's appender lingers, as the node's sweep every 5 s finds it
      assertEquals(1, JobLogSweeper.sweep(System.currentTimeMillis() + 10_001), "one SiftingAppender swept");
      assertNull(tracker.find(Long.toString(first)));
      assertNull(tracker.find(Long.toString(second)));
      assertFalse(firstAppender.isStarted(), "the job's file was closed");
      assertEquals(0, tracker.getComponentCount(), "no per-job appender left: " + tracker.allKeys());
    } finally {
      if (node != null) {
        node.stop().toCompletableFuture().get(30, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void theShippedFilesMaskPasswordsAsTheConsoleDoes() throws Exception {
    Path logs = tmp.resolve("masked");
    try (ShippedLogging logging = ShippedLogging.configure(logs, "node-m")) {
      org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger("io.atoll.test.masking");
      org.slf4j.MDC.put(JobLogs.MDC_KEY, "77");
      try {
        log.warn("cannot connect to jdbc:postgresql://db/x?user=u&password=Hunter2x",
            new IllegalStateException("refused: mysql://u:Hunter2y@db/x"));
      } finally {
        org.slf4j.MDC.remove(JobLogs.MDC_KEY);
      }
      JobLogs.ended(77, "test over");
      JobLogSweeper.sweep(System.currentTimeMillis() + 10_001);
      assertEquals(0, logging.jobAppender().getAppenderTracker().getComponentCount());
      for (String file : List.of("node-m.log", "job-77.log")) {
        String text = Files.readString(logs.resolve(file));
        assertFalse(text.contains("Hunter2"), file + ": " + text);
        assertTrue(text.contains("jdbc:postgresql://db/x?user=u&password=******")
            && text.contains("refused: mysql://u:******@db/x"), file + ": " + text);
      }
      assertTrue(Files.readString(logs.resolve("job-77.log")).contains("job 77: test over"));
      assertFalse(Files.readString(logs.resolve("node-m.log")).contains("test over"),
          "the end-of-work line goes to the job's file only");
    }
  }

  private static String get(InetSocketAddress http, String path) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + http.getPort() + path)).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response::body);
    return response.body();
  }

  private static void assertOnlyItsOwn(Path logs, long job, long other) throws Exception {
    String text = Files.readString(logs.resolve("job-" + job + ".log"));
    assertTrue(text.contains("job " + job + " pipeline 1 finished"), "the job master's lines are in it: " + text);
    assertTrue(text.contains("task group job-" + job + "-p1-a1-tg1 finished"), "the task groups' too: " + text);
    assertTrue(text.contains("rowIndex=40"), "the Console sink's rows (connector code) are in it: " + text);
    assertFalse(text.contains(Long.toString(other)), "no line of job " + other + ": " + text);
  }

  private static String job(String name, int rows) {
    return "env { job.name = " + name + ", parallelism = 1 }\n"
        + "source { FakeSource { row.num = " + rows + ", schema.fields { id = bigint } } }\n"
        + "sink { Console {} }\n";
  }
}
