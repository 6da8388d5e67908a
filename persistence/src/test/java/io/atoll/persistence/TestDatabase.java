package io.atoll.persistence;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.atoll.persistence.PersistenceSettings.JdbcSettings;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fresh PostgreSQL database for one test, created on the server that {@code ATOLL_TEST_JDBC_URL},
 * {@code _USER} and {@code _PASSWORD} name ({@code .ci/run} starts one and sets them; the role needs
 * CREATEDB) and dropped on {@link #close()}, so tests never see each other's journal.
 *
 * <p>Without {@code ATOLL_TEST_JDBC_URL} the test is skipped with the reason, except when
 * {@code CI=true}: there it fails, so CI cannot silently skip the JDBC tests.
 */
public final class TestDatabase implements AutoCloseable {
  public static final String URL_ENV = "ATOLL_TEST_JDBC_URL";
  private static final Pattern DATABASE = Pattern.compile("^(jdbc:postgresql://[^/]*/)([^?]*)(.*)$");

  private final JdbcSettings server;
  private final String name;
  private final JdbcSettings settings;

  private TestDatabase(JdbcSettings server, String name, JdbcSettings settings) {
    this.server = server;
    this.name = name;
    this.settings = settings;
  }

  /** Creates database {@code atoll_<purpose>_<random>}; skips (or, with CI=true, fails) without a server. */
  public static TestDatabase create(String purpose) {
    JdbcSettings server = server();
    String name = ("atoll_" + purpose + "_" + UUID.randomUUID().toString().substring(0, 8))
        .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    execute(server, "CREATE DATABASE " + name);
    Matcher url = DATABASE.matcher(server.url());
    if (!url.matches()) {
      throw new IllegalStateException(URL_ENV + " is not jdbc:postgresql://HOST:PORT/DATABASE: " + server.displayUrl());
    }
    String testUrl = url.group(1) + name + url.group(3);
    return new TestDatabase(server, name, new JdbcSettings(
        testUrl, server.user(), server.password(), 4, Duration.ofSeconds(5), true));
  }

  /** The test server's login, from the environment. */
  public static JdbcSettings server() {
    String url = System.getenv(URL_ENV);
    if (url == null || url.isBlank()) {
      String reason = URL_ENV + " is not set: the JDBC journal tests need the PostgreSQL that .ci/run"
          + " starts (or run `source .ci/test-db.sh` first)";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail(reason + "; CI=true, so this fails instead of being skipped");
      }
      assumeTrue(false, reason + "; skipped");
    }
    return new JdbcSettings(url, env("ATOLL_TEST_JDBC_USER"), env("ATOLL_TEST_JDBC_PASSWORD"), 4,
        Duration.ofSeconds(5), true);
  }

  /** The database's name. */
  public String name() {
    return name;
  }

  /** Login and URL of this test's database (tables are created at master start). */
  public JdbcSettings settings() {
    return settings;
  }

  /**
   * Drops the database, closing any connection a killed node left behind. An autovacuum worker
   * (a superuser process the test role may not terminate) can be busy in it right after a test
   * wrote many rows; it ends within moments, so the drop is tried again for up to 30 s.
   */
  @Override
  public void close() {
    String drop = "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)";
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      try {
        execute(server, drop);
        return;
      } catch (IllegalStateException e) {
        boolean autovacuum = e.getCause() instanceof SQLException sql && "42501".equals(sql.getSQLState());
        if (!autovacuum || System.nanoTime() > deadline) {
          throw e;
        }
        java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(200).toNanos()); // polls the server
      }
    }
  }

  private static void execute(JdbcSettings login, String sql) {
    try (Connection connection = JournalDatabase.connect(login); Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + " on " + login.displayUrl() + " failed: " + e.getMessage(), e);
    }
  }

  private static String env(String name) {
    String value = System.getenv(name);
    return value == null ? "" : value;
  }
}
