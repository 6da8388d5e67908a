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
import java.time.Duration;
import java.util.List;
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
    assertFalse(PersistenceConfig.forNode(Path.of("/srv/atoll"), settings)
        .getBoolean("akka.persistence.journal.leveldb.native"));
  }

  @Test
  void jdbcPointsJournalSnapshotsAndReadJournalAtOneSharedPostgresDatabase() {
    Config atoll = ConfigFactory.parseString("""
            atoll.persistence.journal = jdbc
            atoll.persistence.jdbc { url = "jdbc:postgresql://db:5432/atoll", user = u, password = s3cret
              max-connections = 4, connection-timeout = 3s }
            """).withFallback(ConfigFactory.load()).getConfig("atoll");
    PersistenceSettings settings = PersistenceSettings.fromConfig(atoll);
    assertEquals(PersistenceSettings.Journal.JDBC, settings.journal());
    Config config = PersistenceConfig.forNode(Path.of("/srv/atoll"), settings)
        .withFallback(ConfigFactory.load()).resolve();
    assertEquals("jdbc-journal", config.getString("akka.persistence.journal.plugin"));
    assertEquals("jdbc-snapshot-store", config.getString("akka.persistence.snapshot-store.plugin"));
    for (String plugin : List.of("jdbc-journal", "jdbc-snapshot-store", "jdbc-read-journal")) {
      assertEquals("slick", config.getString(plugin + ".use-shared-db"), plugin);
    }
    Config db = config.getConfig("akka-persistence-jdbc.shared-databases.slick");
    assertEquals("slick.jdbc.PostgresProfile$", db.getString("profile"));
    assertEquals("jdbc:postgresql://db:5432/atoll", db.getString("db.url"));
    assertEquals("u", db.getString("db.user"));
    assertEquals("s3cret", db.getString("db.password"));
    assertEquals("org.postgresql.Driver", db.getString("db.driver"));
    assertEquals(4, db.getInt("db.maxConnections"));
    assertEquals(4, db.getInt("db.numThreads"));
    assertEquals(3000, db.getLong("db.connectionTimeout"));
    assertEquals(3000, db.getLong("db.validationTimeout"));
    assertEquals("HikariCP", db.getString("db.connectionPool"), "the plugin's pool defaults stay");
  }

  @Test
  void theJdbcPasswordIsNeverShown() {
    PersistenceSettings.JdbcSettings jdbc = new PersistenceSettings.JdbcSettings(
        "jdbc:postgresql://db/atoll?ssl=true&password=inUrl", "u", "s3cret", 2, Duration.ofSeconds(5), true);
    assertFalse(jdbc.toString().contains("s3cret"), jdbc.toString());
    assertFalse(jdbc.toString().contains("inUrl"), jdbc.toString());
    assertEquals("jdbc:postgresql://db/atoll?ssl=true&password=***", jdbc.displayUrl());
  }

  @Test
  void jdbcWithoutAPostgresUrlOrWithAnUnknownJournalNamesTheKey() {
    Config noUrl = ConfigFactory.parseString("atoll.persistence.journal = jdbc")
        .withFallback(ConfigFactory.load()).getConfig("atoll");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PersistenceSettings.fromConfig(noUrl));
    assertTrue(e.getMessage().startsWith("atoll.persistence.jdbc.url: expected jdbc:postgresql://"),
        e.getMessage());
    Config unknown = ConfigFactory.parseString("atoll.persistence.journal = cassandra")
        .withFallback(ConfigFactory.load()).getConfig("atoll");
    e = assertThrows(IllegalArgumentException.class, () -> PersistenceSettings.fromConfig(unknown));
    assertEquals("atoll.persistence.journal: expected leveldb or jdbc, got 'cassandra'", e.getMessage());
  }

  @Test
  void theJdbcSchemaScriptIsIdempotentSql() {
    List<String> statements = JournalDatabase.statements();
    assertEquals(4, statements.size(), statements.toString());
    statements.forEach(sql -> assertTrue(sql.contains("IF NOT EXISTS"), sql));
    JournalDatabase.TABLES.forEach(table -> assertTrue(statements.stream()
        .anyMatch(sql -> sql.startsWith("CREATE TABLE IF NOT EXISTS " + table + " ")), table));
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
    assertEquals("leveldb", reference.getString("atoll.persistence.journal"));
  }
}
