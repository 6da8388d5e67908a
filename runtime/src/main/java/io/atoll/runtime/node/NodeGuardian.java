package io.atoll.runtime.node;

import akka.actor.NoSerializationVerificationNeeded;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.SupervisorStrategy;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.cluster.typed.Cluster;
import akka.cluster.typed.ClusterSingleton;
import akka.cluster.typed.ClusterSingletonSettings;
import akka.cluster.typed.Join;
import akka.cluster.typed.SelfUp;
import akka.cluster.typed.SingletonActor;
import akka.cluster.typed.Subscribe;
import akka.http.javadsl.ServerBinding;
import akka.cluster.sharding.typed.javadsl.ClusterSharding;
import akka.cluster.sharding.typed.javadsl.Entity;
import io.atoll.protocol.execution.JobMasterProtocol;
import io.atoll.protocol.job.JobCoordinatorProtocol;
import io.atoll.protocol.resource.ResourceManagerProtocol;
import io.atoll.protocol.resource.SlotServiceProtocol;
import io.atoll.runtime.config.NodeSettings;
import io.atoll.runtime.config.Role;
import io.atoll.runtime.config.SettingsException;
import io.atoll.runtime.http.BuildInfo;
import io.atoll.runtime.http.HttpApi;
import io.atoll.runtime.http.NodeMetricsServer;
import io.atoll.runtime.connector.PluginRegistry;
import io.atoll.runtime.event.Events;
import io.atoll.protocol.event.JobEvent;
import io.atoll.runtime.master.event.EventProcessor;
import io.atoll.runtime.master.job.JobCoordinator;
import io.atoll.runtime.master.job.JobMaster;
import io.atoll.runtime.master.job.PluginSinkSettler;
import io.atoll.runtime.master.job.JobMasters;
import io.atoll.runtime.master.job.LocalJobMasters;
import io.atoll.runtime.master.monitor.ClusterMonitor;
import io.atoll.runtime.master.monitor.CoordinatorJobCounts;
import io.atoll.runtime.worker.execution.TaskExecutor;
import io.atoll.runtime.master.resource.ResourceManager;
import io.atoll.runtime.master.resource.SlotOwnerNotifier;
import io.atoll.runtime.worker.slot.SlotService;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

/**
 * The root actor of a node. It joins the cluster (itself, when no seed nodes are configured), waits
 * until this member is Up, then starts what the node's roles need: on every node the proxies to the
 * ResourceManager and JobCoordinator singletons (which run on the oldest master node) and to the
 * sharded JobMasters (which run on master nodes); on workers the SlotService and the TaskExecutor;
 * on every node the EventForwarder (through {@link Events}), the EventProcessor singleton's proxy
 * and the NodeMonitor; on masters the ClusterMonitor and the REST API.
 *
 * <p>If the REST API cannot bind (port in use), the node stops: a master without its API is not what
 * the operator asked for. When the node's ActorSystem terminates, everything here goes with it; the
 * singleton moves to the next oldest master node. If the cluster downed the node, {@link AtollNode}
 * starts a new ActorSystem with a new guardian, which joins again as a new incarnation.
 */
public final class NodeGuardian {

  /** Messages of the guardian; local only. */
  public interface Command extends NoSerializationVerificationNeeded {}

  /** What the running node offers to the program that started it. */
  public record Node(
      String address,
      ActorRef<ResourceManagerProtocol> resourceManager,
      ActorRef<JobCoordinatorProtocol> jobCoordinator,
      Optional<ActorRef<SlotServiceProtocol>> slotService,
      Optional<InetSocketAddress> httpAddress) {}

  private enum Up implements Command {
    INSTANCE
  }

  private record HttpResult(ServerBinding binding, Throwable failure) implements Command {}

  private record MetricsServerResult(ServerBinding binding, Throwable failure) implements Command {}

  public static final String RESOURCE_MANAGER_NAME = "resource-manager";
  public static final String JOB_COORDINATOR_NAME = "job-coordinator";
  public static final String EVENT_PROCESSOR_NAME = "event-processor";

  private NodeGuardian() {}

