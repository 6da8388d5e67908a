package io.atoll.runtime.connector;

import static io.atoll.runtime.connector.JobPluginLoadersTest.awaitCollected;
import static io.atoll.runtime.connector.JobPluginLoadersTest.awaitTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.atoll.protocol.job.JobStatus;
import io.atoll.protocol.job.JobSummary;
import io.atoll.runtime.client.JobClient;
import io.atoll.runtime.node.AtollNode;
import io.atoll.runtime.resource.ResourceTracker;
import io.atoll.runtime.resource.ResourceTrackers;
import io.atoll.runtime.testing.TestConfigs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jobs using a plugin jar built in the test, on an embedded node (master and worker in one): each
 * job's plugins load in a class loader of its own, collected once the job ended, and one a plugin's
 * thread keeps alive is reported as a leak naming that thread.
 */
class JobClassLoaderTest {
  @TempDir
  static Path tmp;

  private static AtollNode node;
  private static JobClient jobs;

  @BeforeAll
  static void startNode() throws Exception {
    Path plugins = Files.createDirectory(tmp.resolve("plugins"));
    TestingPluginJars.probeSink(plugins, tmp);
    node = AtollNode.start(ConfigFactory.parseMap(Map.of(
            "atoll.data-dir", tmp.resolve("data").toString(),
            "atoll.plugins-dir", plugins.toString(),
            "atoll.http.enabled", false,
            "atoll.slot-service.dynamic-slot", true,
            "atoll.leak-detection.classloader-check-after", "100ms",
            "akka.remote.artery.canonical.port", 0))
        .withFallback(TestConfigs.base()));
    jobs = node.jobClient().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stopNode() throws Exception {
    if (node != null) {
      node.stop().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void aJobsPluginLoaderIsCollectedOnceTheJobEnded() throws Exception {
    JobSummary job = run("collected", false);

    List<LoaderProbe.Seen> seen = LoaderProbe.seen("collected");
    assertEquals(1, seen.size(), seen.toString());
    assertTrue(seen.get(0).loaderName().startsWith("atoll-plugins-job-" + job.jobId() + "-"), seen.get(0).loaderName());
    awaitCollected(seen.get(0).loader());
    assertTrue(tracker().report().leaks().stream().noneMatch(l -> l.owner().equals("job " + job.jobId())),
        tracker().report().leaks().toString());
  }

  @Test
  void aPluginThreadThatKeepsRunningIsReportedAsAClassloaderLeakNamingIt() throws Exception {
    JobSummary job = run("leaky", true);

    awaitTrue(() -> leakOf(job).isPresent(), "a classloader leak of job " + job.jobId() + " is reported");
    ResourceTracker.Leak leak = leakOf(job).orElseThrow();
    assertTrue(leak.site().get(0).startsWith("thread 'leaky-leaky' ("), leak.site().get(0));
    assertTrue(leak.site().stream().anyMatch(f -> f.contains("jarloader.ProbeWriter.waitForEver(ProbeWriter.java:")),
        "the plugin's class and line: " + leak.site());
    assertTrue(leak.description().contains("probe-sink.jar"), leak.description());
    assertTrue(tracker().report().leaksByKind().get("classloader") >= 1);

    stop("leaky-leaky");
    awaitCollected(LoaderProbe.seen("leaky").get(0).loader()); // that thread was all that held it
  }

  /** Interrupts and joins the thread; no reference to it stays (a dead thread keeps its context loader). */
  private static void stop(String threadName) throws InterruptedException {
    Thread thread = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(threadName))
        .findFirst().orElseThrow();
    thread.interrupt();
    thread.join(10_000);
    assertTrue(!thread.isAlive(), threadName + " stopped");
  }

  @Test
  void twoJobsGetTheirOwnLoadersAndNoStaticStateOfAPluginLeaksBetweenThem() throws Exception {
    run("first", false);
    run("second", false);

    LoaderProbe.Seen first = LoaderProbe.seen("first").get(0);
    LoaderProbe.Seen second = LoaderProbe.seen("second").get(0);
    assertNotEquals(first.loaderName(), second.loaderName());
    assertEquals(1, first.made(), "the first writer of its loader's copy of the class");
    assertEquals(1, second.made(), "a fresh copy of the class, with fresh static state");
  }

  private static JobSummary run(String probe, boolean leakThread) throws Exception {
    Path file = tmp.resolve(probe + ".conf");
    Files.writeString(file, """
        env { job.name = %s, parallelism = 1 }
        source { TestingSource { rows = 3 } }
        sink { ProbeSink { probe = %s, leak_thread = %s } }
        """.formatted(probe, probe, leakThread));
    JobSummary result = jobs.run(file, Map.of()).toCompletableFuture().get(60, TimeUnit.SECONDS);
    assertEquals(JobStatus.FINISHED, result.status(), result.toString());
    return result;
  }

  private static Optional<ResourceTracker.Leak> leakOf(JobSummary job) {
    return tracker().report().leaks().stream()
        .filter(l -> l.kind().equals("classloader") && l.owner().equals("job " + job.jobId()))
        .findFirst();
  }

  private static ResourceTracker tracker() {
    return ResourceTrackers.get(node.system());
  }
}
