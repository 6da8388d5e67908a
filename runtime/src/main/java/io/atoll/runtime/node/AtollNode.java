package io.atoll.runtime.node;

import akka.Done;
import akka.actor.typed.ActorSystem;
import com.typesafe.config.Config;
import io.atoll.persistence.DataDirectory;
import io.atoll.runtime.config.NodeConfig;
import io.atoll.runtime.config.NodeSettings;
import io.atoll.runtime.master.resource.SlotOwnerNotifier;
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
 * // ... running.resourceManager(), node.system() ...
 * node.stop();
 * }</pre>
 *
 * <p>The node locks its data directory for as long as its ActorSystem runs, so two nodes can never
 * share one journal.
 */
public final class AtollNode {
  private final ActorSystem<NodeGuardian.Command> system;
  private final NodeSettings settings;
  private final CompletableFuture<NodeGuardian.Node> ready;

  private AtollNode(ActorSystem<NodeGuardian.Command> system, NodeSettings settings, CompletableFuture<NodeGuardian.Node> ready) {
    this.system = system;
    this.settings = settings;
    this.ready = ready;
  }

  /**
   * Starts a node from a user config: {@code atoll.*} keys and any {@code akka.*} overrides. Roles,
   * storage paths and Atoll's Akka defaults are filled in (see {@link NodeConfig#derive}).
   *
   * @throws io.atoll.runtime.config.SettingsException for an invalid setting
   * @throws io.atoll.persistence.DataDirectoryException if the data dir cannot be used
   */
  public static AtollNode start(Config userConfig) {
    return startResolved(NodeConfig.derive(userConfig), SlotOwnerNotifier.logging());
  }

  /** As {@link #start(Config)}, with the given receiver of lost-slot notices. */
  public static AtollNode start(Config userConfig, SlotOwnerNotifier notifier) {
    return startResolved(NodeConfig.derive(userConfig), notifier);
  }

  /** Starts a node from a config already assembled by {@link NodeConfig}. */
  public static AtollNode startResolved(Config config) {
    return startResolved(config, SlotOwnerNotifier.logging());
  }

  private static AtollNode startResolved(Config config, SlotOwnerNotifier notifier) {
    NodeSettings settings = NodeSettings.fromConfig(config);
    DataDirectory dataDir = DataDirectory.open(settings.dataDir());
    CompletableFuture<NodeGuardian.Node> ready = new CompletableFuture<>();
    ActorSystem<NodeGuardian.Command> system;
    try {
      system = ActorSystem.create(
          NodeGuardian.create(settings, notifier, ready), NodeConfig.SYSTEM_NAME, config);
    } catch (RuntimeException e) {
      dataDir.close();
      throw e;
    }
    system.getWhenTerminated().whenComplete((done, error) -> {
      dataDir.close();
      ready.completeExceptionally(new IllegalStateException("the node stopped before it was ready"));
    });
    return new AtollNode(system, settings, ready);
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

  /** Leaves the cluster gracefully and terminates the ActorSystem. */
  public CompletionStage<Done> stop() {
    system.terminate();
    return system.getWhenTerminated();
  }
}
