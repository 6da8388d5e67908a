package io.atoll.persistence;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code atoll.persistence} block of a node's config, read once at start.
 *
 * @param journal where masters journal their state: the node's own LevelDB, or a shared database
 * @param levelDbNative use the leveldbjni native LevelDB ({@code true}, fast, Linux/Windows/macOS
 *     x86_64 only) or the pure-Java iq80 port ({@code false}, for aarch64 and Apple Silicon)
 * @param jdbc the shared database; present exactly when {@code journal} is {@link Journal#JDBC}
 */
public record PersistenceSettings(Journal journal, boolean levelDbNative, Optional<JdbcSettings> jdbc) {

  /** Where the journal and snapshots live. */
  public enum Journal {
    /** A LevelDB journal in the node's data dir: one master-eligible node per cluster. */
    LEVELDB,
    /** A shared PostgreSQL database (akka-persistence-jdbc): several master nodes. */
    JDBC
  }

  /** The defaults of this module's reference.conf. */
  public static final PersistenceSettings DEFAULT =
      new PersistenceSettings(Journal.LEVELDB, true, Optional.empty());

  public PersistenceSettings {
    Objects.requireNonNull(journal, "journal");
    if (jdbc.isPresent() != (journal == Journal.JDBC)) {
      throw new IllegalArgumentException("JDBC settings go with journal = jdbc, and only with it");
    }
  }

  /** @param atoll the {@code atoll} block of the node's config */
  public static PersistenceSettings fromConfig(Config atoll) {
    boolean levelDbNative;
    try {
      levelDbNative = atoll.getBoolean("persistence.leveldb-native");
    } catch (ConfigException e) {
      throw new IllegalArgumentException("atoll.persistence.leveldb-native: " + e.getMessage(), e);
    }
    Journal journal = journal(atoll);
    Optional<JdbcSettings> jdbc = journal == Journal.JDBC
        ? Optional.of(JdbcSettings.fromConfig(atoll.getConfig("persistence.jdbc")))
        : Optional.empty();
    return new PersistenceSettings(journal, levelDbNative, jdbc);
  }

  private static Journal journal(Config atoll) {
    String value;
    try {
      value = atoll.getString("persistence.journal");
    } catch (ConfigException e) {
      throw new IllegalArgumentException("atoll.persistence.journal: " + e.getMessage(), e);
    }
    try {
      return Journal.valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "atoll.persistence.journal: expected leveldb or jdbc, got '" + value + "'", e);
    }
  }

  /**
   * The shared journal database ({@code atoll.persistence.jdbc}). PostgreSQL only: the Slick profile
   * and the schema Atoll creates are PostgreSQL's.
   *
   * @param url a {@code jdbc:postgresql://host:port/database} URL
   * @param password never shown: {@link #toString()} and {@link #displayUrl()} leave it out
   * @param maxConnections connections (and Slick threads) of the node's pool
   * @param connectionTimeout how long a connection attempt may take, at start and in the pool
   * @param createTables create the journal's tables at master start if they are missing
   */
  public record JdbcSettings(String url, String user, String password, int maxConnections,
                             Duration connectionTimeout, boolean createTables) {

    public JdbcSettings {
      if (url == null || !url.startsWith("jdbc:postgresql:")) {
        throw new IllegalArgumentException("atoll.persistence.jdbc.url: expected"
            + " jdbc:postgresql://HOST:PORT/DATABASE with atoll.persistence.journal = jdbc, got '"
            + (url == null ? "" : redact(url)) + "'");
      }
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(password, "password");
      if (maxConnections < 1) {
        throw new IllegalArgumentException(
            "atoll.persistence.jdbc.max-connections: must be at least 1, got " + maxConnections);
      }
      if (connectionTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
        throw new IllegalArgumentException("atoll.persistence.jdbc.connection-timeout: must be at"
            + " least 1s (HikariCP's minimum), got " + connectionTimeout);
      }
    }

    static JdbcSettings fromConfig(Config jdbc) {
      try {
        return new JdbcSettings(jdbc.getString("url").trim(), jdbc.getString("user"),
            jdbc.getString("password"), jdbc.getInt("max-connections"),
            jdbc.getDuration("connection-timeout"), jdbc.getBoolean("create-tables"));
      } catch (ConfigException e) {
        throw new IllegalArgumentException("atoll.persistence.jdbc: " + e.getMessage(), e);
      }
    }

    /** The URL with any password parameter masked, for messages and logs. */
    public String displayUrl() {
      return redact(url);
    }

    private static String redact(String url) {
      return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    @Override
    public String toString() {
      return "JdbcSettings[url=" + displayUrl() + ", user=" + user + ", password=***, maxConnections="
          + maxConnections + ", connectionTimeout=" + connectionTimeout + ", createTables="
          + createTables + "]";
    }
  }
}
