package io.atoll.runtime.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.atoll.persistence.DataDirectoryException;
import io.atoll.persistence.JournalDatabaseException;
import io.atoll.runtime.config.NodeConfig;
import io.atoll.runtime.config.Role;
import io.atoll.runtime.config.SettingsException;
import io.atoll.runtime.node.AtollNode;
import io.atoll.runtime.node.NodeGuardian;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Runs one Atoll node until it is stopped. Flags override the {@code --config} file, which overrides
 * the shipped defaults. With no flags: a hybrid node on 127.0.0.1 that forms a cluster by itself.
 */
@Command(
    name = "atoll",
    mixinStandardHelpOptions = true,
    subcommands = {RunCommand.class, SubmitCommand.class, ListCommand.class, StatusCommand.class, CancelCommand.class,
      LeaksCommand.class},
    versionProvider = VersionProvider.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = "Runs an Atoll node: a master, a worker, or both (hybrid).",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the node was stopped (SIGTERM / Ctrl-C)",
      "1:the node could not start, or was downed by the cluster and may not rejoin (atoll.node.rejoin)",
      "2:a wrong flag, value or config file"
    })
public final class NodeCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--role", paramLabel = "ROLE", description = "master, worker or hybrid (default: hybrid)")
  String role;

  @Option(names = "--host", paramLabel = "HOST", description = "address to bind and advertise (default: 127.0.0.1)")
  String host;

  @Option(names = "--port", paramLabel = "PORT", description = "cluster port (default: 25520; 0 = any free port)")
  Integer port;

  @Option(names = "--seed-nodes", split = ",", paramLabel = "HOST:PORT",
      description = "nodes to join, comma separated, each host:port or akka://atoll@host:port (default: none, the node forms its own cluster)")
  List<String> seedNodes;

  @Option(names = "--config", paramLabel = "FILE", description = "HOCON file with atoll.* and akka.* settings")
  Path configFile;

  @Option(names = "--tag", paramLabel = "KEY=VALUE", description = "a worker tag for job tag filters; repeatable")
  Map<String, String> tags;

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  SlotOptions slots;

  static final class SlotOptions {
    @Option(names = "--slots", paramLabel = "N", description = "fixed number of slots (default: one per processor)")
    Integer fixed;

    @Option(names = "--dynamic-slots", description = "create slots on demand instead of a fixed number")
    boolean dynamic;
  }

  @Option(names = "--data-dir", paramLabel = "DIR", description = "journal, snapshots and lock file (default: ./data)")
  Path dataDir;

  @Option(names = "--http-port", paramLabel = "PORT", description = "REST API port on master nodes (default: 8080)")
  Integer httpPort;

  @Option(names = "--overview-and-exit",
      description = "start, print the REST API's /overview once this node's slots are registered, then stop")
  boolean overviewAndExit;

  @Override
  public Integer call() {
    Config config;
    try {
      config = NodeConfig.load(flags(), Optional.ofNullable(configFile));
    } catch (SettingsException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    AtollNode node;
    try {
      node = AtollNode.startResolved(config);
    } catch (SettingsException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    } catch (DataDirectoryException | JournalDatabaseException e) {
      spec.commandLine().getErr().println("atoll: " + e.getMessage());
      return 1;
    } catch (akka.remote.RemoteTransportException e) {
      spec.commandLine().getErr().println("atoll: cannot listen on cluster address "
          + config.getString("akka.remote.artery.canonical.hostname") + ":"
          + config.getInt("akka.remote.artery.canonical.port") + " (" + rootMessage(e)
          + "); choose another with --port (0 = any free port)");
      return 1;
    }
    NodeGuardian.Node running = null;
    try {
      running = node.ready().toCompletableFuture().join();
    } catch (CompletionException e) {
      if (overviewAndExit) {
        spec.commandLine().getErr().println("atoll: " + e.getCause().getMessage());
        node.system().getWhenTerminated().toCompletableFuture().join();
        return 1;
      }
      // the first ActorSystem ended before it was ready: a node downed while it joined restarts and
      // rejoins (AtollNode), anything else ends the node; either way its end is awaited below
    }
    if (overviewAndExit) {
      int code = OverviewPrinter.printOnce(running, node.settings(), spec.commandLine().getOut(), spec.commandLine().getErr());
      node.stop().toCompletableFuture().join();
      return code;
    }
    // A node the cluster downs starts its ActorSystem again and rejoins (AtollNode); the process ends
    // only when the node ends for good.
    AtollNode.Exit exit = node.terminated().toCompletableFuture().join();
    if (exit.exitCode() != 0) {
      spec.commandLine().getErr().println("atoll: " + exit.reason());
    }
    return running == null && exit.exitCode() == 0 && !exit.reason().equals("stopped") ? 1 : exit.exitCode();
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage();
  }

  /** The flags given, as config overrides. Values are checked here so errors name the flag. */
  Config flags() {
    Map<String, Object> values = new LinkedHashMap<>();
    if (role != null) {
      try {
        values.put("atoll.node.role", Role.parse(role).name().toLowerCase(java.util.Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), "--role: " + e.getMessage());
      }
    }
    if (host != null) {
      if (host.isBlank()) {
        throw new ParameterException(spec.commandLine(), "--host must not be empty");
      }
      values.put("akka.remote.artery.canonical.hostname", host);
    }
    if (port != null) {
      values.put("akka.remote.artery.canonical.port", checkPort("--port", port, true));
    }
    if (seedNodes != null) {
      try {
        values.put("akka.cluster.seed-nodes", ConfigValueFactory.fromIterable(NodeConfig.seedAddresses(seedNodes)));
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), "--seed-nodes: " + e.getMessage());
      }
    }
    if (tags != null) {
      for (Map.Entry<String, String> tag : tags.entrySet()) {
        if (tag.getKey().isBlank() || tag.getValue() == null) {
          throw new ParameterException(spec.commandLine(), "--tag: expected KEY=VALUE, got '" + tag.getKey() + "'");
        }
      }
      values.put("atoll.slot-service.tags", ConfigValueFactory.fromMap(new LinkedHashMap<>(tags)));
    }
    if (slots != null && slots.fixed != null) {
      if (slots.fixed <= 0) {
        throw new ParameterException(spec.commandLine(), "--slots must be a positive number, got " + slots.fixed);
      }
      values.put("atoll.slot-service.slot-num", slots.fixed);
      values.put("atoll.slot-service.dynamic-slot", false);
    }
    if (slots != null && slots.dynamic) {
      values.put("atoll.slot-service.dynamic-slot", true);
    }
    if (dataDir != null) {
      values.put("atoll.data-dir", dataDir.toAbsolutePath().toString());
    }
    if (httpPort != null) {
      values.put("atoll.http.port", checkPort("--http-port", httpPort, true));
    }
    Config config = ConfigFactory.empty();
    for (Map.Entry<String, Object> e : values.entrySet()) {
      Object v = e.getValue();
      config = config.withValue(e.getKey(),
          v instanceof com.typesafe.config.ConfigValue cv ? cv : ConfigValueFactory.fromAnyRef(v, "command line"));
    }
    return config;
  }

  private int checkPort(String flag, int value, boolean zeroAllowed) {
    if (value < (zeroAllowed ? 0 : 1) || value > 65535) {
      throw new ParameterException(spec.commandLine(), flag + " must be between " + (zeroAllowed ? 0 : 1) + " and 65535, got " + value);
    }
    return value;
  }

  /** The seed nodes given, for tests. */
  List<String> seedNodes() {
    return seedNodes == null ? List.of() : new ArrayList<>(seedNodes);
  }
}
