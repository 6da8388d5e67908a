package io.atoll.runtime.connector.jdbc;

import io.atoll.protocol.connector.SourceSplit;
import io.atoll.runtime.connector.jdbc.JdbcSourceSettings.Partition;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The splits of a Jdbc source and the SQL that reads one. Without {@code partition_column}: one
 * split, the whole query. With it: ranges of the column between its bounds (the options, else the
 * column's MIN and MAX), {@code partition_num} of them or as many as make about {@code split.size}
 * rows each; the last range includes its upper bound. Unless a bound is given, one more split reads
 * the rows whose column is NULL, so no row is left out. A split's attributes hold its range as
 * positions on the key's number line ({@link PartitionKey}).
 */
final class JdbcSplits {
  static final String LOWER = "lower";
  static final String UPPER = "upper";
  /** "true" when the range includes its upper bound. */
  static final String LAST = "last";
  /** "true" for the split of the rows whose partition column is NULL. */
  static final String NULLS = "nulls";
  private static final String ALIAS = "atoll_split";

  private JdbcSplits() {}

  static List<SourceSplit> plan(JdbcSourceSettings settings, Connection connection) throws SQLException {
    Partition partition = settings.partition();
    if (partition == null) {
      return List.of(new SourceSplit("all", Map.of()));
    }
    String sql = "SELECT MIN(" + partition.column() + "), MAX(" + partition.column() + "), COUNT("
        + partition.column() + ") FROM (" + settings.baseQuery() + ") " + ALIAS;
    BigDecimal min;
    BigDecimal max;
    long rows;
    try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet rs = statement.executeQuery()) {
      rs.next();
      Object low = partition.key().read(rs, 1);
      Object high = partition.key().read(rs, 2);
      rows = rs.getLong(3);
      min = low == null ? null : partition.key().position(low);
      max = high == null ? null : partition.key().position(high);
    }
    boolean bounded = partition.lower() != null || partition.upper() != null;
    if (partition.lower() != null) {
      min = partition.key().parse(partition.lower());
    }
    if (partition.upper() != null) {
      max = partition.key().parse(partition.upper());
    }
    List<SourceSplit> splits = new ArrayList<>();
    if (min != null && max != null && min.compareTo(max) <= 0) {
      int wanted = partition.count() > 0 ? partition.count()
          : (int) Math.max(1, Math.min(Integer.MAX_VALUE, (rows + partition.splitSize() - 1) / partition.splitSize()));
      splits.addAll(ranges(min, max, wanted, partition.key().discrete()));
    }
    if (!bounded) {
      splits.add(new SourceSplit("nulls", Map.of(NULLS, "true")));
    }
    return splits;
  }

  /** [min, max] cut into at most {@code wanted} ranges; discrete keys at whole numbers. */
  static List<SourceSplit> ranges(BigDecimal min, BigDecimal max, int wanted, boolean discrete) {
    BigDecimal step;
    int count;
    if (discrete) {
      BigDecimal width = max.subtract(min).add(BigDecimal.ONE);
      step = width.divide(BigDecimal.valueOf(wanted), 0, RoundingMode.CEILING).max(BigDecimal.ONE);
      count = width.divide(step, 0, RoundingMode.CEILING).intValueExact();
    } else {
      step = max.subtract(min).divide(BigDecimal.valueOf(wanted), MathContext.DECIMAL128);
      count = step.signum() == 0 ? 1 : wanted;
    }
    List<SourceSplit> splits = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      BigDecimal lower = min.add(step.multiply(BigDecimal.valueOf(i)));
      boolean last = i == count - 1;
      BigDecimal upper = last ? max : min.add(step.multiply(BigDecimal.valueOf(i + 1)));
      Map<String, String> attributes = new HashMap<>();
      attributes.put(LOWER, lower.toPlainString());
      attributes.put(UPPER, upper.toPlainString());
      if (last) {
        attributes.put(LAST, "true");
      }
      splits.add(new SourceSplit("range-" + i, attributes));
    }
    return splits;
  }

  /**
   * A statement reading the split, parameters bound. With {@code after} (the values of the
   * settings' unique order key, as text), only the rows whose key comes after it.
   */
  static PreparedStatement prepare(JdbcSourceSettings settings, SourceSplit split, List<String> after,
      Connection connection) throws SQLException {
    Partition partition = settings.partition();
    StringBuilder sql = new StringBuilder("SELECT * FROM (").append(settings.baseQuery()).append(") ").append(ALIAS);
    List<Object> parameters = new ArrayList<>();
    List<String> conditions = new ArrayList<>();
    if ("true".equals(split.attributes().get(NULLS))) {
      conditions.add(partition.column() + " IS NULL");
    } else if (split.attributes().containsKey(LOWER)) {
      boolean last = "true".equals(split.attributes().get(LAST));
      conditions.add(partition.column() + " >= ? AND " + partition.column() + (last ? " <= ?" : " < ?"));
      parameters.add(partition.key().bind(new BigDecimal(split.attribute(LOWER))));
      parameters.add(partition.key().bind(new BigDecimal(split.attribute(UPPER))));
    }
    if (!after.isEmpty()) {
      conditions.add(after(settings.orderBy(), after, settings.login().postgres(), parameters));
    }
    if (!conditions.isEmpty()) {
      sql.append(" WHERE ").append(String.join(" AND ", conditions));
    }
    if (!settings.orderBy().isEmpty()) {
      sql.append(" ORDER BY ").append(String.join(", ", settings.orderBy()));
    }
    PreparedStatement statement = connection.prepareStatement(sql.toString(), ResultSet.TYPE_FORWARD_ONLY,
        ResultSet.CONCUR_READ_ONLY);
    for (int i = 0; i < parameters.size(); i++) {
      if (parameters.get(i) instanceof KeyText text) {
        // PostgreSQL types an untyped parameter as the column it is compared with
        statement.setObject(i + 1, text.value(), text.untyped() ? Types.OTHER : Types.VARCHAR);
      } else {
        statement.setObject(i + 1, parameters.get(i));
      }
    }
    return statement;
  }

  /**
   * {@code (k1, k2) > (v1, v2)} spelled out for any database: {@code k1 > ? OR (k1 = ? AND k2 > ?)}.
   */
  private static String after(List<String> key, List<String> values, boolean postgres, List<Object> parameters) {
    List<String> alternatives = new ArrayList<>();
    for (int i = 0; i < key.size(); i++) {
      List<String> terms = new ArrayList<>();
      for (int j = 0; j < i; j++) {
        terms.add(key.get(j) + " = ?");
        parameters.add(new KeyText(values.get(j), postgres));
      }
      terms.add(key.get(i) + " > ?");
      parameters.add(new KeyText(values.get(i), postgres));
      alternatives.add(String.join(" AND ", terms));
    }
    return "(" + alternatives.stream().map(a -> "(" + a + ")").reduce((a, b) -> a + " OR " + b).orElseThrow() + ")";
  }

  /** A key value as the driver gave its text, bound as text the database converts. */
  private record KeyText(String value, boolean untyped) {}
}
