package io.atoll.runtime.connector.assertion;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import io.atoll.protocol.data.CatalogTable;
import io.atoll.protocol.connector.PluginFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an Assert {@code rules} block against every table the sink receives: the rules SeaTunnel
 * 2.3.4 has ({@code row_rules}, {@code field_rules}, {@code catalog_table_rule},
 * {@code table-names}) and the per-table {@code tables_configs} (SeaTunnel 2.3.8: {@code
 * table_path} chooses the table, its {@code row_rules} count that table's rows). With several
 * tables, {@code field_rules} apply to every table and must hold a field of each; a problem of one
 * table names it.
 */
final class AssertPlanReader {
  static final String CATALOG_TABLE_RULE = "catalog_table_rule";
  static final String TABLE_NAMES = "table-names";
  static final String TABLES_CONFIGS = "tables_configs";

  private AssertPlanReader() {}

  /** The plan, or null when {@code problems} received something. */
  static AssertPlan read(Config config, List<CatalogTable> tables, List<String> problems) {
    Set<String> found = new LinkedHashSet<>();
    List<AssertRules.RowRule> rowRules = null;
    Map<String, List<AssertRules.FieldRule>> fieldRules = new HashMap<>();
    for (CatalogTable table : tables) {
      List<String> own = new ArrayList<>();
      AssertRules rules = AssertRulesReader.read(config, table.type(), own);
      if (rules != null) {
        rowRules = rules.rowRules();
        fieldRules.put(table.id(), new ArrayList<>(rules.fieldRules()));
      }
      if (config.hasPath("rules." + CATALOG_TABLE_RULE)) {
        CatalogTableRule.check(config, table, own);
      }
      own.forEach(p -> found.add(tables.size() > 1 && !p.startsWith(PluginFactory.WARNING)
          ? p + " (table '" + table.id() + "')" : p));
    }
    List<String> tableNames = null;
    Map<String, List<AssertRules.RowRule>> tableRowRules = new java.util.LinkedHashMap<>();
    try {
      if (config.hasPath("rules." + TABLE_NAMES)) {
        tableNames = List.copyOf(config.getStringList("rules." + TABLE_NAMES));
      }
      if (config.hasPath("rules." + TABLES_CONFIGS)) {
        perTable(config.getConfigList("rules." + TABLES_CONFIGS), tables, fieldRules, tableRowRules, found);
      }
    } catch (ConfigException e) {
      found.add("option 'rules': " + e.getMessage());
    }
    problems.addAll(found);
    boolean errors = PluginFactory.problemsSince(new ArrayList<>(found), 0);
    return errors ? null : new AssertPlan(rowRules, fieldRules, tableRowRules, tableNames);
  }

  private static void perTable(List<? extends Config> elements, List<CatalogTable> tables,
      Map<String, List<AssertRules.FieldRule>> fieldRules, Map<String, List<AssertRules.RowRule>> tableRowRules,
      Set<String> problems) {
    for (int i = 0; i < elements.size(); i++) {
      String where = "rules." + TABLES_CONFIGS + "[" + i + "]";
      Config element = elements.get(i);
      if (!element.hasPath("table_path")) {
        problems.add("option '" + where + ".table_path' is required: the table these rules check, e.g. \"db.t1\"");
        continue;
      }
      String path = element.getString("table_path");
      CatalogTable table = tables.stream().filter(t -> path.equals(t.id())).findFirst().orElse(null);
      if (table == null) {
        problems.add("option '" + where + ".table_path': '" + path + "' is not a table of the sink's input; its tables: "
            + tables.stream().map(t -> String.valueOf(t.id())).toList());
        continue;
      }
      if (tableRowRules.containsKey(path)) {
        problems.add("option '" + where + ".table_path': table '" + path + "' has rules in an earlier element");
        continue;
      }
      List<String> own = new ArrayList<>();
      AssertRules rules = AssertRulesReader.readTable(element, where, table.type(), own);
      problems.addAll(own);
      if (rules != null) {
        tableRowRules.put(path, rules.rowRules());
        fieldRules.computeIfAbsent(path, k -> new ArrayList<>()).addAll(rules.fieldRules());
      }
    }
  }
}
