package io.atoll.persistence;

import io.atoll.persistence.PersistenceSettings.JdbcSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Prepares the shared PostgreSQL journal before a master's ActorSystem starts: connects once (so an
 * unreachable database or a wrong login stops the node at start with the URL named, instead of
 * journal failures later), then creates the journal and snapshot tables if they are missing, or
 * with {@code create-tables = off} checks that they exist.
 *
 * <p>Several masters may start at once against one empty database; a transaction-scoped advisory
 * lock makes them create the tables one after the other ({@code CREATE ... IF NOT EXISTS} alone
 * races on PostgreSQL's catalog).
 */
public final class JournalDatabase {
  static final String SCHEMA_RESOURCE = "postgres-journal-schema.sql";
  static final List<String> TABLES = List.of("event_journal", "event_tag", "snapshot");
  /** Any fixed number: the advisory lock serialises schema creation across nodes. */
  private static final long SCHEMA_LOCK = 0x61746f6c6cL; // "atoll"

  private JournalDatabase() {}

  /** @throws JournalDatabaseException if the database cannot be reached or the tables are not usable */
  public static void prepare(JdbcSettings jdbc) {
    try (Connection connection = connect(jdbc)) {
      if (jdbc.createTables()) {
        createTables(connection);
      } else {
        requireTables(connection, jdbc);
      }
    } catch (SQLException e) {
      throw new JournalDatabaseException("cannot use the journal database " + jdbc.displayUrl()
          + " as user '" + jdbc.user() + "' (" + oneLine(e) + "): check that PostgreSQL runs there and"
          + " atoll.persistence.jdbc.url, user and password (or ATOLL_JDBC_PASSWORD)", e);
    }
  }

  /** A plain JDBC connection with the settings' login and timeouts. */
  public static Connection connect(JdbcSettings jdbc) throws SQLException {
    Properties login = new Properties();
    login.setProperty("user", jdbc.user());
    login.setProperty("password", jdbc.password());
    String seconds = Long.toString(Math.max(1, jdbc.connectionTimeout().toSeconds()));
    login.setProperty("connectTimeout", seconds);
    login.setProperty("loginTimeout", seconds);
    return DriverManager.getConnection(jdbc.url(), login);
  }

  private static void createTables(Connection connection) throws SQLException {
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    try (Statement statement = connection.createStatement()) {
      statement.execute("SELECT pg_advisory_xact_lock(" + SCHEMA_LOCK + ")");
      for (String sql : statements()) {
        statement.execute(sql);
      }
      connection.commit();
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(autoCommit);
    }
  }

  private static void requireTables(Connection connection, JdbcSettings jdbc) throws SQLException {
    List<String> missing = new ArrayList<>();
    try (Statement statement = connection.createStatement()) {
      for (String table : TABLES) {
        try (ResultSet found = statement.executeQuery("SELECT to_regclass('" + table + "') IS NOT NULL")) {
          found.next();
          if (!found.getBoolean(1)) {
            missing.add(table);
          }
        }
      }
    }
    if (!missing.isEmpty()) {
      throw new SQLException("tables " + missing + " are missing and atoll.persistence.jdbc.create-tables"
          + " is off: create them with the SQL in " + SCHEMA_RESOURCE + " of atoll-persistence, or turn"
          + " create-tables on");
    }
  }

  /** The schema script's statements, comments dropped. */
  static List<String> statements() {
    String script;
    try (InputStream in = JournalDatabase.class.getResourceAsStream(SCHEMA_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(SCHEMA_RESOURCE + " is missing from the classpath");
      }
      script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + SCHEMA_RESOURCE, e);
    }
    String code = script.lines().filter(line -> !line.stripLeading().startsWith("--"))
        .reduce("", (a, b) -> a + b + "\n");
    List<String> statements = new ArrayList<>();
    for (String sql : code.split(";")) {
      if (!sql.isBlank()) {
        statements.add(sql.strip());
      }
    }
    return statements;
  }

  private static String oneLine(SQLException e) {
    String message = e.getMessage() == null ? e.toString() : e.getMessage();
    return message.replaceAll("\\s*\\R\\s*", " ").strip();
  }
}
