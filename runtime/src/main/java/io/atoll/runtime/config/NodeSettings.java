package io.atoll.runtime.config;

import com.typesafe.config.Config;
import io.atoll.persistence.PersistenceSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Everything a node needs to start, read once from the merged config and validated. Actors get the
 * part they need ({@link SlotServiceSettings}, {@link ResourceManagerSettings}, ...), never Config.
 */
public record NodeSettings(
    Role role,
    String host,
    int port,
    List<String> seedNodes,
    Path dataDir,
    PersistenceSettings persistence,
    HeartbeatSettings heartbeat,
    SlotServiceSettings slotService,
    ResourceManagerSettings resourceManager,
    HttpSettings http,
    ClusterMonitorSettings clusterMonitor,
    JobSettings job,
    CoordinatorSettings coordinator,
    ClientSettings client,
    EventSettings events,
    Path pluginsDir,
    boolean clustered,
    MetricsServerSettings metricsServer) {

  public NodeSettings {
    Objects.requireNonNull(role, "role");
    seedNodes = List.copyOf(seedNodes);
  }

  /** The {@code atoll.persistence} block; a wrong value is a settings error naming its key. */
  public static PersistenceSettings persistence(Config atoll) {
    try {
      return PersistenceSettings.fromConfig(atoll);
    } catch (IllegalArgumentException e) {
      throw new SettingsException(e.getMessage(), e);
    }
  }

  /** @param config the node's whole, resolved config (see {@link NodeConfig}) */
  public static NodeSettings fromConfig(Config config) {
    Config atoll = config.getConfig("atoll");
    Role role;
    try {
      role = Role.parse(Configs.string(atoll, "node.role"));
    } catch (IllegalArgumentException e) {
      throw new SettingsException("atoll.node.role: " + e.getMessage(), e);
    }
    String host = akka(config, "akka.remote.artery.canonical.hostname", Config::getString);
    int port = akka(config, "akka.remote.artery.canonical.port", Config::getInt);
    HeartbeatSettings heartbeat = HeartbeatSettings.fromConfig(atoll);
    HttpSettings http = HttpSettings.fromConfig(atoll, host);
    if (role.isMaster() && http.enabled()) {
      http.checkServable(); // before anything starts: an open API or an unusable key stops the node here
    }
    return new NodeSettings(
        role,
        host,
        port,
        seedNodes(config.getStringList("akka.cluster.seed-nodes")),
        dataDir(Configs.string(atoll, "data-dir")),
        persistence(atoll),
        heartbeat,
        SlotServiceSettings.fromConfig(atoll),
        ResourceManagerSettings.fromConfig(atoll),
        http,
        ClusterMonitorSettings.fromConfig(atoll),
        JobSettings.fromConfig(atoll),
        CoordinatorSettings.fromConfig(atoll),
        ClientSettings.fromConfig(atoll),
        EventSettings.fromConfig(atoll),
        Path.of(Configs.string(atoll, "plugins-dir")),
        clustered(config),
        MetricsServerSettings.fromConfig(atoll));
  }

  /** An Akka key Atoll reads itself: a value of the wrong type is a settings error, as for atoll.* keys. */
  private static <T> T akka(Config config, String key, java.util.function.BiFunction<Config, String, T> getter) {
    try {
      return getter.apply(config, key);
    } catch (com.typesafe.config.ConfigException e) {
      throw new SettingsException(key + ": " + e.getMessage(), e);
    }
  }

  /** Empty would be the working directory, which the node would then lock and fill with its journal. */
  private static Path dataDir(String dir) {
    if (dir.isBlank()) {
      throw new SettingsException("atoll.data-dir must not be empty: it names the directory of the node's journal,"
          + " lock and files (--data-dir DIR)");
    }
    return Path.of(dir);
  }

  /** Each seed checked here: Akka would stop the node with a RuntimeException that names nothing. */
  private static List<String> seedNodes(List<String> seeds) {
    for (String seed : seeds) {
      try {
        NodeConfig.clusterAddress(seed);
      } catch (IllegalArgumentException e) {
        throw new SettingsException("akka.cluster.seed-nodes: " + e.getMessage(), e);
      }
    }
    return seeds;
  }

  /**
   * {@code akka.actor.provider}: "cluster" for a node, "local" for a node alone in its process
   * ({@code atoll run}), which forms no cluster and runs its singletons and job masters as plain
   * actors.
   */
  private static boolean clustered(Config config) {
    String provider = config.getString("akka.actor.provider");
    return switch (provider) {
      case "cluster" -> true;
      case "local" -> false;
      default -> throw new SettingsException("akka.actor.provider = " + provider
          + ": an Atoll node runs 'cluster' (a node of a cluster) or 'local' (alone, as atoll run does)");
    };
  }
}
