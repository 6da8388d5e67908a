package io.atoll.runtime.connector.jdbc;

import static io.atoll.runtime.connector.jdbc.JdbcSourceFactory.CHECK_TIMEOUT;
import static io.atoll.runtime.connector.jdbc.JdbcSourceFactory.DRIVER;
import static io.atoll.runtime.connector.jdbc.JdbcSourceFactory.FETCH_SIZE;
import static io.atoll.runtime.connector.jdbc.JdbcSourceFactory.PARTITION_COLUMN;
import static io.atoll.runtime.connector.jdbc.JdbcSourceFactory.PARTITION_LOWER_BOUND;
import static io.atoll.runtime.connector.jdbc.JdbcSourceFactory.PARTITION_NUM;
import static io.atoll.runtime.connector.jdbc.JdbcSourceFactory.PARTITION_UPPER_BOUND;
import static io.atoll.runtime.connector.jdbc.JdbcSourceFactory.PASSWORD;
import static io.atoll.runtime.connector.jdbc.JdbcSourceFactory.PROPERTIES;
import static io.atoll.runtime.connector.jdbc.JdbcSourceFactory.QUERY;
import static io.atoll.runtime.connector.jdbc.JdbcSourceFactory.SPLIT_SIZE;
import static io.atoll.runtime.connector.jdbc.JdbcSourceFactory.TABLE_PATH;
import static io.atoll.runtime.connector.jdbc.JdbcSourceFactory.URL;
import static io.atoll.runtime.connector.jdbc.JdbcSourceFactory.USER;
import static io.atoll.runtime.connector.jdbc.JdbcSourceFactory.WHERE_CONDITION;

