package io.atoll.runtime.connector.assertion;

import io.atoll.protocol.connector.SinkWriter;
import io.atoll.protocol.data.Row;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks one subtask's rows: field rules on every row as it arrives (the first broken rule fails
 * the task, naming rule, field, value and row), row-count rules when the input ends. Counts are per
 * writer: SeaTunnel keeps one JVM-wide static counter, which in a cluster means "rows of the writers
 * that happened to share a worker"; per writer is the same for parallelism 1 and well defined
 * otherwise. With several tables the writer also counts each table's rows, for the per-table
 * {@code row_rules} of {@code rules.tables_configs}, and notes which tables rows came from, for
 * {@code rules.table-names}.
 */
final class AssertWriter implements SinkWriter {
  private final AssertPlan plan;
  private final int subtask;
  private final Map<String, Long> rowsByTable = new HashMap<>();
  private final Set<String> tables = new LinkedHashSet<>();
  private long rows;

  AssertWriter(AssertRules rules, int subtask) {
    this(AssertPlan.of(rules), subtask);
  }

  AssertWriter(AssertPlan plan, int subtask) {
    this.plan = plan;
    this.subtask = subtask;
  }

  @Override
  public void write(Row row) {
    rows++;
    if (row.table() != null) {
      rowsByTable.merge(row.table(), 1L, Long::sum);
      tables.add(row.table());
    }
    for (AssertRules.FieldRule rule : plan.fieldRules().getOrDefault(row.table(), List.of())) {
      Object value = row.field(rule.index());
      if (rule.declared() != null && !ValueChecks.conforms(value, rule.declared())) {
        throw broken("field_type (" + rule.declared().sqlName() + ")", rule, value, row,
            value == null ? "" : " (" + value.getClass().getSimpleName() + ")");
      }
      for (AssertRules.ValueRule check : rule.rules()) {
        if (check.type() != null && !passes(check, value)) {
          String name = check.type().needsValue()
              ? check.type() + " (" + ValueChecks.number(check.value()) + ")" : check.type().name();
          throw broken(name, rule, value, row, "");
        }
        if (check.hasEquals() && value != null && !ValueChecks.equal(value, check.expected())) {
          throw broken("equals_to (" + check.expectedText() + ")", rule, value, row, "");
        }
      }
    }
  }

  private static boolean passes(AssertRules.ValueRule check, Object value) {
    return switch (check.type()) {
      case NOT_NULL -> value != null;
      case NULL -> value == null;
      case MIN -> value instanceof Number n && n.doubleValue() >= check.value();
      case MAX -> value instanceof Number n && n.doubleValue() <= check.value();
      case MIN_LENGTH -> length(value) >= check.value();
      case MAX_LENGTH -> length(value) <= check.value();
      case MIN_ROW, MAX_ROW -> true;
    };
  }

  /** As SeaTunnel: the length of the value's text, 0 for null. */
  private static int length(Object value) {
    if (value == null) {
      return 0;
    }
    return value instanceof byte[] bytes ? bytes.length : String.valueOf(value).length();
  }

  private static AssertRuleBrokenException broken(String rule, AssertRules.FieldRule field, Object value, Row row,
      String suffix) {
    return new AssertRuleBrokenException("Assert rule " + rule + " broken: field '" + field.field() + "' is "
        + ValueChecks.show(value) + suffix + " in row " + row);
  }

  @Override
  public void finish() {
    check(plan.rowRules(), rows, "");
    for (Map.Entry<String, List<AssertRules.RowRule>> table : plan.tableRowRules().entrySet()) {
      check(table.getValue(), rowsByTable.getOrDefault(table.getKey(), 0L), " of table '" + table.getKey() + "'");
    }
    if (plan.tableNames() != null && !Set.copyOf(plan.tableNames()).equals(tables)) {
      throw new AssertRuleBrokenException("Assert rule table-names " + plan.tableNames() + " broken: the writer of "
          + "subtask " + subtask + " received rows of the tables " + tables);
    }
  }

  private void check(List<AssertRules.RowRule> rules, long count, String of) {
    for (AssertRules.RowRule rule : rules) {
      boolean ok = rule.type() == RuleType.MIN_ROW ? count >= rule.value() : count <= rule.value();
      if (!ok) {
        throw new AssertRuleBrokenException("Assert rule " + rule.type() + " (" + rule.value()
            + ") broken: the writer of subtask " + subtask + " received " + count + " rows" + of);
      }
    }
  }
}
