package io.atoll.runtime.worker.execution;

import akka.dispatch.Dispatcher;
import akka.dispatch.DispatcherPrerequisites;
import akka.dispatch.ExecutorServiceFactoryProvider;
import akka.dispatch.MessageDispatcher;
import akka.dispatch.MessageDispatcherConfigurator;
import com.typesafe.config.Config;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import scala.concurrent.duration.Duration;
import scala.concurrent.duration.FiniteDuration;

/**
 * The task dispatcher ({@code atoll.task-dispatcher}, {@code type} = this class): like Akka's
 * PinnedDispatcher, every task group actor gets a dispatcher and a thread of its own, but that
 * thread lives in a {@link TaskThreadGroup} of its own too. Threads a plugin starts from the task
 * group's code inherit that group, so when the task group ends the ones still running are found
 * there and reported as leaks ({@link TaskGroupResources}). The thread ends
 * {@code shutdown-timeout} after its actor stopped, as a pinned one does. Its executors are counted
 * in {@link TaskDispatcherStats} ({@code job_thread_pool_*} in {@code GET /metrics}).
 */
public final class TaskGroupDispatcher extends MessageDispatcherConfigurator {
  private final String id;
  private final int throughput;
  private final FiniteDuration shutdownTimeout;
  private final ClassLoader runtimeLoader;
  private final TaskDispatcherStats stats;

  public TaskGroupDispatcher(Config config, DispatcherPrerequisites prerequisites) {
    super(config, prerequisites);
    this.id = config.getString("id");
    this.throughput = config.getInt("throughput");
    this.shutdownTimeout = Duration.create(config.getDuration("shutdown-timeout").toMillis(), TimeUnit.MILLISECONDS);
    this.runtimeLoader = prerequisites.dynamicAccess().classLoader();
    this.stats = TaskDispatcherStats.of(prerequisites.settings());
  }

  /** Akka asks once per actor spawned on this dispatcher: each gets its own. */
  @Override
  public MessageDispatcher dispatcher() {
    TaskThreadGroup group = new TaskThreadGroup();
    ExecutorServiceFactoryProvider oneThread = (name, ignored) -> () -> {
      ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
          group.factory(runtimeLoader), stats.rejectionCounter());
      stats.register(executor);
      return executor;
    };
    return new Dispatcher(this, id, throughput, Duration.Zero(), oneThread, shutdownTimeout);
  }
}