  /**
   * @param restarts how often this node's process has started an ActorSystem again after the cluster
   *     removed it (see {@link AtollNode}), for the NodeMonitor
   * @param ready completed with the {@link Node} once every actor runs, or exceptionally if the node
   *     cannot start
   */
  public static Behavior<Command> create(
      NodeSettings settings, PluginRegistry plugins, Optional<SlotOwnerNotifier> notifierOverride,
      LongSupplier restarts, CompletableFuture<Node> ready) {
    return Behaviors.setup(context -> {
      if (!settings.clustered()) {
        // a local run: every role in this process, no cluster to form
        return startRoles(context, settings, plugins, notifierOverride, restarts, ready);
      }
      Cluster cluster = Cluster.get(context.getSystem());
      cluster.subscriptions().tell(Subscribe.create(context.messageAdapter(SelfUp.class, up -> Up.INSTANCE), SelfUp.class));
      if (settings.seedNodes().isEmpty()) {
        context.getLog().info("no seed nodes configured: forming a cluster of my own");
        cluster.manager().tell(Join.create(cluster.selfMember().address()));
      }
      return Behaviors.receive(Command.class)
          .onMessageEquals(Up.INSTANCE, () -> startRoles(context, settings, plugins, notifierOverride, restarts, ready))
          .build();
    });
  }

  private static Behavior<Command> startRoles(
      ActorContext<Command> context, NodeSettings settings, PluginRegistry plugins,
      Optional<SlotOwnerNotifier> notifierOverride, LongSupplier restarts, CompletableFuture<Node> ready) {
    String self;
    if (settings.clustered()) {
      self = Cluster.get(context.getSystem()).selfMember().address().toString();
      context.getLog().info("member {} is up with roles {}", self, settings.role().clusterRoles());
    } else {
      self = context.getSystem().address().toString();
      context.getLog().info("local node {} starting with roles {} (akka.actor.provider = local: no cluster)",
          self, settings.role().clusterRoles());
    }
    context.spawn(NodeMonitor.create(self, List.copyOf(new TreeSet<>(settings.role().clusterRoles())), restarts),
        NodeMonitor.NAME);
    LocalJobMasters localJobMasters = settings.clustered() ? null : new LocalJobMasters(context.getSystem());
    JobMasters jobMasters = settings.clustered() ? JobMasters.sharded(context.getSystem()) : localJobMasters;
    // Slots lost with a worker are reported to their job's JobMaster, wherever sharding runs it.
    SlotOwnerNotifier toJobs = notifierOverride.orElse(notice -> jobMasters.forJob(notice.job().value())
        .tell(new JobMasterProtocol.WorkerLostNotice(notice)));
    Events events = Events.get(context.getSystem()); // starts this node's EventForwarder
    SlotOwnerNotifier notifier = notice -> {
      events.publish(JobEvent.workerLost(notice.job().value(), notice.worker(), notice.reason()));
      toJobs.workerLost(notice);
    };
    // Forwarded events are stored and reported by one processor, on the oldest master node.
    singleton(context, settings, EventProcessor.create(settings.events(), events.counters()), EVENT_PROCESSOR_NAME);
    ActorRef<ResourceManagerProtocol> resourceManager = singleton(context, settings,
        ResourceManager.create(settings.resourceManager(), notifier, settings.clustered()), RESOURCE_MANAGER_NAME);
    ActorRef<JobCoordinatorProtocol> jobCoordinator = singleton(context, settings,
        JobCoordinator.create(settings.job(), settings.coordinator(), jobMasters, resourceManager), JOB_COORDINATOR_NAME);
    LocalJobMasters.Factory jobMaster = (jobId, shard) -> JobMaster.create(jobId, settings.job(), resourceManager,
        jobCoordinator, slot -> TaskExecutor.of(context.getSystem(), slot), shard, new PluginSinkSettler(plugins));
    if (settings.clustered()) {
      // Job masters are remembered entities (atoll-akka.conf): after a master restart sharding starts
      // every one whose job had not ended, and each recovers its state from the journal.
      ClusterSharding.get(context.getSystem()).init(
          Entity.of(JobMaster.TYPE_KEY, entity -> jobMaster.create(Long.parseLong(entity.getEntityId()), entity.getShard()))
              .withRole(Role.MASTER_ROLE));
    } else {
      localJobMasters.start(jobMaster);
    }

    Optional<ActorRef<SlotServiceProtocol>> slotService = Optional.empty();
    if (settings.role().isWorker()) {
      // The TaskExecutor first: the SlotService stamps its ref on every slot and tells it every grant.
      var taskExecutor = context.spawn(
          TaskExecutor.create(plugins, jobMasters, settings.job().metricsInterval()), TaskExecutor.NAME);
      slotService = Optional.of(context.spawn(
          SlotService.create(settings.slotService(), self, resourceManager, taskExecutor), "slot-service").narrow());
    }
    if (!settings.role().isMaster()) {
      return withoutRestApi(context, settings, new Node(self, resourceManager, jobCoordinator, slotService, Optional.empty()), ready);
    }
    context.spawn(ClusterMonitor.create(settings.clusterMonitor(), resourceManager,
        new CoordinatorJobCounts(jobCoordinator, settings.http().askTimeout(), context.getSystem().scheduler())),
        "cluster-monitor");
    if (!settings.http().enabled()) {
      return withoutRestApi(context, settings, new Node(self, resourceManager, jobCoordinator, slotService, Optional.empty()), ready);
    }
    context.pipeToSelf(
        HttpApi.start(context.getSystem(), settings.http(), resourceManager, jobCoordinator, plugins, BuildInfo.load()),
        HttpResult::new);
    Optional<ActorRef<SlotServiceProtocol>> slots = slotService;
    return Behaviors.receive(Command.class)
        .onMessage(HttpResult.class, result -> onHttp(context, settings, result, new Node(self, resourceManager, jobCoordinator, slots, Optional.empty()), ready))
        .build();
  }

