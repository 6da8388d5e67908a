package io.atoll.runtime.connector.assertion;

import io.atoll.protocol.data.DataType;
import java.util.List;

/** The checked form of an Assert sink's {@code rules}. */
record AssertRules(List<RowRule> rowRules, List<FieldRule> fieldRules) {

  /** {@code row_rules} entry: the number of rows a writer receives. */
  record RowRule(RuleType type, long value) {}

  /**
   * {@code field_rules} entry.
   *
   * @param declared {@code field_type}, or null when not given
   */
  record FieldRule(String field, int index, DataType type, DataType declared, List<ValueRule> rules) {}

  /**
   * {@code field_value} entry: a rule type with its value, and/or {@code equals_to}.
   *
   * @param type null when the entry has only {@code equals_to}
   * @param expectedText {@code equals_to} as written, for messages
   */
  record ValueRule(RuleType type, double value, boolean hasEquals, Object expected, String expectedText) {}
}
