package io.atoll.runtime.connector.assertion;

import com.typesafe.config.Config;
import io.atoll.protocol.data.CatalogTable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The key rules of Assert's {@code catalog_table_rule}, as SeaTunnel 2.3.4 checks them: a rule on a
 * table that declares no key fails; {@code primary_key_name} (when given) must be the key's name and
 * {@code primary_key_columns} its columns in any order; {@code constraint_key_rule} must list the
 * table's constraint keys (name, type, columns with sort types), in any order.
 */
final class CatalogKeyRules {
  private static final String WHERE = CatalogTableRule.WHERE;

  private CatalogKeyRules() {}

  static void primaryKey(Config rule, CatalogTable.PrimaryKey actual, List<String> problems) {
    String where = WHERE + ".primary_key_rule";
    if (actual == null) {
      problems.add("option '" + where + "': the table declares no primary key (schema.primaryKey)");
      return;
    }
    if (rule.hasPath("primary_key_name") && !rule.getString("primary_key_name").equals(actual.name())) {
      problems.add("option '" + where + ".primary_key_name': the primary key is '" + actual.name() + "', the rule "
          + "says '" + rule.getString("primary_key_name") + "'");
    }
    if (rule.hasPath("primary_key_columns")) {
      List<String> expected = rule.getStringList("primary_key_columns");
      if (!expected.isEmpty() && !counts(expected).equals(counts(actual.columns()))) {
        problems.add("option '" + where + ".primary_key_columns': the primary key's columns are " + actual.columns()
            + ", the rule says " + expected);
      }
    }
  }

  static void constraintKeys(List<? extends Config> rules, List<CatalogTable.ConstraintKey> actual,
      List<String> problems) {
    String where = WHERE + ".constraint_key_rule";
    if (actual.isEmpty()) {
      problems.add("option '" + where + "': the table declares no constraint key (schema.constraintKeys)");
      return;
    }
    List<CatalogTable.ConstraintKey> expected = new ArrayList<>();
    for (Config rule : rules) {
      List<CatalogTable.KeyColumn> columns = new ArrayList<>();
      for (Config column : rule.getConfigList("constraint_key_columns")) {
        columns.add(new CatalogTable.KeyColumn(column.getString("constraint_key_column_name"),
            column.getString("constraint_key_sort_type").trim().toUpperCase(Locale.ROOT)));
      }
      expected.add(new CatalogTable.ConstraintKey(rule.getString("constraint_key_name"),
          rule.getString("constraint_key_type").trim().toUpperCase(Locale.ROOT), columns));
    }
    if (!expected.isEmpty() && !counts(expected).equals(counts(actual))) {
      problems.add("option '" + where + "': the table's constraint keys are " + show(actual) + ", the rule says "
          + show(expected));
    }
  }

  /** A multiset, as SeaTunnel's CollectionUtils.isEqualCollection compares. */
  private static <T> Map<T, Integer> counts(List<T> items) {
    Map<T, Integer> counts = new HashMap<>();
    items.forEach(i -> counts.merge(i, 1, Integer::sum));
    return counts;
  }

  private static String show(List<CatalogTable.ConstraintKey> keys) {
    return keys.stream().map(k -> k.name() + " " + k.type() + " " + k.columns().stream()
        .map(c -> c.name() + " " + c.sortType()).toList()).toList().toString();
  }
}
