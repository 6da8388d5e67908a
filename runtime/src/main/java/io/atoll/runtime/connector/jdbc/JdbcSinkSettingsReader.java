package io.atoll.runtime.connector.jdbc;

import static io.atoll.runtime.connector.jdbc.JdbcSinkFactory.BATCH_SIZE;
import static io.atoll.runtime.connector.jdbc.JdbcSinkFactory.CUSTOM_SQL;
import static io.atoll.runtime.connector.jdbc.JdbcSinkFactory.DATABASE;
import static io.atoll.runtime.connector.jdbc.JdbcSinkFactory.DATA_SAVE_MODE;
import static io.atoll.runtime.connector.jdbc.JdbcSinkFactory.ENABLE_UPSERT;
import static io.atoll.runtime.connector.jdbc.JdbcSinkFactory.EXACTLY_ONCE;
import static io.atoll.runtime.connector.jdbc.JdbcSinkFactory.GENERATE_SINK_SQL;
import static io.atoll.runtime.connector.jdbc.JdbcSinkFactory.MAX_COMMIT_ATTEMPTS;
import static io.atoll.runtime.connector.jdbc.JdbcSinkFactory.MAX_RETRIES;
import static io.atoll.runtime.connector.jdbc.JdbcSinkFactory.PRIMARY_KEYS;
import static io.atoll.runtime.connector.jdbc.JdbcSinkFactory.QUERY;
import static io.atoll.runtime.connector.jdbc.JdbcSinkFactory.SCHEMA_SAVE_MODE;
import static io.atoll.runtime.connector.jdbc.JdbcSinkFactory.TABLE;
import static io.atoll.runtime.connector.jdbc.JdbcSinkFactory.TRANSACTION_TIMEOUT;
import static io.atoll.runtime.connector.jdbc.JdbcSinkFactory.UPSERT_BY_QUERY;
import static io.atoll.runtime.connector.jdbc.JdbcSinkFactory.XA_DATA_SOURCE;

