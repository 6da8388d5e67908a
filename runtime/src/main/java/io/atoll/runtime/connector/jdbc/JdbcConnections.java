package io.atoll.runtime.connector.jdbc;

import io.atoll.protocol.connector.ResourceScope;
import io.atoll.runtime.connector.PluginClasses;
import io.atoll.runtime.connector.jdbc.JdbcSourceSettings.JdbcLogin;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Opens connections for a {@link JdbcLogin}. The driver class is found with {@link PluginClasses}
 * and called directly, not through {@code DriverManager}, so a driver jar in the node's
 * {@code plugins/} directory works too. Every message it builds masks the password.
 */
final class JdbcConnections {
  private JdbcConnections() {}

  /** A connection checked with {@code isValid(connection_check_timeout_sec)}, auto-commit on. */
  static Connection open(JdbcLogin login) throws SQLException {
    Driver driver = driver(login.driver());
    Properties properties = new Properties();
    properties.putAll(login.properties());
    if (login.user() != null) {
      properties.setProperty("user", login.user());
    }
    if (login.password() != null) {
      properties.setProperty("password", login.password());
    }
    if (login.postgres()) {
      properties.putIfAbsent("connectTimeout", Integer.toString(login.checkTimeoutSeconds()));
      properties.putIfAbsent("ApplicationName", "atoll-jdbc-source");
    }
    Connection connection = driver.connect(login.url(), properties);
    if (connection == null) {
      throw new SQLException("driver " + login.driver() + " does not accept url " + mask(login.url(), login.password()));
    }
    if (!connection.isValid(login.checkTimeoutSeconds())) {
      connection.close();
      throw new SQLException("connection to " + mask(login.url(), login.password()) + " is not valid after "
          + login.checkTimeoutSeconds() + " s (connection_check_timeout_sec)");
    }
    return connection;
  }

  /**
   * {@link #open(JdbcLogin)}, registered with the task's resource scope ("connection", described by
   * its URL without the password, reclaimed by closing it) until {@link Tracked#close()}.
   */
  static Tracked open(JdbcLogin login, ResourceScope resources) throws SQLException {
    Connection connection = open(login);
    return new Tracked(connection, resources.hold("connection", describe(login), connection));
  }

  /** What a leak report shows of a connection: its URL, without a password. */
  static String describe(JdbcLogin login) {
    return mask(login.url(), login.password());
  }

  /** A connection and its registration; closing closes the one and releases the other. */
  record Tracked(Connection connection, ResourceScope.Held held) implements AutoCloseable {
    @Override
    public void close() throws SQLException {
      try {
        connection.close();
      } finally {
        held.release();
      }
    }
  }

  static Driver driver(String className) throws SQLException {
    try {
      Class<?> type = PluginClasses.load(className);
      return (Driver) type.getDeclaredConstructor().newInstance();
    } catch (ClassNotFoundException e) {
      throw new SQLException("driver class " + className + " is not on the classpath; put the driver's jar"
          + " in the node's plugins/ directory", e);
    } catch (ReflectiveOperationException | ClassCastException e) {
      throw new SQLException("driver class " + className + " cannot be created as a java.sql.Driver: " + e, e);
    }
  }

  /**
   * The text with the password, and any password in a URL ({@code password=}, {@code user:password@}),
   * replaced by ******, as {@link io.atoll.protocol.job.Secrets} masks a job's texts.
   */
  static String mask(String text, String password) {
    return io.atoll.protocol.job.Secrets.maskValue(io.atoll.protocol.job.Secrets.maskUrls(text), password);
  }
}
