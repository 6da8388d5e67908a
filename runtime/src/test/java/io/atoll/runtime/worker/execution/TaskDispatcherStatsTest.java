package io.atoll.runtime.worker.execution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.NoSerializationVerificationNeeded;
import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.DispatcherSelector;
import akka.actor.typed.javadsl.Behaviors;
import io.atoll.runtime.testing.TestConfigs;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The task dispatcher's executors seen as one pool ({@code job_thread_pool_*}): a task group that
 * runs shows as a live, active thread; when it ends its thread goes and its runs stay counted.
 */
class TaskDispatcherStatsTest {
  private static final ActorTestKit testKit = ActorTestKit.create("TaskDispatcherStatsTest", TestConfigs.base());

  /** Stands in for a task group whose connector code blocks its thread until released. */
  private record Block(CountDownLatch entered, CountDownLatch release) implements NoSerializationVerificationNeeded {}

  private static Behavior<Block> taskGroup() {
    return Behaviors.receive(Block.class).onMessage(Block.class, block -> {
      block.entered().countDown();
      if (!block.release().await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the test never released this task group");
      }
      return Behaviors.same();
    }).build();
  }

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  @Test
  void aRunningTaskGroupIsALiveActiveThreadAndItsRunsStayCountedAfterItEnds() throws Exception {
    TaskDispatcherStats stats = TaskDispatcherStats.of(testKit.system().classicSystem().settings());
    TaskDispatcherStats.Snapshot before = stats.snapshot();
    ActorRef<Block> group = testKit.spawn(taskGroup(), DispatcherSelector.fromConfig(TaskExecutor.DISPATCHER));
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    group.tell(new Block(entered, release));
    assertTrue(entered.await(10, TimeUnit.SECONDS), "the task group never ran");

    TaskDispatcherStats.Snapshot running = stats.snapshot();
    assertEquals(before.poolSize() + 1, running.poolSize(), "its own thread: " + running);
    assertEquals(before.activeCount() + 1, running.activeCount(), "running now: " + running);
    assertTrue(running.tasks() > before.tasks(), "its run was submitted: " + running);

    release.countDown();
    testKit.stop(group);
    testKit.createTestProbe().awaitAssert(Duration.ofSeconds(10), () -> {
      TaskDispatcherStats.Snapshot ended = stats.snapshot();
      assertEquals(before.poolSize(), ended.poolSize(), "its thread ends shutdown-timeout after it: " + ended);
      assertEquals(before.activeCount(), ended.activeCount(), ended.toString());
      assertTrue(ended.completedTasks() > before.completedTasks(), "its runs stay counted: " + ended);
      assertTrue(ended.tasks() >= ended.completedTasks(), ended.toString());
      assertEquals(0, ended.rejections(), ended.toString());
      return null;
    });
  }

  @Test
  void eachActorSystemHasItsOwnFigures() {
    ActorTestKit other = ActorTestKit.create("OtherSystem", TestConfigs.base());
    try {
      assertTrue(TaskDispatcherStats.of(other.system().classicSystem().settings())
          != TaskDispatcherStats.of(testKit.system().classicSystem().settings()));
      assertTrue(TaskDispatcherStats.of(other.system().classicSystem().settings())
          == TaskDispatcherStats.of(other.system().classicSystem().settings()));
    } finally {
      other.shutdownTestKit();
    }
  }
}