import com.typesafe.config.Config;
import io.atoll.protocol.connector.PluginConfigs;
import io.atoll.runtime.connector.jdbc.JdbcSourceSettings.JdbcLogin;
import io.atoll.runtime.connector.jdbc.JdbcSourceSettings.Partition;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads and checks a Jdbc source block: the options, then the database itself (login, the query's
 * columns and their types, the partition column, the table's primary key). Every problem names the
 * option; messages from the database pass through {@link JdbcConnections#mask}.
 */
final class JdbcSourceSettingsReader {
  static final int DEFAULT_FETCH_SIZE = 1024;

  private JdbcSourceSettingsReader() {}

  /** The settings, or null after adding the problems. */
  static JdbcSourceSettings read(Config config, List<String> problems) {
    int before = problems.size();
    String url = PluginConfigs.string(config, URL);
    String driver = PluginConfigs.string(config, DRIVER);
    String password = PluginConfigs.string(config, PASSWORD);
    String query = PluginConfigs.string(config, QUERY);
    String tablePath = PluginConfigs.string(config, TABLE_PATH);
    String where = PluginConfigs.string(config, WHERE_CONDITION);
    if (url == null || driver == null) {
      return null; // required options: reported by the generic checks
    }
    if (blank(query) && blank(tablePath)) {
      problems.add("one of the options 'query' or 'table_path' is required");
    }
    if (where != null && !where.trim().toLowerCase(Locale.ROOT).startsWith("where")) {
      problems.add("option 'where_condition' must start with 'where', e.g. \"where id > 100\"; got '" + where + "'");
    }
    int fetchSize = PluginConfigs.integer(config, FETCH_SIZE);
    int splitSize = PluginConfigs.integer(config, SPLIT_SIZE);
    int timeout = PluginConfigs.integer(config, CHECK_TIMEOUT);
    int partitions = PluginConfigs.presentPath(config, PARTITION_NUM).isPresent()
        ? PluginConfigs.integer(config, PARTITION_NUM) : 0;
    positive(fetchSize, FETCH_SIZE.name(), 0, problems);
    positive(splitSize, SPLIT_SIZE.name(), 1, problems);
    positive(timeout, CHECK_TIMEOUT.name(), 0, problems);
    if (PluginConfigs.presentPath(config, PARTITION_NUM).isPresent()) {
      positive(partitions, PARTITION_NUM.name(), 1, problems);
    }
    Map<String, String> properties = properties(config);
    if (problems.size() > before) {
      return null;
    }
    JdbcLogin login = new JdbcLogin(url, driver, PluginConfigs.string(config, USER), password, properties, timeout);
    try (Connection connection = connect(login, problems)) {
      if (connection == null) {
        return null;
      }
      String quote = connection.getMetaData().getIdentifierQuoteString().trim();
      String baseQuery = baseQuery(query, tablePath, where, quote, login.postgres());
      List<JdbcColumn> columns = columns(connection, baseQuery, blank(query) ? TABLE_PATH.name() : QUERY.name(),
          login, problems);
      if (columns == null) {
        return null;
      }
      Partition partition = partition(config, columns, quote, partitions, splitSize, problems);
      List<String> key = blank(tablePath) ? List.of()
          : uniqueKey(connection.getMetaData(), tablePath, login.postgres(), columns, partition);
      if (problems.size() > before) {
        return null;
      }
      List<String> names = columns.stream().map(JdbcColumn::name).toList();
      return new JdbcSourceSettings(login, baseQuery, columns, partition,
          fetchSize == 0 ? DEFAULT_FETCH_SIZE : fetchSize, key.stream().map(c -> quote + c + quote).toList(),
          key.stream().map(names::indexOf).toList());
    } catch (SQLException e) {
      problems.add("option 'url': reading from " + JdbcConnections.mask(url, password) + " failed: "
          + JdbcConnections.mask(e.getMessage(), password));
      return null;
    }
  }

  private static Connection connect(JdbcLogin login, List<String> problems) {
    try {
      return JdbcConnections.open(login);
    } catch (SQLException e) {
      String state = e.getSQLState() == null ? "" : e.getSQLState();
      String option = e.getMessage() != null && e.getMessage().startsWith("driver class") ? "driver"
          : state.startsWith("28") ? "user' / 'password" : "url";
      problems.add("option '" + option + "': cannot connect to " + JdbcConnections.mask(login.url(), login.password())
          + (login.user() == null ? "" : " as user '" + login.user() + "'") + ": "
          + JdbcConnections.mask(e.getMessage(), login.password()));
      return null;
    }
  }

  /** The query read: {@code query}, or every column of {@code table_path}; then {@code where_condition}. */
  static String baseQuery(String query, String tablePath, String where, String quote, boolean postgres) {
    String base;
    if (!blank(query)) {
      base = query.trim().replaceAll(";+\\s*$", "");
      if (where != null) {
        base = "SELECT * FROM (" + base + ") atoll_query";
      }
    } else {
      base = "SELECT * FROM " + String.join(".", tableParts(tablePath, postgres).stream().map(p -> quote + p + quote).toList());
    }
    return where == null ? base : base + " " + where.trim();
  }

  /** A table path's parts as SQL names it on this connection: PostgreSQL's database part is the URL's. */
  private static List<String> tableParts(String tablePath, boolean postgres) {
    List<String> parts = Arrays.asList(tablePath.trim().split("\\."));
    return postgres && parts.size() == 3 ? parts.subList(1, 3) : parts;
  }

  private static List<JdbcColumn> columns(Connection connection, String baseQuery, String option, JdbcLogin login,
      List<String> problems) {
    String probe = "SELECT * FROM (" + baseQuery + ") atoll_probe WHERE 1 = 0";
    try (PreparedStatement statement = connection.prepareStatement(probe); ResultSet rs = statement.executeQuery()) {
      List<String> typeProblems = new ArrayList<>();
      List<JdbcColumn> columns = JdbcTypes.columns(rs.getMetaData(), login.postgres(), typeProblems);
      typeProblems.forEach(p -> problems.add("option '" + option + "': " + p));
      return typeProblems.isEmpty() ? columns : null;
    } catch (SQLException e) {
      problems.add("option '" + option + "': " + JdbcConnections.mask(e.getMessage(), login.password())
          + " (running: " + baseQuery + ")");
      return null;
    }
  }

  private static Partition partition(Config config, List<JdbcColumn> columns, String quote, int count,
      int splitSize, List<String> problems) {
    String name = PluginConfigs.string(config, PARTITION_COLUMN);
    if (blank(name)) {
      return null;
    }
    JdbcColumn column = columns.stream().filter(c -> c.name().equals(name)).findFirst()
        .or(() -> columns.stream().filter(c -> c.name().equalsIgnoreCase(name)).findFirst()).orElse(null);
    if (column == null) {
      problems.add("option 'partition_column': the query has no column '" + name + "'; it has "
          + columns.stream().map(JdbcColumn::name).toList());
      return null;
    }
    PartitionKey key = PartitionKey.of(column);
    if (key == null) {
      problems.add("option 'partition_column': column '" + column.name() + "' has type " + column.sqlType()
          + "; partition by an integer, decimal, date or timestamp column");
      return null;
    }
    String lower = bound(config, PARTITION_LOWER_BOUND.name(), key, problems);
    String upper = bound(config, PARTITION_UPPER_BOUND.name(), key, problems);
    if (lower != null && upper != null && problems.isEmpty() && key.parse(lower).compareTo(key.parse(upper)) > 0) {
      problems.add("option 'partition_lower_bound' (" + lower + ") is above 'partition_upper_bound' (" + upper + ")");
    }
    return new Partition(quote + column.name() + quote, column.name(), key, count, lower, upper, splitSize);
  }

  private static String bound(Config config, String option, PartitionKey key, List<String> problems) {
    if (!config.hasPath(option)) {
      return null;
    }
    String text = config.getValue(option).unwrapped().toString();
    try {
      BigDecimal position = key.parse(text);
      if (key.discrete() && position.stripTrailingZeros().scale() > 0) {
        throw new NumberFormatException("not a whole number");
      }
      return text;
    } catch (RuntimeException e) {
      problems.add("option '" + option + "': '" + text + "' is not a " + switch (key) {
        case INTEGER -> "whole number";
        case DECIMAL -> "number";
        case DATE -> "date (yyyy-MM-dd)";
        case TIMESTAMP -> "timestamp (yyyy-MM-dd HH:mm:ss)";
      });
      return null;
    }
  }

  /**
   * The columns of a unique key of the table that the query returns: its primary key, else the
   * partition column when a unique index holds it alone (unquoted names); else none.
   */
  private static List<String> uniqueKey(DatabaseMetaData meta, String tablePath, boolean postgres,
      List<JdbcColumn> columns, Partition partition) throws SQLException {
    List<String> parts = tableParts(tablePath, postgres);
    String table = parts.get(parts.size() - 1);
    String schema = parts.size() >= 2 ? parts.get(parts.size() - 2) : null;
    String catalog = postgres || parts.size() != 3 ? null : parts.get(0);
    List<String> names = columns.stream().map(JdbcColumn::name).toList();
    Map<Short, String> key = new TreeMap<>();
    try (ResultSet rs = meta.getPrimaryKeys(catalog, schema, table)) {
      while (rs.next()) {
        key.put(rs.getShort("KEY_SEQ"), rs.getString("COLUMN_NAME"));
      }
    }
    if (!key.isEmpty() && names.containsAll(key.values())) {
      return List.copyOf(key.values());
    }
    if (partition == null) {
      return List.of();
    }
    Map<String, List<String>> indexes = new HashMap<>();
    try (ResultSet rs = meta.getIndexInfo(catalog, schema, table, true, true)) {
      while (rs.next()) {
        String column = rs.getString("COLUMN_NAME");
        // a partial unique index (WHERE ...) does not make the column unique over the table
        if (rs.getString("INDEX_NAME") != null && column != null && rs.getString("FILTER_CONDITION") == null) {
          indexes.computeIfAbsent(rs.getString("INDEX_NAME"), k -> new ArrayList<>()).add(column);
        }
      }
    }
    boolean unique = indexes.values().stream().anyMatch(c -> c.equals(List.of(partition.name())));
    return unique ? List.of(partition.name()) : List.of();
  }

  private static Map<String, String> properties(Config config) {
    if (!config.hasPath(PROPERTIES.name())) {
      return Map.of();
    }
    Map<String, String> properties = new HashMap<>();
    config.getObject(PROPERTIES.name()).unwrapped().forEach((k, v) -> properties.put(k, String.valueOf(v)));
    return properties;
  }

  private static void positive(int value, String option, int min, List<String> problems) {
    if (value < min) {
      problems.add("option '" + option + "' must be " + min + " or more, got " + value);
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
