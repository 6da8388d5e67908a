package io.atoll.runtime.node;

import akka.Done;
import akka.actor.CoordinatedShutdown;
import akka.actor.typed.ActorSystem;
import akka.cluster.typed.Cluster;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueFactory;
import io.atoll.persistence.DataDirectory;
import io.atoll.persistence.JournalCheck;
import io.atoll.persistence.JournalDatabase;
import io.atoll.persistence.NativeLevelDb;
import io.atoll.persistence.PersistenceConfig;
import io.atoll.persistence.PersistenceSettings;
import io.atoll.runtime.client.JobClient;
import io.atoll.runtime.config.ClusterTlsSettings;
import io.atoll.runtime.config.NodeConfig;
import io.atoll.runtime.config.NodeSettings;
import io.atoll.runtime.config.RejoinSettings;
import io.atoll.runtime.connector.PluginRegistry;
import io.atoll.runtime.master.resource.SlotOwnerNotifier;
import io.atoll.runtime.resource.ResourceOwner;
import io.atoll.runtime.resource.ResourceTracker;
import io.atoll.runtime.resource.ResourceTrackers;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The entry point for running an Atoll node inside another JVM program, and the one the command line
 * uses too.
 *
 * <pre>{@code
 * Config config = ConfigFactory.parseString("atoll.node.role = hybrid\natoll.http.port = 0");
 * AtollNode node = AtollNode.start(config);
 * NodeGuardian.Node running = node.ready().toCompletableFuture().get(60, SECONDS);
 * JobClient jobs = node.jobClient().toCompletableFuture().get();
 * JobSummary result = jobs.run(Path.of("job.conf"), Map.of()).toCompletableFuture().get();
 * node.stop();
 * }</pre>
 *
 * <p>The node locks its data directory for as long as its ActorSystem runs, so two nodes can never
 * share one LevelDB journal (with the JDBC journal the lock still keeps two nodes off one data dir).
 *
 * <p><b>Rejoining.</b> An ActorSystem removed from its cluster cannot join again: Akka only lets a
 * new incarnation in. So when the cluster downs this node (the Split Brain Resolver found it in the
 * minority, or an operator downed it), its ActorSystem terminates through coordinated shutdown and
 * this object starts a fresh one in the same process, with the same config, ports and data dir,
 * which joins through the seed nodes as a new incarnation. The old system's resources are released
 * first: its ports and the LevelDB journal close when it terminates, the event spill file is closed by
 * its termination hook, and the data dir lock is released here before the next system is created.
 * Restarts are bounded by {@code atoll.node.rejoin} ({@link RestartBudget}) and counted in
 * {@link #restarts()} (kept here, outside the ActorSystems, so it survives them; reported in
 * {@code GET /metrics} as {@code atoll_node_restarts_total}). Past the bound, or with rejoining
 * switched off, the node ends as it always did: {@link #terminated()} completes with exit status 1.
 * A requested stop ({@link #stop()}, SIGTERM through the JVM shutdown hook, an operator's Leave) is
 * never undone by a restart.
 */
public final class AtollNode {
  private static final Logger LOG = LoggerFactory.getLogger(AtollNode.class);
  /** How long past Akka's actor-system-terminate phase timeout a node waits for its ActorSystem to end. */
  private static final Duration TERMINATION_GRACE = Duration.ofSeconds(5);

  /**
   * How a node ended for good.
   *
   * @param exitCode the process exit status it stands for: 0 for a requested stop, 1 for a node the
   *     cluster removed and that did not (or may no longer) rejoin
   * @param reason what happened, for the log and the operator
   */
  public record Exit(int exitCode, String reason) {}

  /** One ActorSystem of this node; {@code number} 0 is the first, each restart the next. */
  private record Incarnation(
      int number, ActorSystem<NodeGuardian.Command> system, NodeSettings settings,
      CompletableFuture<NodeGuardian.Node> ready, CompletionStage<TerminationWatch.Ending> stopped) {}

  private final RejoinSettings rejoin;
  private final PluginRegistry plugins;
  private final Optional<SlotOwnerNotifier> notifier;
  private final RestartBudget budget;
  private final AtomicLong restarts = new AtomicLong();
  private final CompletableFuture<Exit> terminated = new CompletableFuture<>();
  /** The config every incarnation starts from; ports the OS chose get pinned into it. */
  private final AtomicReference<Config> config;
  // written under this object's lock
  private volatile Incarnation current;
  private boolean stopRequested;

  private AtollNode(Config config, RejoinSettings rejoin, PluginRegistry plugins, Optional<SlotOwnerNotifier> notifier) {
    this.config = new AtomicReference<>(config);
    this.rejoin = rejoin;
    this.plugins = plugins;
    this.notifier = notifier;
    this.budget = new RestartBudget(rejoin);
  }

  /**
   * Starts a node from a user config: {@code atoll.*} keys and any {@code akka.*} overrides. Roles,
   * storage paths and Atoll's Akka defaults are filled in (see {@link NodeConfig#derive}).
   *
   * @throws io.atoll.runtime.config.SettingsException for an invalid setting
   * @throws io.atoll.persistence.DataDirectoryException if the data dir cannot be used (locked,
   *     another format version, a journal that cannot be opened)
   * @throws io.atoll.persistence.JournalDatabaseException if a master's shared journal database
   *     cannot be reached or its tables cannot be created
   */
  public static AtollNode start(Config userConfig) {
    return startResolved(NodeConfig.derive(userConfig));
  }

  /**
   * As {@link #start(Config)}, but lost-slot notices go to {@code notifier} instead of the jobs'
   * JobMasters (for tests and programs that watch slot loss themselves).
   */
  public static AtollNode start(Config userConfig, SlotOwnerNotifier notifier) {
    return startResolved(NodeConfig.derive(userConfig), Optional.of(notifier));
  }

  /** Starts a node from a config already assembled by {@link NodeConfig}. */
  public static AtollNode startResolved(Config config) {
    return startResolved(config, Optional.empty());
  }

  private static AtollNode startResolved(Config config, Optional<SlotOwnerNotifier> notifier) {
    NodeSettings settings = NodeSettings.fromConfig(config);
    if (settings.clustered()) {
      logClusterTraffic(config, settings);
    }
    RejoinSettings rejoin = RejoinSettings.fromConfig(config.getConfig("atoll"));
    PluginRegistry plugins = PluginRegistry.load(Optional.of(settings.pluginsDir()));
    AtollNode node = new AtollNode(config, rejoin, plugins, notifier);
    synchronized (node) {
      node.current = node.launch(0, settings);
      node.watch(node.current);
    }
    return node;
  }

  /**
   * Whether this node's cluster traffic is protected, said once at start (Artery's own line about its
   * transport is below the level Atoll logs it at). Plain TCP on an interface other than loopback is
   * a warning: any process that reaches the port can join and run task groups.
   */
  private static void logClusterTraffic(Config config, NodeSettings settings) {
    String bind = config.getString("akka.remote.artery.bind.hostname");
    String listens = bind.isBlank() ? settings.host() : bind;
    String address = settings.host() + ":" + settings.port();
    ClusterTlsSettings tls = ClusterTlsSettings.fromConfig(config.getConfig("atoll"));
    if (tls.enabled()) {
      LOG.info("cluster traffic on {}: TLS with mutual authentication ({})", address, tls.summary());
    } else if ("tls-tcp".equals(config.getString("akka.remote.artery.transport"))) {
      LOG.info("cluster traffic on {}: TLS as configured in akka.remote.artery.ssl", address);
    } else if (listens.equals("localhost") || listens.startsWith("127.") || listens.equals("::1")) {
      LOG.info("cluster traffic on {}: plain TCP on loopback (atoll.cluster.tls is off)", address);
    } else {
      LOG.warn("cluster traffic on {} (listening on {}) is plain TCP: any process that reaches it can join the"
          + " cluster as a worker and run its jobs' task groups; atoll.cluster.tls turns on TLS with mutual"
          + " authentication (README: Cluster security)", address, listens);
    }
  }

  /** Locks the data dir, checks a master's journal, and starts one ActorSystem. */
  private Incarnation launch(int number, NodeSettings settings) {
    Config config = this.config.get();
    DataDirectory dataDir = DataDirectory.open(settings.dataDir());
    if (settings.role().isMaster()) {
      try {
        checkJournal(config, settings.persistence());
      } catch (RuntimeException e) {
        dataDir.close();
        throw e;
      }
    }
    CompletableFuture<NodeGuardian.Node> ready = new CompletableFuture<>();
    long launched = System.currentTimeMillis();
    ready.thenAccept(node -> LOG.info("{} node {} ready in {} ms ({} ms since the JVM started)",
        settings.role(), node.address(), System.currentTimeMillis() - launched,
        System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime()));
    ActorSystem<NodeGuardian.Command> system;
    Optional<NativeLevelDb.Unpacked> nativeLevelDb;
    try {
      nativeLevelDb = usesNativeLevelDb(config) ? NativeLevelDb.prepare() : Optional.empty();
      system = ActorSystem.create(
          NodeGuardian.create(settings, plugins, notifier, restarts::get, ready), NodeConfig.SYSTEM_NAME, config);
    } catch (RuntimeException e) {
      dataDir.close();
      throw e;
    }
    // What the node itself still holds when it stops is a leak (job-owned entries are checked as jobs end).
    ResourceTracker tracker = ResourceTrackers.get(system);
    CoordinatedShutdown.get(system.classicSystem()).addTask(CoordinatedShutdown.PhaseBeforeActorSystemTerminate(),
        "atoll-node-resources", () -> {
          tracker.nodeStopping();
          return CompletableFuture.completedFuture(Done.done());
        });
    nativeLevelDb.ifPresent(library -> trackNativeLibrary(tracker, system, library));
    // Akka can leave an ActorSystem unterminated after a TLS stream failed (see TerminationWatch):
    // given up on a few seconds past the phase that terminates it, rather than waited for for ever
    TerminationWatch watch = new TerminationWatch(system.getWhenTerminated(), config.getDuration(
        "akka.coordinated-shutdown.phases.actor-system-terminate.timeout").plus(TERMINATION_GRACE));
    CoordinatedShutdown.get(system.classicSystem()).addTask(CoordinatedShutdown.PhaseBeforeActorSystemTerminate(),
        "atoll-termination-watch", () -> {
          watch.lastPhaseStarted();
          return CompletableFuture.completedFuture(Done.done());
        });
    // completes only after the lock is released, so a node can start again on the same dir
    CompletionStage<TerminationWatch.Ending> stopped = watch.ending().whenComplete((ending, error) -> {
      if (ending == TerminationWatch.Ending.ABANDONED) {
        LOG.error("node {}: its ActorSystem did not terminate within {} after its last shutdown phase began"
                + " (Akka remoting waits for a TLS stream that failed, akka/akka#29162); the node ends without"
                + " it, and a process running it exits", system.address(), watch.grace());
      }
      dataDir.close();
      ready.completeExceptionally(new IllegalStateException("the node stopped before it was ready"));
    });
    pinPorts(config, system, ready);
    return new Incarnation(number, system, settings, ready, stopped);
  }

  /**
   * A port chosen by the OS (configured as 0) is kept for the restarts, so a rejoining node answers
   * at the address the others (and its seed list) know.
   */
  private void pinPorts(Config started, ActorSystem<?> system, CompletableFuture<NodeGuardian.Node> ready) {
    String clusterPort = "akka.remote.artery.canonical.port";
    if (started.getInt(clusterPort) == 0 && "cluster".equals(started.getString("akka.actor.provider"))) {
      Cluster.get(system).selfMember().address().getPort().ifPresent(port -> pin(clusterPort, port));
    }
    if (started.getInt("atoll.http.port") == 0) {
      ready.thenAccept(node -> node.httpAddress().ifPresent(http -> pin("atoll.http.port", http.getPort())));
    }
  }

  private void pin(String key, int port) {
    config.updateAndGet(c -> c.withValue(key, ConfigValueFactory.fromAnyRef(port, "bound by this node's first start")));
  }

  private void watch(Incarnation incarnation) {
    incarnation.stopped().whenComplete((ending, error) -> {
      try {
        ended(incarnation, ending);
      } catch (RuntimeException | Error e) {
        // nobody else would see it, and a process waiting on terminated() would wait for ever
        failed("could not decide whether to restart", e);
      }
    });
  }

  private void failed(String what, Throwable e) {
    LOG.error("node {}: {}", what, e.toString(), e);
    finish(new Exit(1, what + ": " + e));
  }

  /** An ActorSystem of this node has terminated and its data dir is unlocked: restart or end. */
  private synchronized void ended(Incarnation incarnation, TerminationWatch.Ending ending) {
    Optional<CoordinatedShutdown.Reason> reason =
        CoordinatedShutdown.get(incarnation.system().classicSystem()).getShutdownReason();
    String why = describe(reason);
    boolean wasReady = incarnation.ready().isDone() && !incarnation.ready().isCompletedExceptionally();
    if (stopRequested || reason.equals(Optional.of(CoordinatedShutdown.jvmExitReason()))) {
      finish(new Exit(0, "stopped"));
    } else if (ending == TerminationWatch.Ending.ABANDONED) {
      // its threads, ports and journal may still be held: a new incarnation in this process could not
      // have them, so the process ends and its supervisor starts a fresh one
      finish(new Exit(1, why + "; its ActorSystem did not terminate, so the node does not restart in this process"));
    } else if (reason.equals(Optional.of(CoordinatedShutdown.clusterLeavingReason()))) {
      // only an operator makes a member leave (Atoll never does): that is a stop, not a failure
      finish(new Exit(0, why));
    } else if (!rejoin.enabled()) {
      finish(new Exit(exitCode(reason), why + " (atoll.node.rejoin.max-restarts = 0: not restarting)"));
    } else if (reason.equals(Optional.of(CoordinatedShutdown.clusterDowningReason()))) {
      // downed, ready or not: a node still joining is downed with the others when the Split Brain
      // Resolver downs all (a member lost while it joined); that is the cluster's doing, not the node's
      scheduleRestart(incarnation, wasReady ? why : why + " while it was joining");
    } else if (incarnation.number() > 0 && !wasReady) {
      // a restart that could not get going (its seeds are not back yet, its REST port is taken): try again
      scheduleRestart(incarnation, "could not rejoin: " + why);
    } else {
      finish(new Exit(exitCode(reason), why));
    }
  }

  private void scheduleRestart(Incarnation incarnation, String why) {
    String address = address(incarnation);
    Optional<Duration> wait = budget.take(Instant.now());
    if (wait.isEmpty()) {
      String message = "node " + address + " " + why + "; it restarted " + rejoin.maxRestarts() + " times within "
          + rejoin.within() + " already (atoll.node.rejoin.max-restarts / within), so it gives up and exits";
      LOG.error(message);
      finish(new Exit(1, message));
      return;
    }
    long count = restarts.incrementAndGet();
    LOG.warn("node {} {}: starting its ActorSystem again in {} ms to rejoin the cluster as a new incarnation"
            + " (restart {} of this process; {} of at most {} within {})",
        address, why, wait.get().toMillis(), count, budget.inWindow(Instant.now()), rejoin.maxRestarts(), rejoin.within());
    CompletableFuture.delayedExecutor(wait.get().toMillis(), TimeUnit.MILLISECONDS)
        .execute(() -> restart(incarnation.number() + 1, count));
  }

  private synchronized void restart(int number, long count) {
    if (stopRequested || terminated.isDone()) {
      finish(new Exit(0, "stopped"));
      return;
    }
    Incarnation next;
    try {
      // settings again from the config: an HTTP port first chosen by the OS is pinned now
      next = launch(number, NodeSettings.fromConfig(config.get()));
    } catch (RuntimeException e) {
      // e.g. the data dir is still locked or the port not yet free: counted as one more restart
      LOG.warn("node {} could not start its ActorSystem again: {}", address(current), e.getMessage());
      scheduleRestart(current, "could not start again (" + e.getMessage() + ")");
      return;
    } catch (Error e) {
      failed("could not start its ActorSystem again", e);
      throw e;
    }
    current = next;
    watch(next);
    next.ready().thenAccept(node -> LOG.info("node {} is back in the cluster as incarnation {} (restart {})",
        node.address(), Cluster.get(next.system()).selfMember().uniqueAddress().longUid(), count));
  }

  private void finish(Exit exit) {
    if (terminated.complete(exit)) {
      if (exit.exitCode() == 0) {
        LOG.info("node ended: {}", exit.reason());
      } else {
        LOG.error("node ended: {}", exit.reason());
      }
    }
  }

  private static String address(Incarnation incarnation) {
    return incarnation.system().address().toString();
  }

  private static String describe(Optional<CoordinatedShutdown.Reason> reason) {
    if (reason.isEmpty()) {
      return "terminated";
    }
    CoordinatedShutdown.Reason r = reason.get();
    if (r == CoordinatedShutdown.clusterDowningReason()) {
      return "was downed by the cluster (the Split Brain Resolver found it in the minority, or an operator downed it)";
    } else if (r == CoordinatedShutdown.clusterJoinUnsuccessfulReason()) {
      return "could not join its seed nodes within akka.cluster.shutdown-after-unsuccessful-join-seed-nodes";
    } else if (r == CoordinatedShutdown.clusterLeavingReason()) {
      return "left the cluster";
    }
    return "terminated (" + r.getClass().getSimpleName().replace("$", "") + ")";
  }

  /** 1 for a node the cluster downed, 0 for any other end (as the process always exited). */
  private static int exitCode(Optional<CoordinatedShutdown.Reason> reason) {
    return reason.equals(Optional.of(CoordinatedShutdown.clusterDowningReason())) ? 1 : 0;
  }

  private static boolean usesNativeLevelDb(Config config) {
    return PersistenceConfig.JOURNAL_PLUGIN.equals(config.getString("akka.persistence.journal.plugin"))
        && config.getBoolean(PersistenceConfig.JOURNAL_PLUGIN + ".native");
  }

  /**
   * The unpacked LevelDB library is the node's for as long as it runs (a JVM cannot unload it, and
   * the per-user cache keeps one file whatever the number of starts); the node lets go of it in the
   * first shutdown phase, before the node's own leak check at its end (before-actor-system-terminate).
   */
  private static void trackNativeLibrary(ResourceTracker tracker, ActorSystem<?> system, NativeLevelDb.Unpacked library) {
    ResourceTracker.Handle handle = tracker.acquire("native-library", ResourceOwner.node(),
        library.file() + (library.kept() ? "" : " (deleted once loaded)"), library.size(), null);
    CoordinatedShutdown.get(system.classicSystem()).addTask(CoordinatedShutdown.PhaseBeforeServiceUnbind(),
        "release-native-library", () -> {
          handle.release();
          return CompletableFuture.completedFuture(Done.getInstance());
        });
  }

  /**
   * Before a master starts: the LevelDB journal must open; the shared JDBC database must answer, and
   * gets its tables if they are missing. A journal plugin the user configured by hand is left alone.
   */
  private static void checkJournal(Config config, PersistenceSettings persistence) {
    String plugin = config.getString("akka.persistence.journal.plugin");
    if (PersistenceConfig.JOURNAL_PLUGIN.equals(plugin)) {
      JournalCheck.verify(Path.of(config.getString(PersistenceConfig.JOURNAL_PLUGIN + ".dir")),
          config.getBoolean(PersistenceConfig.JOURNAL_PLUGIN + ".native"));
    } else if (PersistenceConfig.JDBC_JOURNAL_PLUGIN.equals(plugin) && persistence.jdbc().isPresent()) {
      JournalDatabase.prepare(persistence.jdbc().get());
    }
  }

  /** This node's current ActorSystem: after a rejoin, the new one. */
  public ActorSystem<NodeGuardian.Command> system() {
    return current.system();
  }

  public NodeSettings settings() {
    return current.settings();
  }

  /**
   * Completes when the node is Up in its cluster and every actor of its roles runs. After a rejoin
   * this is the new incarnation's.
   */
  public CompletionStage<NodeGuardian.Node> ready() {
    return current.ready();
  }

  /** The plugins this node knows (built-in and from {@code atoll.plugins-dir}). */
  public PluginRegistry plugins() {
    return plugins;
  }

  /** A client for submitting, watching and cancelling jobs, once the node is ready. */
  public CompletionStage<JobClient> jobClient() {
    Incarnation incarnation = current;
    return incarnation.ready().thenApply(node ->
        new JobClient(incarnation.system(), node.jobCoordinator(), plugins, incarnation.settings().client()));
  }

  /**
   * This node's resource tracker (of its current ActorSystem): {@code report()} for what it holds and
   * leaked, {@code setLevel(...)} to switch leak detection at runtime, as {@code POST /leak-detection}
   * does through the NodeMonitor. A rejoin starts a new ActorSystem, whose tracker starts again at
   * {@code atoll.leak-detection.level}.
   */
  public ResourceTracker resourceTracker() {
    return ResourceTrackers.get(current.system());
  }

  /** How often this node has started its ActorSystem again after the cluster removed it. */
  public long restarts() {
    return restarts.get();
  }

  /**
   * Completes when the node has ended for good: stopped, or removed from the cluster and not
   * restarted (rejoining off, or past {@code atoll.node.rejoin.max-restarts}). Its data dir is
   * unlocked by then. A process running the node exits with {@link Exit#exitCode()}.
   */
  public CompletionStage<Exit> terminated() {
    return terminated;
  }

  /**
   * Leaves the cluster gracefully and terminates the ActorSystem, and ends rejoining; completes once
   * the data dir is unlocked.
   */
  public CompletionStage<Done> stop() {
    Incarnation incarnation;
    synchronized (this) {
      stopRequested = true;
      incarnation = current;
    }
    incarnation.system().terminate();
    // between two incarnations (a restart waiting for its backoff) nothing runs: the node has stopped
    incarnation.stopped().whenComplete((done, error) -> finish(new Exit(0, "stopped")));
    return terminated.thenApply(exit -> Done.getInstance());
  }
}
