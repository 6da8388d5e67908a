package io.atoll.runtime.connector.assertion;

import io.atoll.protocol.connector.SinkWriter;
import io.atoll.protocol.data.Row;

/**
 * Checks one subtask's rows: field rules on every row as it arrives (the first broken rule fails
 * the task, naming rule, field, value and row), row-count rules when the input ends. Counts are per
 * writer: SeaTunnel keeps one JVM-wide static counter, which in a cluster means "rows of the writers
 * that happened to share a worker"; per writer is the same for parallelism 1 and well defined
 * otherwise.
 */
final class AssertWriter implements SinkWriter {
  private final AssertRules rules;
  private final int subtask;
  private long rows;

  AssertWriter(AssertRules rules, int subtask) {
    this.rules = rules;
    this.subtask = subtask;
  }

  @Override
  public void write(Row row) {
    rows++;
    for (AssertRules.FieldRule rule : rules.fieldRules()) {
      Object value = row.field(rule.index());
      if (rule.declared() != null && !ValueChecks.conforms(value, rule.declared())) {
        throw broken("field_type (" + rule.declared().sqlName() + ")", rule, value, row,
            " (" + value.getClass().getSimpleName() + ")");
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
    for (AssertRules.RowRule rule : rules.rowRules()) {
      boolean ok = rule.type() == RuleType.MIN_ROW ? rows >= rule.value() : rows <= rule.value();
      if (!ok) {
        throw new AssertRuleBrokenException("Assert rule " + rule.type() + " (" + rule.value()
            + ") broken: the writer of subtask " + subtask + " received " + rows + " rows");
      }
    }
  }
}
