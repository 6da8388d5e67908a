package io.atoll.runtime.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.atoll.protocol.connector.PluginKind;
import io.atoll.runtime.resource.LeakDetectionLevel;
import io.atoll.runtime.resource.ResourceOwner;
import io.atoll.runtime.resource.ResourceTracker;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobPluginLoadersTest {
  @TempDir
  Path tmp;

  private final ResourceTracker tracker = new ResourceTracker("test-node", LeakDetectionLevel.PARANOID);
  private final List<Runnable> checks = new ArrayList<>();
  private final List<Duration> delays = new ArrayList<>();
  private PluginRegistry registry;
  private Path jar;

  @BeforeEach
  void buildPluginsDir() throws Exception {
    Path dir = Files.createDirectory(tmp.resolve("plugins"));
    jar = TestingPluginJars.probeSink(dir, tmp);
    registry = PluginRegistry.load(Optional.of(dir));
  }

  private JobPluginLoaders loaders() {
    return new JobPluginLoaders(registry, tracker, Duration.ofSeconds(3), (delay, check) -> {
      delays.add(delay);
      checks.add(check);
    });
  }

  @Test
  void aJobsTaskGroupsShareOneLoaderOfItsOwnTrackedUntilTheLastEnds() throws Exception {
    JobPluginLoaders loaders = loaders();

    JobPlugins first = loaders.taskGroupStarted(7);
    JobPlugins second = loaders.taskGroupStarted(7);
    JobPlugins other = loaders.taskGroupStarted(8);

    assertSame(first, second);
    ClassLoader loader = first.loader().orElseThrow();
    assertNotSame(loader, other.loader().orElseThrow(), "each job has its own loader");
    assertTrue(loader.getName().startsWith("atoll-plugins-job-7-"), loader.getName());
    Class<?> sink = first.registry().sink("ProbeSink").getClass();
    assertSame(loader, sink.getClassLoader(), "the job's plugin classes come from its loader");
    assertNotSame(registry.sink("ProbeSink").getClass(), sink, "not the node-wide registry's copy");
    assertSame(registry.sink("TestSink").getClass(), first.registry().sink("TestSink").getClass(),
        "built-in plugins stay the runtime's");
    List<ResourceTracker.Entry> held = tracker.live(ResourceOwner.job(7));
    assertEquals(1, held.size());
    assertEquals("classloader", held.get(0).kind());
    assertTrue(held.get(0).description().contains(jar.toString()), held.get(0).description());
    assertTrue(held.get(0).site() != null, "the allocation site is kept at level paranoid");

    loaders.taskGroupEnded(7);
    assertEquals(List.of(7L, 8L), loaders.jobs(), "one task group of job 7 still runs");
    assertEquals(1, tracker.live(ResourceOwner.job(7)).size());

    loaders.taskGroupEnded(7);
    assertEquals(List.of(8L), loaders.jobs());
    assertEquals(List.of(), tracker.live(ResourceOwner.job(7)), "released when closed");
    assertThrows(ClassNotFoundException.class, () -> loader.loadClass("jarloader.ProbeWriter"),
        "a closed loader loads no more classes from its jars");
    assertEquals(List.of(Duration.ofSeconds(3)), delays, "a leak check is scheduled");
    assertEquals(0, tracker.report().doubleReleasesByKind().size());
  }

  @Test
  void aClosedLoaderNothingHoldsIsCollectedAndNotReported() {
    JobPluginLoaders loaders = loaders();
    WeakReference<ClassLoader> loader = new WeakReference<>(loaders.taskGroupStarted(3).loader().orElseThrow());
    loaders.taskGroupEnded(3);

    awaitCollected(loader);
    checks.forEach(Runnable::run);

    assertEquals(List.of(), tracker.report().leaks());
  }

  @Test
  void aThreadKeepingAClosedLoaderIsReportedAsAClassloaderLeakNamingIt() throws Exception {
    JobPluginLoaders loaders = loaders();
    JobPlugins job = loaders.taskGroupStarted(5);
    CountDownLatch stop = new CountDownLatch(1);
    Thread holder = new Thread(() -> await(stop), "plugin-helper-5");
    holder.setContextClassLoader(job.loader().orElseThrow());
    holder.start();
    try {
      awaitTrue(() -> holder.getState() == Thread.State.WAITING, "the helper thread waits"); // in await, not starting
      loaders.taskGroupEnded(5);
      checks.forEach(Runnable::run);

      List<ResourceTracker.Leak> leaks = tracker.report().leaks();
      assertEquals(1, leaks.size(), leaks.toString());
      ResourceTracker.Leak leak = leaks.get(0);
      assertEquals("classloader", leak.kind());
      assertEquals("job 5", leak.owner());
      assertTrue(leak.site().get(0).startsWith("thread 'plugin-helper-5' ("), leak.site().get(0));
      assertTrue(leak.site().get(0).contains("its context class loader is atoll-plugins-job-5-"), leak.site().get(0));
      assertTrue(leak.site().stream().anyMatch(f -> f.contains("JobPluginLoadersTest.await")), leak.site().toString());
      assertTrue(leak.outcome().contains("'plugin-helper-5'"), leak.outcome());
      assertEquals(1L, tracker.report().leaksByKind().get("classloader"));
    } finally {
      stop.countDown();
      holder.join(10_000);
    }
  }

  @Test
  void atLevelOffTheLeakNamesTheThreadWithoutItsStack() throws Exception {
    tracker.setLevel(LeakDetectionLevel.OFF);
    JobPluginLoaders loaders = loaders();
    CountDownLatch stop = new CountDownLatch(1);
    Thread holder = new Thread(() -> await(stop), "plugin-helper-6");
    holder.setContextClassLoader(loaders.taskGroupStarted(6).loader().orElseThrow());
    holder.start();
    try {
      loaders.taskGroupEnded(6);
      checks.forEach(Runnable::run);

      ResourceTracker.Leak leak = tracker.report().leaks().get(0);
      assertEquals(1, leak.site().size(), leak.site().toString());
      assertTrue(leak.site().get(0).startsWith("thread 'plugin-helper-6' ("), leak.site().get(0));
    } finally {
      stop.countDown();
      holder.join(10_000);
    }
  }

  @Test
  void withoutPluginJarsAJobRunsTheNodesRegistryAndNothingIsTracked() {
    PluginRegistry classpath = PluginRegistry.fromClasspath();
    JobPluginLoaders loaders = new JobPluginLoaders(classpath, tracker, Duration.ofSeconds(1),
        (delay, check) -> checks.add(check));

    JobPlugins job = loaders.taskGroupStarted(1);
    loaders.taskGroupEnded(1);

    assertSame(classpath, job.registry());
    assertTrue(job.loader().isEmpty());
    assertEquals(List.of(), tracker.live(null));
    assertEquals(List.of(), checks);
    assertEquals(classpath.names(PluginKind.SINK), job.registry().names(PluginKind.SINK));
  }

  @Test
  void aJdbcDriverInThePluginsDirectoryIsLoadedNodeWideEvenOnAJobsTaskThread() throws Exception {
    Path dir = tmp.resolve("plugins");
    TestingPluginJars.build(dir.resolve("tiny-driver.jar"), tmp, java.util.Map.of("jardriver/TinyDriver.java", """
        package jardriver;
        public final class TinyDriver implements java.sql.Driver {
          static {
            try {
              java.sql.DriverManager.registerDriver(new TinyDriver());
            } catch (java.sql.SQLException e) {
              throw new ExceptionInInitializerError(e);
            }
          }
          public java.sql.Connection connect(String url, java.util.Properties p) { return null; }
          public boolean acceptsURL(String url) { return url.startsWith("jdbc:tiny:"); }
          public java.sql.DriverPropertyInfo[] getPropertyInfo(String u, java.util.Properties p) {
            return new java.sql.DriverPropertyInfo[0];
          }
          public int getMajorVersion() { return 1; }
          public int getMinorVersion() { return 0; }
          public boolean jdbcCompliant() { return false; }
          public java.util.logging.Logger getParentLogger() { return null; }
        }
        """), List.of());
    registry = PluginRegistry.load(Optional.of(dir));
    JobPluginLoaders loaders = loaders();
    ClassLoader jobLoader = loaders.taskGroupStarted(9).loader().orElseThrow();
    Thread thread = Thread.currentThread();
    ClassLoader own = thread.getContextClassLoader();
    thread.setContextClassLoader(jobLoader);
    Class<?> driver;
    try {
      driver = PluginClasses.load("jardriver.TinyDriver");
    } finally {
      thread.setContextClassLoader(own);
    }

    assertEquals("atoll-plugins", driver.getClassLoader().getName(),
        "a driver registers itself with DriverManager: in the job's loader it would pin that for ever");
    WeakReference<ClassLoader> closed = new WeakReference<>(jobLoader);
    jobLoader = null;
    loaders.taskGroupEnded(9);
    awaitCollected(closed);
  }

  @Test
  void theNodeStoppingClosesEveryOpenLoader() {
    JobPluginLoaders loaders = loaders();
    loaders.taskGroupStarted(1);
    loaders.taskGroupStarted(2);

    loaders.closeAll();

    assertEquals(List.of(), loaders.jobs());
    assertEquals(List.of(), tracker.live(null));
  }

  /** Polls with a bounded deadline, asking for a GC each time. */
  static void awaitCollected(WeakReference<?> ref) {
    awaitTrue(() -> {
      System.gc();
      return ref.get() == null;
    }, "the loader was collected");
  }

  /** Polls {@code condition} every 20 ms for at most 30 s. */
  static void awaitTrue(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within 30 s: " + what);
      }
      LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
