package io.atoll.runtime.connector.assertion;

import java.util.List;
import java.util.Map;

/**
 * What one Assert writer checks, over every table of its input.
 *
 * @param rowRules {@code rules.row_rules}: the number of rows of all tables together (SeaTunnel
 *     2.3.4 counts every row its sink receives, whatever the table)
 * @param fieldRules by table id (null: the link's only table): {@code rules.field_rules} resolved
 *     against that table, then the field rules of its {@code rules.tables_configs} element
 * @param tableRowRules by table id: the {@code row_rules} of its {@code rules.tables_configs}
 *     element, counting that table's rows
 * @param tableNames {@code rules.table-names}: the tables rows must have come from, exactly; null
 *     when not given
 */
record AssertPlan(
    List<AssertRules.RowRule> rowRules,
    Map<String, List<AssertRules.FieldRule>> fieldRules,
    Map<String, List<AssertRules.RowRule>> tableRowRules,
    List<String> tableNames) {

  static AssertPlan of(AssertRules rules) {
    Map<String, List<AssertRules.FieldRule>> fields = new java.util.HashMap<>();
    fields.put(null, rules.fieldRules());
    return new AssertPlan(rules.rowRules(), fields, Map.of(), null);
  }
}
