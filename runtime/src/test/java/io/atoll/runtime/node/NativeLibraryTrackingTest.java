package io.atoll.runtime.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.atoll.persistence.NativeLevelDb;
import io.atoll.runtime.resource.ResourceOwner;
import io.atoll.runtime.resource.ResourceTracker;
import io.atoll.runtime.resource.ResourceTrackers;
import io.atoll.runtime.testing.TestConfigs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node on the native LevelDB journal holds the unpacked library as a node-owned resource of kind
 * native-library, and lets go of it when it stops, so its end reports no leak for it.
 */
class NativeLibraryTrackingTest {
  @TempDir Path tmp;

  @Test
  void theNodeHoldsTheUnpackedLibraryUntilItStops() throws Exception {
    Config config = ConfigFactory.parseMap(Map.of(
            "atoll.node.role", "hybrid",
            "atoll.data-dir", tmp.resolve("node").toString(),
            "atoll.persistence.leveldb-native", true,
            "atoll.http.enabled", false,
            "akka.remote.artery.canonical.port", 0,
            "akka.cluster.seed-nodes", List.of()))
        .withFallback(TestConfigs.base());
    AtollNode node = AtollNode.start(config);
    ResourceTracker tracker = ResourceTrackers.get(node.system());
    try {
      node.ready().toCompletableFuture().get(60, TimeUnit.SECONDS);
      NativeLevelDb.Unpacked unpacked = NativeLevelDb.prepared().orElseThrow();
      assertTrue(Files.isRegularFile(unpacked.file()) || !unpacked.kept(), unpacked.toString());
      List<ResourceTracker.Entry> libraries = tracker.live(ResourceOwner.node()).stream()
          .filter(e -> e.kind().equals("native-library")).toList();
      assertEquals(1, libraries.size(), tracker.live(null).toString());
      assertTrue(libraries.get(0).description().startsWith(unpacked.file().toString()), libraries.get(0).description());
    } finally {
      node.stop().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
    assertEquals(List.of(), tracker.live(ResourceOwner.node()).stream()
        .filter(e -> e.kind().equals("native-library")).toList());
    assertEquals(null, tracker.report().leaksByKind().get("native-library"));
  }
}
