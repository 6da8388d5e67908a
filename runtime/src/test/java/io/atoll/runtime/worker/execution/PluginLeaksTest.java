package io.atoll.runtime.worker.execution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.TestProbe;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.atoll.protocol.connector.PluginFactory;
import io.atoll.protocol.job.JobStatus;
import io.atoll.protocol.job.JobSummary;
import io.atoll.runtime.client.JobClient;
import io.atoll.runtime.node.AtollNode;
import io.atoll.runtime.resource.LeakDetectionLevel;
import io.atoll.runtime.resource.ResourceOwner;
import io.atoll.runtime.resource.ResourceTracker;
import io.atoll.runtime.resource.ResourceTrackers;
import io.atoll.runtime.testing.TestConfigs;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The test: a plugin jar, built here as a plugin author builds one, whose sink keeps a file
 * open (registered through {@code context.resources()}) and starts a thread it never stops. A job
 * using it runs on an embedded node at level paranoid; when it has ended, the node's tracker shows
 * both leaks, each with the plugin's class and line in its allocation site, counted by kind.
 */
class PluginLeaksTest {
  /** The plugin's source; the lines the leaks must point at are marked. */
  private static final String LEAKY_SINK = """
      package leakyplugin;

      import io.atoll.protocol.connector.Sink;
      import io.atoll.protocol.connector.SinkWriter;
      import java.io.OutputStream;
      import java.nio.file.Files;
      import java.nio.file.Path;
      import java.util.concurrent.locks.LockSupport;

      public final class LeakySink implements io.atoll.protocol.connector.SinkFactory {
        public String name() { return "LeakySink"; }
        public java.util.List<io.atoll.protocol.connector.OptionSpec> options() { return java.util.List.of(); }
        public Sink createSink(com.typesafe.config.Config c, io.atoll.protocol.data.RowType t) {
          return context -> {
            Path path = Files.createTempFile("leaky-sink-", ".out");
            OutputStream out = Files.newOutputStream(path);
            context.resources().hold("file", path.toString(), out); // LINE-FILE
            Thread ticker = new Thread(() -> {
              while (!Thread.currentThread().isInterrupted()) {
                LockSupport.park(); // LINE-THREAD
              }
            }, "leaky-sink-ticker");
            ticker.setDaemon(true);
            ticker.start();
            return row -> out.write(row.toString().getBytes());
          };
        }
      }
      """;

  @TempDir Path tmp;

  @Test
  void aPluginsOpenFileAndForgottenThreadAreReportedWithItsClassAndLineAndCountedByKind() throws Exception {
    Path plugins = Files.createDirectory(tmp.resolve("plugins"));
    buildPluginJar(plugins.resolve("leaky-sink.jar"));
    Config config = ConfigFactory.parseMap(Map.of(
            "atoll.data-dir", tmp.resolve("data").toString(),
            "atoll.plugins-dir", plugins.toString(),
            "atoll.leak-detection.level", "paranoid",
            "atoll.http.port", 0,
            "atoll.slot-service.dynamic-slot", true,
            "akka.remote.artery.canonical.port", 0))
        .withFallback(TestConfigs.base());
    AtollNode node = AtollNode.start(config);
    Path leakedFile = null;
    try {
      JobClient jobs = node.jobClient().toCompletableFuture().get(60, TimeUnit.SECONDS);
      String api = "http://127.0.0.1:"
          + node.ready().toCompletableFuture().get(60, TimeUnit.SECONDS).httpAddress().orElseThrow().getPort();
      ResourceTracker tracker = ResourceTrackers.get(node.system());
      assertEquals(LeakDetectionLevel.PARANOID, tracker.level());
      Path job = tmp.resolve("leaky.conf");
      Files.writeString(job, """
          env { job.name = leaky, parallelism = 1 }
          source { TestingSource { rows = 3 } }
          sink { LeakySink {} }
          """);

      JobSummary result = jobs.run(job, Map.of()).toCompletableFuture().get(60, TimeUnit.SECONDS);

      assertEquals(JobStatus.FINISHED, result.status(), String.valueOf(result.errorMessage()));
      // As if the ResourceManager had kept one of the job's slots: the coordinator's check after the end finds it.
      AtomicInteger freed = new AtomicInteger();
      tracker.acquire("slot-assignment", ResourceOwner.job(result.jobId()), "a slot kept by mistake (test)", 0,
          freed::incrementAndGet);
      TestProbe<Void> probe = TestProbe.create(node.system());
      probe.awaitAssert(Duration.ofSeconds(20), () -> {
        assertEquals(1L, tracker.report().leaksByKind().get("file"), tracker.report().toString());
        assertEquals(1L, tracker.report().leaksByKind().get("thread"), tracker.report().toString());
        return null;
      });
      List<ResourceTracker.Leak> leaks = tracker.report().leaks();
      ResourceTracker.Leak file = only(leaks, "file");
      ResourceTracker.Leak thread = only(leaks, "thread");
      leakedFile = Path.of(file.description());

      assertTrue(file.owner().startsWith("job " + result.jobId() + " pipeline "), file.owner());
      assertEquals("task group FINISHED", file.how());
      assertEquals("released by the runtime", file.outcome(), "the runtime closed the stream");
      assertTrue(file.site().get(0).contains("leakyplugin.LeakySink")
          && file.site().get(0).contains("LeakySink.java:" + line("LINE-FILE")), file.site().toString());

      assertTrue(thread.description().startsWith("leaky-sink-ticker ("), thread.description());
      assertTrue(thread.outcome().startsWith("left running"), thread.outcome());
      assertTrue(thread.site().stream().anyMatch(f -> f.contains("leakyplugin.LeakySink")
          && f.contains("LeakySink.java:" + line("LINE-THREAD"))), thread.site().toString());
      // The coordinator checks the job's slots a few seconds after its end: the one kept above is a
      // leak, freed; the job's real slots and assignments were released and are not.
      probe.awaitAssert(Duration.ofSeconds(20), () -> {
        assertEquals(1L, tracker.report().leaksByKind().get("slot-assignment"), tracker.report().toString());
        return null;
      });
      Map<String, Long> leaked = tracker.report().leaksByKind();
      assertEquals(1L, leaked.get("file"), leaked.toString());
      assertEquals(1L, leaked.get("thread"), leaked.toString());
      assertEquals(null, leaked.get("slot"), "a job that released its slots leaks none: " + leaked);
      Map<String, Integer> live = tracker.report().liveByKind();
      assertEquals(null, live.get("slot"), "the job's slots were freed: " + live);
      assertEquals(null, live.get("slot-assignment"), "and their assignments released: " + live);
      ResourceTracker.Leak kept = only(tracker.report().leaks(), "slot-assignment");
      assertEquals("job FINISHED", kept.how());
      assertEquals(1, freed.get(), "the runtime frees a slot its ended job still holds");
      // What an operator sees: GET /leaks lists both with the plugin's class and line, /metrics counts them.
      JsonNode recent = new ObjectMapper().readTree(get(api + "/leaks")).get(0).get("recentLeaks");
      assertTrue(siteOf(recent, "file").contains("leakyplugin.LeakySink")
          && siteOf(recent, "file").contains("LeakySink.java:" + line("LINE-FILE")), recent::toString);
      assertTrue(siteOf(recent, "thread").contains("LeakySink.java:" + line("LINE-THREAD")), recent::toString);
      List<String> metrics = get(api + "/metrics").lines().toList();
      assertTrue(metrics.contains("atoll_resource_leaks_total{kind=\"file\"} 1.0"), String.join("\n", metrics));
      assertTrue(metrics.contains("atoll_resource_leaks_total{kind=\"thread\"} 1.0"), String.join("\n", metrics));
      Thread ticker = ticker();
      assertNotNull(ticker, "the runtime reports the plugin's thread but does not stop it");
      ticker.interrupt();
    } finally {
      node.stop().toCompletableFuture().get(30, TimeUnit.SECONDS);
      if (leakedFile != null) {
        Files.deleteIfExists(leakedFile);
      }
    }
  }

