package io.atoll.runtime.connector;

import akka.actor.typed.ActorSystem;
import com.typesafe.config.Config;
import io.atoll.runtime.resource.LeakDetectionLevel;
import io.atoll.runtime.resource.ResourceTracker;
import io.atoll.runtime.resource.ResourceTrackers;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker's per-job plugin class loaders: the first task group of a job on this worker opens the
 * job's {@link JobPlugins}, the others share it, and the last one to end closes it. Then, after
 * {@code atoll.leak-detection.classloader-check-after}, a live thread that still holds the closed
 * loader (see {@link ClassLoaderHolders}) is reported to the tracker as a {@code classloader} leak of
 * the job, with the thread's name and stack as its site (the name only at level {@code off}); a
 * loader nothing visible holds is left to the garbage collector.
 *
 * <p>Confined to the actor that holds it (the TaskExecutor); the delayed checks only read the
 * threads and write to the thread-safe tracker.
 */
public final class JobPluginLoaders {
  public static final String CHECK_AFTER = "atoll.leak-detection.classloader-check-after";
  private static final Duration DEFAULT_CHECK_AFTER = Duration.ofSeconds(5);
  private static final Logger log = LoggerFactory.getLogger(JobPluginLoaders.class);

  private final PluginRegistry registry;
  private final ResourceTracker tracker;
  private final Duration checkAfter;
  private final BiConsumer<Duration, Runnable> schedule;
  private final Map<Long, Open> open = new HashMap<>();

  private static final class Open {
    final JobPlugins plugins;
    int taskGroups;

    Open(JobPlugins plugins) {
      this.plugins = plugins;
    }
  }

  /**
   * @param schedule runs a check once after a delay
   */
  JobPluginLoaders(PluginRegistry registry, ResourceTracker tracker, Duration checkAfter,
      BiConsumer<Duration, Runnable> schedule) {
    this.registry = registry;
    this.tracker = tracker;
    this.checkAfter = checkAfter;
    this.schedule = schedule;
  }

  /** The loaders of the node of {@code system}, its tracker and {@value #CHECK_AFTER}. */
  public static JobPluginLoaders of(ActorSystem<?> system, PluginRegistry registry) {
    Config config = system.settings().config();
    Duration checkAfter = config.hasPath(CHECK_AFTER) ? config.getDuration(CHECK_AFTER) : DEFAULT_CHECK_AFTER;
    return new JobPluginLoaders(registry, ResourceTrackers.get(system), checkAfter,
        (delay, check) -> scheduleOnce(system, delay, check));
  }

  private static void scheduleOnce(ActorSystem<?> system, Duration delay, Runnable check) {
    try {
      system.scheduler().scheduleOnce(delay, check, system.executionContext());
    } catch (IllegalStateException stopping) {
      // the scheduler is shut down: the node stops, and its tracker reports what the node still holds
      log.debug("node stopping: no class loader leak check ({})", stopping.getMessage());
    }
  }

  /**
   * A task group of {@code jobId} starts here: the job's plugins, opened if it is the first.
   *
   * @throws IllegalStateException when the job's loader cannot load the plugin jars' factories
   */
  public JobPlugins taskGroupStarted(long jobId) {
    Open job = open.get(jobId);
    if (job == null) {
      job = new Open(registry.forJob(jobId, tracker));
      open.put(jobId, job);
    }
    job.taskGroups++;
    return job.plugins;
  }

  /** A task group of {@code jobId} ended here; the job's last one closes the job's loader. */
  public void taskGroupEnded(long jobId) {
    Open job = open.get(jobId);
    if (job == null) {
      log.error("a task group of job {} ended that this worker's plugin loaders did not count as started", jobId);
      return;
    }
    if (--job.taskGroups > 0) {
      return;
    }
    open.remove(jobId);
    job.plugins.close().ifPresent(closed -> {
      logFailure(closed);
      schedule.accept(checkAfter, () -> check(closed));
    });
  }

  /** The worker stops: every loader is closed, unchecked (the tracker reports what the node still holds). */
  public void closeAll() {
    open.values().forEach(job -> job.plugins.close().ifPresent(JobPluginLoaders::logFailure));
    open.clear();
  }

  /** Jobs with a loader open here; for tests and diagnostics. */
  public List<Long> jobs() {
    return open.keySet().stream().sorted().toList();
  }

  private static void logFailure(JobPlugins.Closed closed) {
    if (closed.closeFailure() != null) {
      log.warn("closing plugin class loader {} failed: {}; its jar files may stay open", closed.name(),
          closed.closeFailure());
    }
  }

  /** Runs {@link #checkAfter} after a close. */
  void check(JobPlugins.Closed closed) {
    ClassLoader loader = closed.loader().get();
    if (loader == null) {
      log.debug("plugin class loader {} was collected", closed.name());
      return;
    }
    List<ClassLoaderHolders.Holder> holders = ClassLoaderHolders.of(loader);
    if (holders.isEmpty()) {
      log.debug("plugin class loader {} is closed and not collected yet; no live thread holds it", closed.name());
      return;
    }
    String names = holders.stream().map(h -> "'" + h.thread() + "'").collect(Collectors.joining(", "));
    List<String> site = holders.get(0).site();
    // at level off no stacks are kept: the thread's name and why it holds the loader only
    tracker.leaked(closed.entry(), tracker.level() == LeakDetectionLevel.OFF ? site.subList(0, 1) : site,
        "closed, but live thread(s) " + names + " keep it reachable; the runtime cannot stop them:"
            + " the plugin must stop the threads it starts",
        "still reachable " + checkAfter.toMillis() + " ms after the job's last task group ended on this worker");
  }
}
