package io.atoll.runtime.worker.execution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.atoll.protocol.connector.ResourceScope;
import io.atoll.protocol.execution.TaskGroupId;
import io.atoll.runtime.resource.LeakDetectionLevel;
import io.atoll.runtime.resource.ResourceOwner;
import io.atoll.runtime.resource.ResourceTracker;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The task group's side of the tracker, run in a task thread group as the TaskGroupDispatcher runs it. */
class TaskGroupResourcesTest {
  private final ResourceTracker tracker = new ResourceTracker("worker-a", LeakDetectionLevel.PARANOID);
  private final TaskGroupId id = new TaskGroupId(7, 1, 0, 2);
  private final TaskThreadGroup group = new TaskThreadGroup();
  private final ExecutorService taskThread =
      Executors.newSingleThreadExecutor(group.factory(getClass().getClassLoader()));
  private final CountDownLatch stop = new CountDownLatch(1);

  @AfterEach
  void stopThreads() {
    stop.countDown();
    taskThread.shutdownNow();
  }

  private <T> T onTaskThread(Callable<T> work) throws Exception {
    return taskThread.submit(work).get(10, TimeUnit.SECONDS);
  }

  @Test
  void aThreadThePluginLeftRunningIsAFoundLeakWithItsStackAndIsNotStopped() throws Exception {
    TaskGroupResources resources = onTaskThread(() -> new TaskGroupResources(tracker, id, "atoll"));
    assertTrue(resources.threadsTracked());
    assertEquals(Map.of("thread", 1), tracker.report().liveByKind(), "the task group's own thread is registered");
    Thread stray = onTaskThread(() -> startForgottenThread("forgotten"));
    // a shared pool of the node that made its thread on the task group's thread: not the task group's
    onTaskThread(() -> startForgottenThread("atoll-akka.actor.default-blocking-io-dispatcher-9"));

    List<ResourceTracker.Leak> leaks = onTaskThread(() -> resources.end("FINISHED"));

    assertEquals(1, leaks.size(), leaks.toString());
    ResourceTracker.Leak leak = leaks.get(0);
    assertEquals("thread", leak.kind());
    assertEquals(TaskGroupResources.owner(id).toString(), leak.owner());
    assertEquals("task group FINISHED", leak.how());
    assertTrue(leak.description().startsWith("forgotten ("), leak.description());
    assertTrue(leak.outcome().startsWith("left running"), leak.outcome());
    assertTrue(leak.site().stream().anyMatch(f -> f.contains("TaskGroupResourcesTest.lambda$startForgottenThread")
        && f.contains("TaskGroupResourcesTest.java:")), leak.site().toString());
    assertTrue(stray.isAlive(), "a leaked thread is reported, not stopped");
    assertEquals(Map.of("thread", 1L), tracker.report().leaksByKind());
    assertEquals(Map.of(), tracker.report().liveByKind(), "its own thread is released at its end");
    assertEquals(List.of(), resources.end("FINISHED"), "only the first end counts");
  }

  private Thread startForgottenThread(String name) throws InterruptedException {
    CountDownLatch started = new CountDownLatch(1);
    Thread t = new Thread(() -> {
      started.countDown();
      try {
        stop.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, name);
    t.setDaemon(true);
    t.start();
    started.await(10, TimeUnit.SECONDS);
    return t;
  }

  @Test
  void whatThePluginsRegisteredAndStillHoldIsLeakedAndReclaimedThreadsTheyStoppedAreNot() throws Exception {
    TaskGroupResources resources = onTaskThread(() -> new TaskGroupResources(tracker, id, "atoll"));
    AtomicInteger closed = new AtomicInteger();
    ResourceScope scope = resources.scope();
    ResourceScope.Held released = scope.hold("file", "/data/in.csv", closed::incrementAndGet);
    scope.hold("connection", "jdbc:postgresql://db/app", closed::incrementAndGet);
    released.release();
    Thread finished = onTaskThread(() -> {
      Thread t = new Thread(() -> {}, "short-lived");
      t.start();
      return t;
    });
    finished.join(10_000);

    List<ResourceTracker.Leak> leaks = onTaskThread(() -> resources.end("CANCELED"));

    assertEquals(List.of("connection"), leaks.stream().map(ResourceTracker.Leak::kind).toList());
    assertEquals("released by the runtime", leaks.get(0).outcome());
    assertEquals(1, closed.get(), "only the connection still held is closed by the runtime");
    assertTrue(leaks.get(0).site().get(0).contains("TaskGroupResourcesTest"), leaks.get(0).site().toString());
    assertEquals(List.of(), tracker.live(null));
  }

  @Test
  @SuppressWarnings("removal")
  void aTaskThreadGroupGoesAwayWithItsLastThreadSoItsParentDoesNotCollectThem() throws Exception {
    ThreadGroup parent = group.getParent();
    onTaskThread(() -> new TaskGroupResources(tracker, id, "atoll")).end("FINISHED");
    assertFalse(group.isDestroyed());

    taskThread.shutdown();
    assertTrue(taskThread.awaitTermination(10, TimeUnit.SECONDS));
    Thread[] threads = new Thread[4];
    group.enumerate(threads);
    if (threads[0] != null) {
      threads[0].join(10_000); // the pool's thread may still be on its way out
    }

    assertTrue(group.isDestroyed(), "a daemon group is destroyed when its last thread ends");
    ThreadGroup[] children = new ThreadGroup[parent.activeGroupCount() + 8];
    int n = parent.enumerate(children, false);
    assertFalse(java.util.Arrays.asList(children).subList(0, n).contains(group));
  }

  @Test
  void outsideATaskThreadGroupNoThreadIsTrackedButTheScopeIs() {
    TaskGroupResources resources = new TaskGroupResources(tracker, id, "atoll");
    assertFalse(resources.threadsTracked());
    resources.scope().hold("file", "/x", null);

    List<ResourceTracker.Leak> leaks = resources.end("FAILED");

    assertEquals(List.of("file"), leaks.stream().map(ResourceTracker.Leak::kind).toList());
    assertEquals(ResourceOwner.task(7, 1, 2, 0).toString(), leaks.get(0).owner());
  }
}
