package io.atoll.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.Behaviors;
import akka.serialization.Serialization;
import akka.serialization.SerializationExtension;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.atoll.protocol.job.JobStatus;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.jdk.javaapi.CollectionConverters;

class LocalSerializationTest {

  @TempDir Path dataDir;

  @Test
  void aLocalNodeHasNoClusterSerializersNorBindingsOfClusterClasses() {
    Config local = node("local");

    Map<String, Object> serializers = local.getObject(LocalSerialization.SERIALIZERS).unwrapped();
    assertTrue(serializers.values().stream().noneMatch(c -> c.toString().startsWith("akka.cluster.")),
        () -> "cluster serializers left: " + serializers);
    assertEquals(LocalSerialization.UNUSED, serializers.get("akka-sharding"));
    assertTrue(serializers.containsKey("atoll-kryo"), () -> "Atoll's serializer lost: " + serializers);
    Map<String, Object> bindings = local.getObject(LocalSerialization.BINDINGS).unwrapped();
    bindings.forEach((className, serializer) -> {
      if (className.startsWith("akka.cluster.")) {
        assertEquals("none", serializer, () -> "the binding of cluster class " + className + " is on");
      } else {
        assertTrue("none".equals(serializer) || serializers.containsKey(serializer.toString()),
            () -> className + " is bound to " + serializer + ", which is not configured");
      }
    });
    assertEquals("atoll-kryo", bindings.get("io.atoll.protocol.WireMessage"));
  }

  @Test
  void aClusterNodeKeepsThemAll() {
    Config cluster = node("cluster");

    Map<String, Object> serializers = cluster.getObject(LocalSerialization.SERIALIZERS).unwrapped();
    assertTrue(serializers.values().stream().anyMatch(c -> c.toString().startsWith("akka.cluster.sharding.")));
    assertTrue(cluster.getObject(LocalSerialization.BINDINGS).unwrapped().keySet().stream()
        .anyMatch(c -> c.startsWith("akka.cluster.ddata.")));
  }

  @Test
  void aLocalActorSystemStartsOnTheTrimmedConfigAndStillSerializesAtollsMessages() {
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "trimmed", node("local"));
    try {
      Serialization serialization = SerializationExtension.get(system);
      byte[] bytes = serialization.serialize(JobStatus.RUNNING).get();
      assertEquals(JobStatus.RUNNING, serialization.deserialize(bytes, JobStatus.class).get());
      assertEquals("KryoWireSerializer", serialization.findSerializerFor(JobStatus.RUNNING).getClass().getSimpleName());
      List<String> clusterSerializers = StreamSupport
          .stream(CollectionConverters.asJava(serialization.serializerByIdentity().values()).spliterator(), false).map(serializer -> serializer.getClass().getName())
          .filter(name -> name.startsWith("akka.cluster.")).toList();
      assertEquals(List.of(), clusterSerializers, "cluster serializers were created");
    } finally {
      system.terminate();
    }
  }

  private Config node(String provider) {
    Config flags = ConfigFactory.parseString("akka.actor.provider = " + provider + "\n"
        + "atoll.node.role = hybrid\nakka.remote.artery.canonical.port = 0\n")
        .withValue("atoll.data-dir", com.typesafe.config.ConfigValueFactory.fromAnyRef(dataDir.toString()));
    return NodeConfig.load(flags, Optional.empty());
  }
}
