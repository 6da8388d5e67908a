package io.atoll.runtime.connector.jdbc;

import io.atoll.protocol.data.RowType;
import java.util.List;
import java.util.Map;

/**
 * A validated Jdbc source block.
 *
 * @param login how to connect
 * @param baseQuery the rows to read: {@code query}, or {@code SELECT * FROM table_path}, with
 *     {@code where_condition} applied
 * @param columns how each column is read; their types make {@link #rowType()}
 * @param partition how to split the rows, or null for one split
 * @param fetchSize rows fetched per round trip by a reader's cursor
 * @param orderBy columns that order the rows of a split by a unique key (the table's primary key,
 *     else a partition column with a unique index of its own), or empty
 * @param keyIndexes the 0-based positions of the {@code orderBy} columns among {@link #columns}:
 *     a restored reader resumes after the last key it emitted; empty without a unique order
 */
record JdbcSourceSettings(
    JdbcLogin login,
    String baseQuery,
    List<JdbcColumn> columns,
    Partition partition,
    int fetchSize,
    List<String> orderBy,
    List<Integer> keyIndexes) {

  JdbcSourceSettings {
    columns = List.copyOf(columns);
    orderBy = List.copyOf(orderBy);
    keyIndexes = List.copyOf(keyIndexes);
    if (orderBy.size() != keyIndexes.size()) {
      throw new IllegalArgumentException("orderBy " + orderBy + " and keyIndexes " + keyIndexes + " differ in size");
    }
  }

  /** Whether a split's rows come in the order of a unique key, so a reader can resume after a key. */
  boolean keyed() {
    return !keyIndexes.isEmpty();
  }

  RowType rowType() {
    return JdbcTypes.rowType(columns);
  }

  /**
   * Splitting by ranges of a column.
   *
   * @param column the quoted column name, as it goes into SQL
   * @param name the column's name, for messages
   * @param key how its values map onto the number line the ranges cut
   * @param count the number of ranges, or 0 to derive it from the row count and {@code splitSize}
   * @param lower the lowest value read, or null for the column's minimum
   * @param upper the highest value read, or null for the column's maximum
   */
  record Partition(String column, String name, PartitionKey key, int count, String lower, String upper,
      int splitSize) {}

  /** @param properties the {@code properties} block, passed to the driver */
  record JdbcLogin(String url, String driver, String user, String password, Map<String, String> properties,
      int checkTimeoutSeconds) {
    JdbcLogin {
      properties = Map.copyOf(properties);
    }

    boolean postgres() {
      return url.startsWith("jdbc:postgresql:");
    }

    @Override
    public String toString() {
      return "JdbcLogin[url=" + JdbcConnections.mask(url, password) + ", user=" + user + "]";
    }
  }
}
