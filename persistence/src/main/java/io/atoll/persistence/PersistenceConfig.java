package io.atoll.persistence;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Akka Persistence settings that point the journal and snapshot store at a node's data directory
 * (LevelDB), or at the shared PostgreSQL database of {@code atoll.persistence.jdbc}.
 *
 * <p>Built in code rather than in reference.conf: a {@code ${atoll.data-dir}} substitution in a
 * reference.conf is resolved when that file is loaded, before the user's {@code --data-dir} or
 * config file is merged, so it would always see the default. Paths go in through
 * {@link ConfigValueFactory} so spaces, quotes, backslashes and {@code $} in them stay literal.
 *
 * <p>The result is one config layer. The caller decides precedence: put it in front of the user's
 * config to force the local LevelDB store, or behind it to let a user choose another journal (JDBC):
 * {@code userConfig.withFallback(PersistenceConfig.forNode(dir, settings)).withFallback(defaults)}.
 *
 * <p>With JDBC, the journal, the snapshot store and the read journal share one connection pool (the
 * plugin's {@code shared-databases.slick}). Cluster Sharding's remember-entities store uses the
 * default journal plugin, so the remembered job masters land in the same database.
 */
public final class PersistenceConfig {
  private static final Logger LOG = LoggerFactory.getLogger(PersistenceConfig.class);


  public static final String JOURNAL_PLUGIN = "akka.persistence.journal.leveldb";
  public static final String SNAPSHOT_PLUGIN = "akka.persistence.snapshot-store.local";
  public static final String JDBC_JOURNAL_PLUGIN = "jdbc-journal";
  public static final String JDBC_SNAPSHOT_PLUGIN = "jdbc-snapshot-store";
  /** The plugin's shared database that Atoll configures (its reference.conf has the pool defaults). */
  static final String SHARED_DB = "slick";

  private PersistenceConfig() {}

  /** LevelDB journal (native) and local snapshots under {@code dir}. */
  public static Config forDataDir(Path dir) {
    return forDataDir(dir, true);
  }

  /** The journal and snapshot store {@code settings} choose; {@code dir} is the node's data dir. */
  public static Config forNode(Path dir, PersistenceSettings settings) {
    return settings.jdbc().map(PersistenceConfig::forJdbc)
        .orElseGet(() -> forDataDir(dir, settings.levelDbNative() && nativeLevelDbHere()));
  }

  /**
   * Whether leveldbjni can load here: the jar carries its library for Linux x86-64 only (or the user
   * pointed {@code library.leveldbjni.path} at one). Elsewhere the pure-Java LevelDB is used, said once.
   */
  private static boolean nativeLevelDbHere() {
    if (System.getProperty(NativeLevelDb.PATH_PROPERTY) != null || NativeLevelDb.resource().isPresent()) {
      return true;
    }
    LOG.info("no native LevelDB library for {} {} in this build: the journal uses the pure-Java LevelDB",
        System.getProperty("os.name"), System.getProperty("os.arch"));
    return false;
  }

  /** JDBC journal and snapshot store on the PostgreSQL database of {@code jdbc}. */
  public static Config forJdbc(PersistenceSettings.JdbcSettings jdbc) {
    String db = "akka-persistence-jdbc.shared-databases." + SHARED_DB;
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("akka.persistence.journal.plugin", JDBC_JOURNAL_PLUGIN);
    values.put("akka.persistence.snapshot-store.plugin", JDBC_SNAPSHOT_PLUGIN);
    values.put(JDBC_JOURNAL_PLUGIN + ".use-shared-db", SHARED_DB);
    values.put(JDBC_SNAPSHOT_PLUGIN + ".use-shared-db", SHARED_DB);
    values.put("jdbc-read-journal.use-shared-db", SHARED_DB);
    values.put(db + ".profile", "slick.jdbc.PostgresProfile$");
    values.put(db + ".db.driver", "org.postgresql.Driver");
    values.put(db + ".db.url", jdbc.url());
    values.put(db + ".db.user", jdbc.user());
    values.put(db + ".db.password", jdbc.password());
    // Slick warns (and can deadlock) when threads outnumber connections: keep them equal.
    values.put(db + ".db.numThreads", jdbc.maxConnections());
    values.put(db + ".db.maxConnections", jdbc.maxConnections());
    values.put(db + ".db.minConnections", 1);
    long timeoutMillis = jdbc.connectionTimeout().toMillis();
    values.put(db + ".db.connectionTimeout", timeoutMillis);
    values.put(db + ".db.validationTimeout", Math.min(5000, timeoutMillis)); // must not exceed it
    Config config = ConfigFactory.empty();
    for (Map.Entry<String, Object> e : values.entrySet()) {
      config = config.withValue(e.getKey(), ConfigValueFactory.fromAnyRef(e.getValue()));
    }
    return config;
  }

  /**
   * LevelDB journal in {@code dir/journal}, local snapshots in {@code dir/snapshots}.
   *
   * @param nativeLevelDb leveldbjni ({@code true}) or the pure-Java port ({@code false})
   */
  public static Config forDataDir(Path dir, boolean nativeLevelDb) {
    Path absolute = dir.toAbsolutePath().normalize();
    return ConfigFactory.empty()
        .withValue("akka.persistence.journal.plugin", ConfigValueFactory.fromAnyRef(JOURNAL_PLUGIN))
        .withValue(JOURNAL_PLUGIN + ".dir",
            ConfigValueFactory.fromAnyRef(absolute.resolve("journal").toString()))
        .withValue(JOURNAL_PLUGIN + ".native", ConfigValueFactory.fromAnyRef(nativeLevelDb))
        .withValue("akka.persistence.snapshot-store.plugin",
            ConfigValueFactory.fromAnyRef(SNAPSHOT_PLUGIN))
        .withValue(SNAPSHOT_PLUGIN + ".dir",
            ConfigValueFactory.fromAnyRef(absolute.resolve("snapshots").toString()));
  }
}
