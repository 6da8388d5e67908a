package io.atoll.runtime.master.monitor;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.SupervisorStrategy;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.javadsl.TimerScheduler;
import io.atoll.protocol.resource.ClusterResources;
import io.atoll.protocol.resource.ResourceManagerProtocol;
import io.atoll.runtime.config.ClusterMonitorSettings;
import java.time.Duration;

/**
 * Logs one line about the cluster every {@code print-execution-info-interval}: live workers, slots,
 * free slots and job counts, as SeaTunnel's coordinator service prints its execution info.
 *
 * <p>One per master node, started by the node's guardian. Nobody sends it messages: its own timer
 * ticks, and it asks the ResourceManager singleton (through the proxy it was given) and the
 * {@link JobCountsSource}. It waits at most one print interval for an answer, so a missing
 * ResourceManager (no active master yet, failover in progress) costs one WARN line per interval,
 * never a pile of outstanding asks.
 *
 * <p>It keeps no state. If it fails it is restarted in place; if its node crashes it goes with the
 * node and the monitors of the other master nodes keep printing.
 */
public final class ClusterMonitor extends AbstractBehavior<ClusterMonitor.Command> {

  /** Only the monitor sends itself these. */
  public sealed interface Command {}

  private enum Tick implements Command { INSTANCE }

  private record ResourcesAnswered(ClusterResources resources) implements Command {}

  private record ResourcesUnavailable(Throwable cause) implements Command {}

  private record JobCountsAnswered(ClusterResources resources, JobCounts jobs) implements Command {}

  private record JobCountsUnavailable(ClusterResources resources, Throwable cause)
      implements Command {}

  private final ActorRef<ResourceManagerProtocol> resourceManager;
  private final JobCountsSource jobCounts;
  private final Duration askTimeout;

  /** A monitor that reports zero jobs until a {@link JobCountsSource} is plugged in. */
  public static Behavior<Command> create(
      ClusterMonitorSettings settings, ActorRef<ResourceManagerProtocol> resourceManager) {
    return create(settings, resourceManager, JobCountsSource.none());
  }

  public static Behavior<Command> create(
      ClusterMonitorSettings settings,
      ActorRef<ResourceManagerProtocol> resourceManager,
      JobCountsSource jobCounts) {
    Behavior<Command> monitor =
        Behaviors.setup(
            context ->
                Behaviors.withTimers(
                    timers -> new ClusterMonitor(context, timers, settings, resourceManager, jobCounts)));
    return Behaviors.supervise(monitor).onFailure(SupervisorStrategy.restart());
  }

  private ClusterMonitor(
      ActorContext<Command> context,
      TimerScheduler<Command> timers,
      ClusterMonitorSettings settings,
      ActorRef<ResourceManagerProtocol> resourceManager,
      JobCountsSource jobCounts) {
    super(context);
    this.resourceManager = resourceManager;
    this.jobCounts = jobCounts;
    // An answer that arrives after the next tick would describe a stale cluster: give up by then.
    this.askTimeout = settings.printInterval();
    context.setLoggerName(ClusterMonitor.class);
    timers.startTimerWithFixedDelay(Tick.INSTANCE, settings.printInterval());
    context.getLog().info("cluster monitor prints a summary every {}", human(settings.printInterval()));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessageEquals(Tick.INSTANCE, this::onTick)
        .onMessage(ResourcesAnswered.class, this::onResources)
        .onMessage(ResourcesUnavailable.class, this::onResourcesUnavailable)
        .onMessage(JobCountsAnswered.class, this::onJobCounts)
        .onMessage(JobCountsUnavailable.class, this::onJobCountsUnavailable)
        .build();
  }

  private Behavior<Command> onTick() {
    getContext()
        .ask(
            ClusterResources.class,
            resourceManager,
            askTimeout,
            ResourceManagerProtocol.GetClusterResources::new,
            (resources, failure) ->
                resources != null
                    ? new ResourcesAnswered(resources)
                    : new ResourcesUnavailable(failure));
    return this;
  }

  private Behavior<Command> onResources(ResourcesAnswered answered) {
    getContext()
        .pipeToSelf(
            jobCounts.current(),
            (jobs, failure) ->
                jobs != null
                    ? new JobCountsAnswered(answered.resources(), jobs)
                    : new JobCountsUnavailable(answered.resources(), failure));
    return this;
  }

  private Behavior<Command> onResourcesUnavailable(ResourcesUnavailable unavailable) {
    getContext()
        .getLog()
        .warn(
            "cluster: resource manager did not answer within {} ({}); is a master node up?",
            human(askTimeout),
            unavailable.cause().toString());
    return this;
  }

  private Behavior<Command> onJobCounts(JobCountsAnswered answered) {
    getContext().getLog().info("{}", summary(answered.resources(), answered.jobs()));
    return this;
  }

  private Behavior<Command> onJobCountsUnavailable(JobCountsUnavailable unavailable) {
    getContext()
        .getLog()
        .warn(
            "{}, job counts unavailable ({})",
            resourceSummary(unavailable.resources()),
            unavailable.cause().toString());
    return this;
  }

  /**
   * The summary line, e.g. {@code cluster: 2 workers, 4 slots (3 free), jobs running 0 pending 0
   * finished 0 failed 0 cancelled 0}.
   */
  public static String summary(ClusterResources resources, JobCounts jobs) {
    return resourceSummary(resources)
        + ", jobs running " + jobs.running()
        + " pending " + jobs.pending()
        + " finished " + jobs.finished()
        + " failed " + jobs.failed()
        + " cancelled " + jobs.cancelled();
  }

  /** The cluster part of the summary line, e.g. {@code cluster: 1 worker, 2 slots (0 free)}. */
  public static String resourceSummary(ClusterResources resources) {
    int workers = resources.workers().size();
    int slots = resources.totalSlots();
    return "cluster: " + workers + (workers == 1 ? " worker, " : " workers, ")
        + slots + (slots == 1 ? " slot (" : " slots (")
        + resources.unassignedSlots() + " free)";
  }

  private static String human(Duration d) {
    long millis = d.toMillis();
    return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
  }
}
