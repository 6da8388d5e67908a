package io.atoll.runtime.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.atoll.runtime.resource.ResourceOwner;
import io.atoll.runtime.resource.ResourceTracker;
import io.atoll.runtime.testing.TestConfigs;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the node itself still holds when it stops is reported as a leak; what it released is not. */
class NodeStopLeaksTest {
  @TempDir
  Path tmp;

  @Test
  void nodeOwnedEntriesLeftAtShutdownAreLeaks() throws Exception {
    Config config = ConfigFactory.parseMap(Map.of(
            "atoll.node.role", "hybrid",
            "atoll.data-dir", tmp.resolve("data").toString(),
            "atoll.http.enabled", false,
            "atoll.leak-detection.level", "paranoid",
            "akka.remote.artery.canonical.port", 0))
        .withFallback(TestConfigs.base());
    AtollNode node = AtollNode.start(config);
    node.ready().toCompletableFuture().get(60, TimeUnit.SECONDS);
    ResourceTracker tracker = node.resourceTracker();
    tracker.acquire("temp-file", ResourceOwner.node(), "/tmp/kept-by-the-node", 0, null);
    tracker.acquire("temp-file", ResourceOwner.node(), "/tmp/given-back", 0, null).release();

    node.stop().toCompletableFuture().get(30, TimeUnit.SECONDS);

    List<ResourceTracker.Leak> leaks = tracker.report().leaks().stream()
        .filter(l -> l.owner().equals("node") && l.kind().equals("temp-file")).toList();
    assertEquals(List.of("/tmp/kept-by-the-node"), leaks.stream().map(ResourceTracker.Leak::description).toList());
    assertEquals("node stopping", leaks.get(0).how());
  }
}
