package io.atoll.runtime.connector;

import io.atoll.protocol.connector.PluginFactory;
import io.atoll.protocol.connector.PluginKind;
import io.atoll.protocol.connector.SinkFactory;
import io.atoll.protocol.connector.SourceFactory;
import io.atoll.protocol.connector.TransformFactory;
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
 * the job file parser validates against it and task execution creates plugins from it.
 *
 * <p>Names are matched case-sensitively, as SeaTunnel does. Two factories claiming the same kind
 * and name are refused when the registry is built, because which one a job got would otherwise
 * depend on classpath order.
 */
public final class PluginRegistry {
  private final Map<PluginKind, Map<String, PluginFactory>> byKind;

  private PluginRegistry(Map<PluginKind, Map<String, PluginFactory>> byKind) {
    this.byKind = byKind;
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
    Optional<ClassLoader> jars = pluginsDir.flatMap(PluginJars::classLoader);
    if (jars.isEmpty()) {
      return fromClasspath();
    }
    PluginClasses.usePluginJars(jars.get());
    return fromLoader(jars.get(), "the classpath and " + pluginsDir.get());
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
    return new PluginRegistry(byKind);
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
