package io.atoll.runtime.connector.jdbc;

import io.atoll.persistence.PersistenceSettings.JdbcSettings;
import io.atoll.persistence.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A fresh PostgreSQL database for one Jdbc source test ({@link TestDatabase}: skipped with the reason
 * without {@code ATOLL_TEST_JDBC_URL}, failing under {@code CI=true}), with SQL set-up and the Jdbc
 * block's login options.
 */
final class JdbcTestDatabase implements AutoCloseable {
  private final TestDatabase database;

  JdbcTestDatabase(String purpose) {
    this.database = TestDatabase.create(purpose);
  }

  JdbcSettings login() {
    return database.settings();
  }

  /** Runs each statement. */
  void execute(String... sql) throws SQLException {
    try (Connection connection = connect(); Statement statement = connection.createStatement()) {
      for (String s : sql) {
        statement.execute(s);
      }
    }
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection(login().url(), login().user(), login().password());
  }

  /** The block's url, driver, user and password lines. */
  String loginOptions() {
    return """
        url = "%s"
        driver = "org.postgresql.Driver"
        user = "%s"
        password = "%s"
        """.formatted(login().url(), login().user(), login().password());
  }

  @Override
  public void close() {
    database.close();
  }
}
