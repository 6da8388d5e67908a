package io.atoll.persistence;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.nio.file.Path;

/**
 * Akka Persistence settings that point the journal and snapshot store at a node's data directory.
 *
 * <p>Built in code rather than in reference.conf: a {@code ${atoll.data-dir}} substitution in a
 * reference.conf is resolved when that file is loaded, before the user's {@code --data-dir} or
 * config file is merged, so it would always see the default. Paths go in through
 * {@link ConfigValueFactory} so spaces, quotes, backslashes and {@code $} in them stay literal.
 *
 * <p>The result is one config layer. The caller decides precedence: put it in front of the user's
 * config to force the local LevelDB store, or behind it to let a user choose another journal (JDBC):
 * {@code userConfig.withFallback(PersistenceConfig.forDataDir(dir)).withFallback(defaults)}.
 */
public final class PersistenceConfig {

  public static final String JOURNAL_PLUGIN = "akka.persistence.journal.leveldb";
  public static final String SNAPSHOT_PLUGIN = "akka.persistence.snapshot-store.local";

  private PersistenceConfig() {}

  /** LevelDB journal (native) and local snapshots under {@code dir}. */
  public static Config forDataDir(Path dir) {
    return forDataDir(dir, PersistenceSettings.DEFAULT);
  }

  /** LevelDB journal and local snapshots under {@code dir}, as {@code settings} choose. */
  public static Config forDataDir(Path dir, PersistenceSettings settings) {
    return forDataDir(dir, settings.levelDbNative());
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