  /**
   * A master's singleton, supervised (restarted with a backoff): in a cluster one for the whole
   * cluster, on the oldest master, reached through a proxy; without a cluster a child of this guardian.
   */
  private static <T> ActorRef<T> singleton(
      ActorContext<Command> context, NodeSettings settings, Behavior<T> behavior, String name) {
    Behavior<T> supervised = Behaviors.supervise(behavior)
        .onFailure(SupervisorStrategy.restartWithBackoff(Duration.ofMillis(200), Duration.ofSeconds(10), 0.2));
    if (!settings.clustered()) {
      return context.spawn(supervised, name);
    }
    return ClusterSingleton.get(context.getSystem()).init(SingletonActor.of(supervised, name)
        .withSettings(ClusterSingletonSettings.create(context.getSystem()).withRole(Role.MASTER_ROLE)));
  }

  /** A node without the REST API serves its own metrics when {@code atoll.metrics-server.enabled}. */
  private static Behavior<Command> withoutRestApi(
      ActorContext<Command> context, NodeSettings settings, Node node, CompletableFuture<Node> ready) {
    if (!settings.metricsServer().enabled()) {
      ready.complete(node);
      return Behaviors.empty();
    }
    context.pipeToSelf(NodeMetricsServer.start(context.getSystem(), settings.metricsServer(), settings.http()),
        MetricsServerResult::new);
    return Behaviors.receive(Command.class)
        .onMessage(MetricsServerResult.class, result -> onMetricsServer(context, settings, result, node, ready))
        .build();
  }

  private static Behavior<Command> onMetricsServer(ActorContext<Command> context, NodeSettings settings,
      MetricsServerResult result, Node node, CompletableFuture<Node> ready) {
    if (result.failure() != null) {
      String message = "metrics server cannot listen on " + settings.metricsServer().host() + ":"
          + settings.metricsServer().port() + " (" + result.failure().getMessage()
          + "); choose another atoll.metrics-server.port or turn it off";
      context.getLog().error(message);
      ready.completeExceptionally(new IllegalStateException(message, result.failure()));
      context.getSystem().terminate();
      return Behaviors.stopped();
    }
    ready.complete(node);
    return Behaviors.empty();
  }

  private static Behavior<Command> onHttp(
      ActorContext<Command> context, NodeSettings settings, HttpResult result, Node node, CompletableFuture<Node> ready) {
    if (result.failure() != null) {
      Throwable failure = result.failure() instanceof java.util.concurrent.CompletionException wrapped
          && wrapped.getCause() != null ? wrapped.getCause() : result.failure();
      String message = failure instanceof SettingsException
          ? failure.getMessage() // the API's settings, not the port: say what to set
          : "REST API cannot listen on " + settings.http().host() + ":" + settings.http().port()
              + " (" + result.failure().getMessage() + "); choose another port with --http-port";
      context.getLog().error(message);
      ready.completeExceptionally(new IllegalStateException(message, result.failure()));
      context.getSystem().terminate();
      return Behaviors.stopped();
    }
    InetSocketAddress address = result.binding().localAddress();
    ready.complete(new Node(node.address(), node.resourceManager(), node.jobCoordinator(), node.slotService(), Optional.of(address)));
    return Behaviors.empty();
  }
}
