package io.atoll.runtime.node;

import akka.Done;
import akka.actor.typed.ActorSystem;
import com.typesafe.config.Config;
import io.atoll.persistence.DataDirectory;
import io.atoll.persistence.JournalCheck;
import io.atoll.persistence.JournalDatabase;
import io.atoll.persistence.PersistenceConfig;
import io.atoll.persistence.PersistenceSettings;
import java.nio.file.Path;
import io.atoll.runtime.config.NodeConfig;
import io.atoll.runtime.config.NodeSettings;
import io.atoll.runtime.client.JobClient;
import io.atoll.runtime.connector.PluginRegistry;
import io.atoll.runtime.master.resource.SlotOwnerNotifier;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

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
 */
public final class AtollNode {
  private final ActorSystem<NodeGuardian.Command> system;
  private final NodeSettings settings;
  private final CompletableFuture<NodeGuardian.Node> ready;
  private final PluginRegistry plugins;
  private final CompletionStage<Done> stopped;

  private AtollNode(
      ActorSystem<NodeGuardian.Command> system, NodeSettings settings, CompletableFuture<NodeGuardian.Node> ready,
      PluginRegistry plugins, CompletionStage<Done> stopped) {
    this.stopped = stopped;
    this.system = system;
    this.settings = settings;
    this.ready = ready;
    this.plugins = plugins;
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
    PluginRegistry plugins = PluginRegistry.load(Optional.of(settings.pluginsDir()));
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
    ActorSystem<NodeGuardian.Command> system;
    try {
      system = ActorSystem.create(
          NodeGuardian.create(settings, plugins, notifier, ready), NodeConfig.SYSTEM_NAME, config);
    } catch (RuntimeException e) {
      dataDir.close();
      throw e;
    }
    // stop() completes only after the lock is released, so a node can start again on the same dir
    CompletionStage<Done> stopped = system.getWhenTerminated().whenComplete((done, error) -> {
      dataDir.close();
      ready.completeExceptionally(new IllegalStateException("the node stopped before it was ready"));
    });
    return new AtollNode(system, settings, ready, plugins, stopped);
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

  public ActorSystem<NodeGuardian.Command> system() {
    return system;
  }

  public NodeSettings settings() {
    return settings;
  }

  /** Completes when the node is Up in its cluster and every actor of its roles runs. */
  public CompletionStage<NodeGuardian.Node> ready() {
    return ready;
  }

  /** The plugins this node knows (built-in and from {@code atoll.plugins-dir}). */
  public PluginRegistry plugins() {
    return plugins;
  }

  /** A client for submitting, watching and cancelling jobs, once the node is ready. */
  public CompletionStage<JobClient> jobClient() {
    return ready.thenApply(node -> new JobClient(system, node.jobCoordinator(), plugins, settings.client()));
  }

  /** Leaves the cluster gracefully and terminates the ActorSystem; completes once the data dir is unlocked. */
  public CompletionStage<Done> stop() {
    system.terminate();
    return stopped;
  }
}
