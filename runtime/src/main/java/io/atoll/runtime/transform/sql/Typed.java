package io.atoll.runtime.transform.sql;

import io.atoll.protocol.data.DataType;

/** A compiled expression and the type of its values, known at plan time. */
record Typed(Evaluator evaluator, DataType type) {
  static Typed constant(Object value, DataType type) {
    return new Typed(row -> value, type);
  }

  boolean isNullType() {
    return type == DataType.Basic.NULL;
  }
}
