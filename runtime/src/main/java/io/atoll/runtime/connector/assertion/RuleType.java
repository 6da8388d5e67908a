package io.atoll.runtime.connector.assertion;

import java.util.EnumSet;
import java.util.Set;

/** SeaTunnel's Assert {@code rule_type}s: the first six check field values, the last two row counts. */
enum RuleType {
  NOT_NULL,
  NULL,
  MIN,
  MAX,
  MIN_LENGTH,
  MAX_LENGTH,
  MIN_ROW,
  MAX_ROW;

  static final Set<RuleType> FIELD = EnumSet.of(NOT_NULL, NULL, MIN, MAX, MIN_LENGTH, MAX_LENGTH);
  static final Set<RuleType> ROW = EnumSet.of(MIN_ROW, MAX_ROW);

  boolean needsValue() {
    return this != NOT_NULL && this != NULL;
  }
}
