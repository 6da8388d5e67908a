package io.atoll.runtime.connector.assertion;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import io.atoll.protocol.data.CatalogTable;
import io.atoll.protocol.data.DataType;
import io.atoll.protocol.data.DataTypes;
import io.atoll.protocol.data.RowType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * SeaTunnel's Assert {@code rules.catalog_table_rule}: checks the table a sink receives, once, when
 * the job is validated (SeaTunnel checks it when the sink is created). {@code column_rule} must list
 * exactly the table's columns, in any order, each with its type; {@code table_identifier_rule}'s
 * {@code table} must be the table's id ({@code catalog_name} is accepted, not compared: Atoll
 * tables have no catalog); {@code primary_key_rule} and {@code constraint_key_rule} must match what
 * the source's {@code schema.primaryKey} / {@code schema.constraintKeys} declare, columns in any
 * order, as SeaTunnel compares them. Atoll schemas carry no column lengths, nullability, defaults
 * or comments, so column rules about them are refused as not supported rather than guessed.
 */
final class CatalogTableRule {
  static final String WHERE = "rules." + AssertPlanReader.CATALOG_TABLE_RULE;
  private static final Set<String> KEYS = Set.of("column_rule", "table_identifier_rule", "primary_key_rule",
      "constraint_key_rule");
  private static final Set<String> COLUMN_KEYS = Set.of("name", "type", "column_length", "nullable",
      "default_value", "comment");

  private CatalogTableRule() {}

  /** Adds to {@code problems} each way {@code table} breaks the rule in {@code config}. */
  static void check(Config config, CatalogTable table, List<String> problems) {
    try {
      Config rule = config.getConfig(WHERE);
      for (String key : rule.root().keySet()) {
        if (!KEYS.contains(key)) {
          problems.add("option '" + WHERE + "': unknown key '" + key + "'; known: " + KEYS.stream().sorted().toList());
        }
      }
      if (rule.hasPath("primary_key_rule")) {
        CatalogKeyRules.primaryKey(rule.getConfig("primary_key_rule"), table.primaryKey(), problems);
      }
      if (rule.hasPath("constraint_key_rule")) {
        CatalogKeyRules.constraintKeys(rule.getConfigList("constraint_key_rule"), table.constraintKeys(), problems);
      }
      if (rule.hasPath("column_rule")) {
        columns(rule.getConfigList("column_rule"), table.type(), problems);
      }
      if (rule.hasPath("table_identifier_rule.table")) {
        String expected = rule.getString("table_identifier_rule.table");
        if (!expected.equals(table.id())) {
          problems.add("option '" + WHERE + ".table_identifier_rule.table': the table is '" + table.id()
              + "', the rule says '" + expected + "'");
        }
      }
    } catch (ConfigException e) {
      problems.add("option '" + WHERE + "': " + e.getMessage());
    }
  }

  private static void columns(List<? extends Config> rules, RowType type, List<String> problems) {
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < rules.size(); i++) {
      Config column = rules.get(i);
      String where = WHERE + ".column_rule[" + i + "]";
      for (String key : column.root().keySet()) {
        if (!COLUMN_KEYS.contains(key)) {
          problems.add("option '" + where + "': unknown key '" + key + "'; known: " + COLUMN_KEYS.stream().sorted().toList());
        } else if (!key.equals("name") && !key.equals("type") && !isDefault(column, key)) {
          problems.add("option '" + where + "." + key + "' is not supported yet: Atoll schemas carry only names and types");
        }
      }
      try {
        DataType t = DataTypes.parse(column.getString("type"));
        expected.add(column.getString("name") + " " + t.sqlName());
      } catch (ConfigException | IllegalArgumentException e) {
        problems.add("option '" + where + "': needs name and a type like \"int\": " + e.getMessage());
        return;
      }
    }
    List<String> actual = type.fields().stream().map(f -> f.name() + " " + f.type().sqlName()).toList();
    if (!new HashSet<>(actual).equals(new HashSet<>(expected)) || actual.size() != expected.size()) {
      problems.add("option '" + WHERE + ".column_rule': the columns are " + actual + ", the rule says "
          + expected);
    }
  }

  /** SeaTunnel's defaults: nullable true, no length, default or comment. */
  private static boolean isDefault(Config column, String key) {
    return switch (key) {
      case "nullable" -> column.getBoolean(key);
      default -> column.getIsNull(key);
    };
  }
}
