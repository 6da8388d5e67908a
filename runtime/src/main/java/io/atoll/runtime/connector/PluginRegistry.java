package io.atoll.runtime.connector;

import io.atoll.protocol.connector.PluginFactory;
import io.atoll.protocol.connector.PluginKind;
import io.atoll.protocol.connector.SinkFactory;
import io.atoll.protocol.connector.SourceFactory;
import io.atoll.protocol.connector.TransformFactory;
import io.atoll.runtime.resource.ResourceTracker;
import java.nio.file.Path;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The plugins job files can name, found with {@link ServiceLoader} on the classpath and in the
 * jars of a node's {@code plugins/} directory. Built once when a node starts and shared read-only:
 * the job file parser validates against it on the master and the client, its jars' classes living
 * as long as the node in one loader. Task groups run a job's plugins from {@link #forJob}: the
 * same factories, but those of the jars loaded afresh in a class loader of the job's own on each
 * worker, closed when the job's last task group there ends (see {@link JobPluginLoaders}).
 *
 * <p>Names are matched case-sensitively, as SeaTunnel does. Two factories claiming the same kind
 * and name are refused when the registry is built, because which one a job got would otherwise
 * depend on classpath order.
 */
public final class PluginRegistry {
  private final Map<PluginKind, Map<String, PluginFactory>> byKind;
  /** The plugins directory's jars its factories were found in too; empty when only the classpath. */
  private final List<Path> jars;

  private PluginRegistry(Map<PluginKind, Map<String, PluginFactory>> byKind, List<Path> jars) {
    this.byKind = byKind;
    this.jars = List.copyOf(jars);
  }

  /** The factories listed in {@code META-INF/services} on the runtime's own classpath. */
  public static PluginRegistry fromClasspath() {
    return fromLoader(PluginRegistry.class.getClassLoader(), "the classpath");
  }

  /**
   * The classpath's factories plus those of every {@code *.jar} directly in {@code pluginsDir}.
   * A directory that does not exist adds nothing (a node without plugins is normal); one that
   * cannot be read, or a jar that is not a jar, is an error naming the path.
   *
   * @throws IllegalArgumentException for an unreadable directory or a broken jar
   * @throws IllegalStateException when two factories share a kind and name, or one fails to load
   */
  public static PluginRegistry load(Optional<Path> pluginsDir) {
    List<Path> jars = pluginsDir.map(PluginJars::list).orElse(List.of());
    if (jars.isEmpty()) {
      return fromClasspath();
    }
    // Never closed: the node's own view of the plugins (validation, JDBC drivers) lives as long as the node.
    ClassLoader nodeWide = PluginJars.classLoader("atoll-plugins", jars);
    PluginClasses.usePluginJars(nodeWide);
    return fromLoader(nodeWide, "the classpath and " + pluginsDir.get()).withJars(jars);
  }

  /**
   * The plugins a task group of job {@code jobId} runs: with jars in the plugins directory, this
   * registry's factories again but those of the jars from a new class loader of the job's own,
   * registered with {@code tracker} (kind {@code classloader}, owner the job) until it is closed;
   * without jars, this registry as it is.
   *
   * @throws IllegalStateException when the jars' factories can no longer be loaded (a jar replaced
   *     by a broken one since the node started)
   */
  public JobPlugins forJob(long jobId, ResourceTracker tracker) {
    if (jars.isEmpty()) {
      return JobPlugins.shared(this);
    }
    return JobPlugins.open(jobId, jars, tracker,
        loader -> fromLoader(loader, "the classpath and the plugin jars " + jars).withJars(jars));
  }

  private PluginRegistry withJars(List<Path> pluginJars) {
    return new PluginRegistry(byKind, pluginJars);
  }

  /**
   * A registry of exactly these factories, e.g. {@code Testing*} plugins in a test.
   *
   * @throws IllegalStateException when two factories share a kind and name
   */
  public static PluginRegistry of(Collection<? extends PluginFactory> factories) {
    Map<PluginKind, Map<String, PluginFactory>> byKind = new EnumMap<>(PluginKind.class);
    for (PluginKind kind : PluginKind.values()) {
      byKind.put(kind, new TreeMap<>());
    }
    for (PluginFactory factory : factories) {
      PluginFactory previous = byKind.get(factory.kind()).putIfAbsent(factory.name(), factory);
      if (previous != null) {
        throw new IllegalStateException(
            "two " + factory.kind().block() + " plugins are named '" + factory.name() + "': "
                + previous.getClass().getName() + " and " + factory.getClass().getName()
                + "; remove one of them from the classpath or the plugins directory");
      }
    }
    byKind.replaceAll((kind, factoriesByName) -> Map.copyOf(factoriesByName));
    return new PluginRegistry(byKind, List.of());
  }

  private static PluginRegistry fromLoader(ClassLoader loader, String where) {
    List<PluginFactory> factories;
    try {
      factories = ServiceLoader.load(PluginFactory.class, loader).stream()
          .map(ServiceLoader.Provider::get)
          .toList();
    } catch (ServiceConfigurationError e) {
      throw new IllegalStateException(
          "could not load the plugin factories listed in " + where + ": " + e.getMessage(), e);
    }
    return of(factories);
  }

  public Optional<PluginFactory> find(PluginKind kind, String name) {
    return Optional.ofNullable(byKind.get(kind).get(name));
  }

  /** @throws IllegalArgumentException naming the plugin and the known sources */
  public SourceFactory source(String name) {
    return (SourceFactory) require(PluginKind.SOURCE, name);
  }

  /** @throws IllegalArgumentException naming the plugin and the known transforms */
  public TransformFactory transform(String name) {
    return (TransformFactory) require(PluginKind.TRANSFORM, name);
  }

  /** @throws IllegalArgumentException naming the plugin and the known sinks */
  public SinkFactory sink(String name) {
    return (SinkFactory) require(PluginKind.SINK, name);
  }

  /** The names of one kind's plugins, sorted. */
  public List<String> names(PluginKind kind) {
    return byKind.get(kind).keySet().stream().sorted().toList();
  }

  private PluginFactory require(PluginKind kind, String name) {
    return find(kind, name).orElseThrow(() -> new IllegalArgumentException(
        "no " + kind.block() + " plugin is named '" + name + "'; known " + kind.block() + " plugins: "
            + (names(kind).isEmpty() ? "(none)" : String.join(", ", names(kind)))));
  }
}