  private static String get(String url) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient()
        .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response.body());
    return response.body();
  }

  /** The allocation site of the one recent leak of that kind in GET /leaks, as text. */
  private static String siteOf(JsonNode recent, String kind) {
    List<String> sites = new ArrayList<>();
    recent.forEach(leak -> {
      if (leak.get("kind").textValue().equals(kind)) {
        sites.add(leak.get("allocationSite").toString());
      }
    });
    assertEquals(1, sites.size(), recent::toString);
    return sites.get(0);
  }

  private static ResourceTracker.Leak only(List<ResourceTracker.Leak> leaks, String kind) {
    List<ResourceTracker.Leak> found = leaks.stream().filter(l -> l.kind().equals(kind)).toList();
    assertEquals(1, found.size(), leaks.toString());
    return found.get(0);
  }

  private static Thread ticker() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals("leaky-sink-ticker") && t.isAlive()).findFirst().orElse(null);
  }

  private static int line(String marker) {
    String[] lines = LEAKY_SINK.split("\n");
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].contains(marker)) {
        return i + 1;
      }
    }
    throw new IllegalArgumentException(marker);
  }

  /** Compiles the plugin and packs it with its service file, as a plugin author would. */
  private void buildPluginJar(Path jar) throws Exception {
    Path src = Files.createDirectories(tmp.resolve("src/leakyplugin"));
    Path classes = Files.createDirectories(tmp.resolve("classes"));
    Path source = Files.writeString(src.resolve("LeakySink.java"), LEAKY_SINK);
    String classpath = location(PluginFactory.class) + File.pathSeparator + location(Config.class);
    int status = ToolProvider.getSystemJavaCompiler()
        .run(null, null, null, "-d", classes.toString(), "-cp", classpath, source.toString());
    assertEquals(0, status, "the test plugin must compile");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
        Stream<Path> files = Files.walk(classes)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        put(out, classes.relativize(f).toString().replace(File.separatorChar, '/'), Files.readAllBytes(f));
      }
      put(out, "META-INF/services/" + PluginFactory.class.getName(),
          "leakyplugin.LeakySink\n".getBytes(StandardCharsets.UTF_8));
    }
  }

  private static void put(JarOutputStream out, String name, byte[] bytes) throws IOException {
    out.putNextEntry(new JarEntry(name));
    out.write(bytes);
    out.closeEntry();
  }

  private static String location(Class<?> type) throws Exception {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }
}
