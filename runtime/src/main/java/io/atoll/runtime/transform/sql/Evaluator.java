package io.atoll.runtime.transform.sql;

import io.atoll.protocol.data.Row;

/** One compiled SQL expression: evaluated per row, built once per task from the parsed query. */
@FunctionalInterface
interface Evaluator {
  /** The value for this row; null is SQL NULL. */
  Object eval(Row row);
}
