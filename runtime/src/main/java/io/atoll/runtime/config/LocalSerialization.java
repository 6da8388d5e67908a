package io.atoll.runtime.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Akka's serialization settings for a node without a cluster ({@code akka.actor.provider = local},
 * a local {@code run}). Akka's Serialization extension creates every configured serializer and
 * loads the class of every binding when it starts. The cluster modules on the class path (Cluster,
 * Sharding, Distributed Data, Singleton, Pub-Sub, Cluster Client) configure ~25 of them, whose
 * protobuf messages are ~300 classes to load and initialise: a tenth of a local run's start, for
 * messages such a node never sends. Here they are left out.
 */
final class LocalSerialization {
  static final String SERIALIZERS = "akka.actor.serializers";
  static final String BINDINGS = "akka.actor.serialization-bindings";
  private static final String CLUSTER_PACKAGE = "akka.cluster.";
  static final String UNUSED = UnusedSerializer.class.getName();

  private LocalSerialization() {}

  /**
   * The config unchanged on a cluster node; on a local one without the serializers implemented in
   * the cluster modules and without the bindings of cluster classes or of those serializers.
   */
  static Config withoutClusterSerializers(Config resolved) {
    if (!"local".equals(resolved.getString("akka.actor.provider"))
        || !resolved.hasPath(SERIALIZERS) || !resolved.hasPath(BINDINGS)) {
      return resolved;
    }
    ConfigObject serializers = resolved.getObject(SERIALIZERS);
    Set<String> dropped = new HashSet<>();
    for (Map.Entry<String, ConfigValue> serializer : serializers.entrySet()) {
      if (serializer.getValue().unwrapped() instanceof String className && className.startsWith(CLUSTER_PACKAGE)) {
        dropped.add(serializer.getKey());
      }
    }
    // Akka falls back on the reference config for every key this config lacks, so entries cannot be
    // removed: the bindings are switched off ("none") and the serializers replaced by one that costs nothing
    Config trimmed = resolved;
    for (Map.Entry<String, ConfigValue> binding : resolved.getObject(BINDINGS).entrySet()) {
      boolean clusterClass = binding.getKey().startsWith(CLUSTER_PACKAGE);
      if (clusterClass || dropped.contains(String.valueOf(binding.getValue().unwrapped()))) {
        trimmed = trimmed.withValue(BINDINGS + "." + ConfigUtil.quoteString(binding.getKey()),
            ConfigValueFactory.fromAnyRef("none"));
      }
    }
    for (String name : dropped) {
      trimmed = trimmed.withValue(SERIALIZERS + "." + ConfigUtil.quoteString(name),
          ConfigValueFactory.fromAnyRef(UNUSED));
    }
    return trimmed;
  }
}