import com.typesafe.config.Config;
import io.atoll.protocol.connector.PluginConfigs;
import io.atoll.protocol.data.RowType;
import io.atoll.runtime.connector.jdbc.JdbcSinkSettings.DataSaveMode;
import io.atoll.runtime.connector.jdbc.JdbcSinkSettings.SchemaSaveMode;
import io.atoll.runtime.connector.jdbc.JdbcSourceSettings.JdbcLogin;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a Jdbc sink block ({@link #read}), then checks it against the database and the input schema
 * ({@link #check}): the login, the table (or that {@code schema_save_mode} may create it), every
 * input field a column of it, the primary keys input fields, the {@code ?} count of {@code query}.
 * Every problem names the option; database messages pass through {@link JdbcConnections#mask}.
 */
final class JdbcSinkSettingsReader {
  static final String PG_XA_DATA_SOURCE = "org.postgresql.xa.PGXADataSource";

  private JdbcSinkSettingsReader() {}

  /** The settings, or null after adding the problems. */
  static JdbcSinkSettings read(Config config, List<String> problems) {
    int before = problems.size();
    String url = PluginConfigs.string(config, JdbcSourceFactory.URL);
    String driver = PluginConfigs.string(config, JdbcSourceFactory.DRIVER);
    if (url == null || driver == null) {
      return null; // required options: reported by the generic checks
    }
    String query = blankToNull(PluginConfigs.string(config, QUERY));
    String database = blankToNull(PluginConfigs.string(config, DATABASE));
    String table = blankToNull(PluginConfigs.string(config, TABLE));
    boolean generate = PluginConfigs.bool(config, GENERATE_SINK_SQL);
    if (generate && table == null) {
      problems.add("option 'table' is required with generate_sink_sql = true (and 'database')");
    }
    if (generate && database == null) {
      problems.add("option 'database' is required with generate_sink_sql = true");
    }
    if (!generate && query == null) {
      problems.add("option 'query' is required, or generate_sink_sql = true with 'database' and 'table'");
    }
    if (generate && query != null) {
      problems.add("options 'query' and 'generate_sink_sql' exclude each other: give one of them");
    }
    int batchSize = PluginConfigs.integer(config, BATCH_SIZE);
    int maxRetries = PluginConfigs.integer(config, MAX_RETRIES);
    int commitAttempts = PluginConfigs.integer(config, MAX_COMMIT_ATTEMPTS);
    int timeout = PluginConfigs.integer(config, JdbcSourceFactory.CHECK_TIMEOUT);
    atLeast(batchSize, BATCH_SIZE.name(), 1, problems);
    atLeast(maxRetries, MAX_RETRIES.name(), 0, problems);
    atLeast(commitAttempts, MAX_COMMIT_ATTEMPTS.name(), 1, problems);
    atLeast(timeout, JdbcSourceFactory.CHECK_TIMEOUT.name(), 0, problems);
    boolean exactlyOnce = PluginConfigs.bool(config, EXACTLY_ONCE);
    String xa = blankToNull(PluginConfigs.string(config, XA_DATA_SOURCE));
    if (exactlyOnce && xa == null) {
      if (url.startsWith("jdbc:postgresql:")) {
        xa = PG_XA_DATA_SOURCE;
      } else {
        problems.add("option 'xa_data_source_class_name' is required with is_exactly_once = true"
            + " (e.g. com.mysql.cj.jdbc.MysqlXADataSource)");
      }
    }
    if (exactlyOnce && maxRetries != 0) {
      problems.add("option 'max_retries' must be 0 with is_exactly_once = true: a retried XA branch could"
          + " write its rows twice (a failure restores the pipeline from its last checkpoint instead)");
    }
    List<String> keys = PluginConfigs.stringList(config, PRIMARY_KEYS);
    DataSaveMode dataMode = DataSaveMode.valueOf(PluginConfigs.string(config, DATA_SAVE_MODE));
    String customSql = blankToNull(PluginConfigs.string(config, CUSTOM_SQL));
    if (dataMode == DataSaveMode.CUSTOM_PROCESSING && customSql == null) {
      problems.add("option 'custom_sql' is required with data_save_mode = CUSTOM_PROCESSING");
    }
    Map<String, String> properties = new HashMap<>();
    if (config.hasPath(JdbcSourceFactory.PROPERTIES.name())) {
      config.getObject(JdbcSourceFactory.PROPERTIES.name()).unwrapped()
          .forEach((k, v) -> properties.put(k, String.valueOf(v)));
    }
    if (url.startsWith("jdbc:postgresql:")) {
      properties.putIfAbsent("ApplicationName", "atoll-jdbc-sink"); // tells the sink's sessions apart in pg_stat_activity
    }
    if (problems.size() > before) {
      return null;
    }
    JdbcLogin login = new JdbcLogin(url, driver, PluginConfigs.string(config, JdbcSourceFactory.USER),
        PluginConfigs.string(config, JdbcSourceFactory.PASSWORD), properties, timeout);
    return new JdbcSinkSettings(login, generate ? null : query, generate ? table : null, database,
        keys == null ? List.of() : keys, PluginConfigs.bool(config, UPSERT_BY_QUERY),
        PluginConfigs.bool(config, ENABLE_UPSERT), batchSize, maxRetries, exactlyOnce, xa, commitAttempts,
        PluginConfigs.integer(config, TRANSACTION_TIMEOUT),
        SchemaSaveMode.valueOf(PluginConfigs.string(config, SCHEMA_SAVE_MODE)), dataMode, customSql);
  }

  /** Checks the settings against the input schema and the database. */
  static void check(JdbcSinkSettings settings, RowType input, List<String> problems) {
    int before = problems.size();
    JdbcSinkValues.check(input, problems);
    List<String> fields = input.fields().stream().map(RowType.Field::name).toList();
    for (String key : settings.primaryKeys()) {
      if (!fields.contains(key)) {
        problems.add("option 'primary_keys': '" + key + "' is not an input field; the fields are " + fields);
      }
    }
    if (!settings.generated()) {
      int placeholders = JdbcSinkTable.placeholders(settings.query());
      if (placeholders != fields.size()) {
        problems.add("option 'query' has " + placeholders + " '?' placeholder(s) but the input has " + fields.size()
            + " field(s) " + fields + ", bound in that order");
      }
    }
    if (problems.size() > before) {
      return;
    }
    JdbcLogin login = settings.login();
    Connection connection;
    try {
      connection = JdbcConnections.open(login);
    } catch (SQLException e) {
      String state = e.getSQLState() == null ? "" : e.getSQLState();
      String option = e.getMessage() != null && e.getMessage().startsWith("driver class") ? "driver"
          : state.startsWith("28") ? "user' / 'password" : "url";
      problems.add("option '" + option + "': cannot connect to " + JdbcConnections.mask(login.url(), login.password())
          + (login.user() == null ? "" : " as user '" + login.user() + "'") + ": "
          + JdbcConnections.mask(e.getMessage(), login.password()));
      return;
    }
    try (connection) {
      if (settings.exactlyOnce() && login.postgres()) {
        preparedTransactionsEnabled(connection, problems);
      }
      if (settings.generated()) {
        JdbcSinkTable.check(connection, settings, input, problems);
      }
    } catch (SQLException e) {
      problems.add("option 'url': checking the sink's table on " + JdbcConnections.mask(login.url(), login.password())
          + " failed: " + JdbcConnections.mask(e.getMessage(), login.password()));
    }
  }

  /** PostgreSQL refuses PREPARE TRANSACTION while max_prepared_transactions is 0 (its default). */
  private static void preparedTransactionsEnabled(Connection connection, List<String> problems) throws SQLException {
    try (var statement = connection.createStatement();
        var rs = statement.executeQuery("SHOW max_prepared_transactions")) {
      if (rs.next() && rs.getInt(1) == 0) {
        problems.add("option 'is_exactly_once': the PostgreSQL server has max_prepared_transactions = 0, so it"
            + " refuses XA transactions; set it above 0 (ALTER SYSTEM SET max_prepared_transactions = 64, then"
            + " restart PostgreSQL) or write at-least-once");
      }
    }
  }

  private static void atLeast(int value, String option, int min, List<String> problems) {
    if (value < min) {
      problems.add("option '" + option + "' must be " + min + " or more, got " + value);
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
