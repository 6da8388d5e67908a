package io.atoll.runtime.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigValueFactory;
import io.atoll.persistence.PersistenceConfig;
import io.atoll.persistence.PersistenceSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Assembles a node's config. Precedence, highest first: command-line flags, the {@code --config}
 * file, {@code atoll-akka.conf} (Akka tuning shipped with the runtime), every {@code reference.conf}.
 * Then derives what follows from it: cluster roles from {@code atoll.node.role}, the journal and
 * snapshot store from {@code atoll.persistence} (LevelDB in {@code atoll.data-dir}, or the shared
 * JDBC database), Artery over TLS from {@code atoll.cluster.tls} (its key material read and checked
 * here, before anything starts).
 */
public final class NodeConfig {
  /** Every node of one cluster must use this ActorSystem name. */
  public static final String SYSTEM_NAME = "atoll";

  private NodeConfig() {}

  public static Config load(Config flags, Optional<Path> file) {
    return load(flags, file, ConfigFactory.empty());
  }

  /**
   * @param defaults settings of the command that starts the node, below the {@code --config} file
   *     (which can change them) and above {@code atoll-akka.conf}
   */
  public static Config load(Config flags, Optional<Path> file, Config defaults) {
    Config fromFile = file.map(NodeConfig::parseFile).orElse(ConfigFactory.empty());
    Config user = flags.withFallback(fromFile).withFallback(defaults)
        .withFallback(ConfigFactory.parseResources("atoll-akka.conf"));
    return derive(user);
  }

  /**
   * Completes a user config (for embedding: what a program passes in) with roles and storage paths,
   * and resolves it against every reference.conf. A node without a cluster gets no cluster
   * serializers ({@link LocalSerialization}).
   */
  public static Config derive(Config user) {
    Config withReference = atollSettings(user);
    Role role;
    try {
      role = Role.parse(withReference.getString("atoll.node.role"));
    } catch (IllegalArgumentException e) {
      throw new SettingsException("atoll.node.role: " + e.getMessage(), e);
    }
    Path dataDir = Path.of(withReference.getString("atoll.data-dir"));
    PersistenceSettings persistence = NodeSettings.persistence(withReference.getConfig("atoll"));
    Config derived = ConfigFactory.empty()
        .withValue("akka.cluster.roles", ConfigValueFactory.fromIterable(new ArrayList<>(role.clusterRoles())))
        .withFallback(clusterTls(withReference));
    return LocalSerialization.withoutClusterSerializers(derived
        .withFallback(user)
        .withFallback(ConfigFactory.parseResources("atoll-akka.conf"))
        .withFallback(PersistenceConfig.forNode(dataDir, persistence))
        .withFallback(ConfigFactory.defaultReference())
        .resolve());
  }

  /**
   * The user's config resolved enough to read the {@code atoll} settings the rest is derived from.
   * First against the {@code atoll} part of the reference config only (a small tree: resolving the
   * whole reference config twice took ~0.1 s of every start); a user config whose substitutions
   * reach further is resolved against all of it.
   */
  private static Config atollSettings(Config user) {
    Config atollAkka = ConfigFactory.parseResources("atoll-akka.conf");
    Config reference = ConfigFactory.defaultReference();
    try {
      return user.withFallback(atollAkka).withFallback(reference.withOnlyPath("atoll")).resolve();
    } catch (ConfigException.UnresolvedSubstitution reachesFurther) {
      try {
        return user.withFallback(atollAkka).withFallback(reference).resolve();
      } catch (ConfigException e) {
        throw new SettingsException(e.getMessage(), e);
      }
    } catch (ConfigException e) {
      throw new SettingsException(e.getMessage(), e);
    }
  }

  /**
   * Artery's TLS settings for {@code atoll.cluster.tls}, after its key material was checked; nothing
   * for a node alone in its process ({@code akka.actor.provider = local}), which has no cluster
   * traffic to protect.
   */
  private static Config clusterTls(Config withReference) {
    String provider = "akka.actor.provider";
    if (withReference.hasPath(provider) && "local".equals(withReference.getString(provider))) {
      return ConfigFactory.empty();
    }
    ClusterTlsSettings tls = ClusterTlsSettings.fromConfig(withReference.getConfig("atoll"));
    ClusterKeyMaterial.check(tls);
    return tls.akkaConfig();
  }

  /**
   * {@code host:port} → the Akka address of a node of this cluster; a whole address
   * ({@code akka://atoll@host:port}, as in {@code akka.cluster.seed-nodes}) is taken as it is, once
   * checked.
   */
  public static String seedAddress(String hostPort) {
    if (hostPort.contains("://")) {
      return clusterAddress(hostPort);
    }
    int colon = hostPort.lastIndexOf(':');
    if (colon <= 0 || colon == hostPort.length() - 1) {
      throw new IllegalArgumentException("'" + hostPort + "' is not host:port");
    }
    String host = hostPort.substring(0, colon);
    if (host.contains("/") || host.contains("@")) {
      throw new IllegalArgumentException("'" + hostPort + "' is not host:port (nor akka://" + SYSTEM_NAME + "@host:port)");
    }
    int port;
    try {
      port = Integer.parseInt(hostPort.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + hostPort + "' has no numeric port");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("'" + hostPort + "' has a port outside 1-65535");
    }
    return "akka://" + SYSTEM_NAME + "@" + host + ":" + port;
  }

  /**
   * A whole Akka address of a node of this cluster, checked as Akka would at start (where a wrong one
   * is an exception without a message): {@code akka://atoll@host:port}.
   *
   * @throws IllegalArgumentException saying what is wrong with it
   */
  public static String clusterAddress(String address) {
    akka.actor.Address parsed;
    try {
      parsed = akka.actor.AddressFromURIString.parse(address);
    } catch (Exception e) { // Akka throws a MalformedURLException, undeclared
      throw new IllegalArgumentException("'" + address + "' is not an Akka address (akka://" + SYSTEM_NAME
          + "@host:port)");
    }
    if (!parsed.protocol().equals("akka") || parsed.host().isEmpty() || parsed.port().isEmpty()) {
      throw new IllegalArgumentException("'" + address + "' is not akka://" + SYSTEM_NAME + "@host:port");
    }
    if (!parsed.system().equals(SYSTEM_NAME)) {
      throw new IllegalArgumentException("'" + address + "' names the actor system '" + parsed.system()
          + "', but an Atoll cluster's is '" + SYSTEM_NAME + "' (akka://" + SYSTEM_NAME + "@host:port)");
    }
    return parsed.toString();
  }

  public static List<String> seedAddresses(List<String> hostPorts) {
    return hostPorts.stream().map(NodeConfig::seedAddress).toList();
  }

  private static Config parseFile(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new SettingsException("config file " + file + " does not exist or is not a file");
    }
    if (!Files.isReadable(file)) {
      throw new SettingsException("config file " + file + " is not readable");
    }
    try {
      return ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
    } catch (ConfigException e) {
      throw new SettingsException("config file " + e.getMessage(), e);
    }
  }
}
