package io.atoll.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import java.net.URL;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The config layer that points Akka Persistence at a data dir, and this module's reference.conf. */
class PersistenceConfigTest {

  /** Spaces, quotes, a backslash and something that looks like a substitution. */
  private static final Path AWKWARD = Path.of("/srv/atoll data/\"node\" 1/${HOME}/a\\b");

  @Test
  void pointsTheLevelDbJournalAndLocalSnapshotsAtTheDataDir() {
    Config config = PersistenceConfig.forDataDir(Path.of("/srv/atoll"));
    assertEquals("akka.persistence.journal.leveldb", config.getString("akka.persistence.journal.plugin"));
    assertEquals("/srv/atoll/journal", config.getString("akka.persistence.journal.leveldb.dir"));
    assertTrue(config.getBoolean("akka.persistence.journal.leveldb.native"));
    assertEquals("akka.persistence.snapshot-store.local",
        config.getString("akka.persistence.snapshot-store.plugin"));
    assertEquals("/srv/atoll/snapshots", config.getString("akka.persistence.snapshot-store.local.dir"));
    assertFalse(PersistenceConfig.forDataDir(Path.of("/srv/atoll"), false)
        .getBoolean("akka.persistence.journal.leveldb.native"));
  }

  @Test
  void awkwardPathsStayLiteralThroughResolveAndRendering() {
    Config config = PersistenceConfig.forDataDir(AWKWARD).resolve();
    String journal = AWKWARD.resolve("journal").toString();
    assertEquals(journal, config.getString("akka.persistence.journal.leveldb.dir"));
    Config reparsed = ConfigFactory.parseString(config.root().render(ConfigRenderOptions.concise()))
        .resolve();
    assertEquals(journal, reparsed.getString("akka.persistence.journal.leveldb.dir"));
    assertEquals(AWKWARD.resolve("snapshots").toString(),
        reparsed.getString("akka.persistence.snapshot-store.local.dir"));
  }

  @Test
  void overridesAkkasDefaultsWhenLayeredOverTheLoadedConfig() {
    Config loaded = ConfigFactory.load();
    assertEquals("journal", loaded.getString("akka.persistence.journal.leveldb.dir"));
    Config node = PersistenceConfig.forDataDir(Path.of("/srv/atoll")).withFallback(loaded).resolve();
    assertEquals("/srv/atoll/journal", node.getString("akka.persistence.journal.leveldb.dir"));
    // Akka's other LevelDB defaults are still there.
    assertTrue(node.getBoolean("akka.persistence.journal.leveldb.fsync"));
  }

  @Test
  void relativeDataDirsBecomeAbsolute() {
    Config config = PersistenceConfig.forDataDir(Path.of("data"));
    assertEquals(Path.of("data/journal").toAbsolutePath().toString(),
        config.getString("akka.persistence.journal.leveldb.dir"));
  }

  @Test
  void settingsDefaultToNativeLevelDbAndCanTurnItOff() {
    Config atoll = ConfigFactory.load().getConfig("atoll");
    assertEquals(PersistenceSettings.DEFAULT, PersistenceSettings.fromConfig(atoll));
    assertTrue(PersistenceSettings.fromConfig(atoll).levelDbNative());
    Config off = ConfigFactory.parseString("atoll.persistence.leveldb-native = off")
        .withFallback(ConfigFactory.load());
    PersistenceSettings settings = PersistenceSettings.fromConfig(off.getConfig("atoll"));
    assertFalse(settings.levelDbNative());
    assertFalse(PersistenceConfig.forDataDir(Path.of("/srv/atoll"), settings)
        .getBoolean("akka.persistence.journal.leveldb.native"));
  }

  @Test
  void aBadSwitchNamesItsKey() {
    Config bad = ConfigFactory.parseString("persistence.leveldb-native = maybe");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PersistenceSettings.fromConfig(bad));
    assertTrue(e.getMessage().startsWith("atoll.persistence.leveldb-native: "), e.getMessage());
  }

  /** A reference.conf cannot reliably override Akka's own in a shaded jar: keep ours to atoll.*. */
  @Test
  void referenceConfHoldsOnlyAtollPersistenceKeys() throws Exception {
    URL classes = PersistenceConfig.class.getProtectionDomain().getCodeSource().getLocation();
    URL ours = Collections.list(PersistenceConfig.class.getClassLoader().getResources("reference.conf"))
        .stream()
        .filter(url -> url.toString().startsWith(classes.toString())
            || url.toString().startsWith("jar:" + classes))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no reference.conf under " + classes));
    Config reference = ConfigFactory.parseURL(ours);
    assertEquals(Set.of("atoll"), reference.root().keySet());
    assertEquals(Set.of("persistence"), reference.getConfig("atoll").root().keySet());
    assertTrue(reference.getBoolean("atoll.persistence.leveldb-native"));
  }
}
