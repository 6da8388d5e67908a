package io.atoll.runtime.worker.execution;

import akka.actor.ActorSystem;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the task dispatcher ({@link TaskGroupDispatcher}) of one ActorSystem runs: its single-thread
 * executors, one per task group, seen together as one pool (SeaTunnel's {@code job_thread_pool_*}).
 * Executors are forgotten once terminated, their completed and submitted task counts kept in totals,
 * so a long-lived worker holds only its live task groups' executors.
 */
public final class TaskDispatcherStats {
  /** Keyed by the system's settings: the dispatcher configurator sees only those of its system. */
  private static final Map<ActorSystem.Settings, TaskDispatcherStats> BY_SYSTEM = new WeakHashMap<>();

  private final Set<ThreadPoolExecutor> live = ConcurrentHashMap.newKeySet();
  private final LongAdder retiredCompleted = new LongAdder();
  private final LongAdder retiredTasks = new LongAdder();
  private final LongAdder rejected = new LongAdder();

  /**
   * The pool as it is now: task-group threads alive and running, runnables (mailbox runs) waiting,
   * and totals since the node started.
   */
  public record Snapshot(int poolSize, int activeCount, long queued, long completedTasks, long tasks, long rejections) {}

  TaskDispatcherStats() {}

  public static TaskDispatcherStats of(ActorSystem.Settings settings) {
    synchronized (BY_SYSTEM) {
      return BY_SYSTEM.computeIfAbsent(settings, s -> new TaskDispatcherStats());
    }
  }

  /** Counts a rejected run, then rejects it as the default policy does. */
  RejectedExecutionHandler rejectionCounter() {
    ThreadPoolExecutor.AbortPolicy abort = new ThreadPoolExecutor.AbortPolicy();
    return (runnable, executor) -> {
      rejected.increment();
      abort.rejectedExecution(runnable, executor);
    };
  }

  /** A new task group's executor; the terminated ones are swept out here as well as at a snapshot. */
  void register(ThreadPoolExecutor executor) {
    sweep();
    live.add(executor);
  }

  public synchronized Snapshot snapshot() {
    sweep();
    int poolSize = 0;
    int active = 0;
    long queued = 0;
    long completed = retiredCompleted.sum();
    long tasks = retiredTasks.sum();
    for (ThreadPoolExecutor e : live) {
      poolSize += e.getPoolSize();
      active += e.getActiveCount();
      queued += e.getQueue().size();
      completed += e.getCompletedTaskCount();
      tasks += e.getTaskCount();
    }
    return new Snapshot(poolSize, active, queued, completed, tasks, rejected.sum());
  }

  private synchronized void sweep() {
    live.removeIf(e -> {
      if (!e.isTerminated()) {
        return false;
      }
      retiredCompleted.add(e.getCompletedTaskCount());
      retiredTasks.add(e.getTaskCount());
      return true;
    });
  }
}
