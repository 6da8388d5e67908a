package io.atoll.runtime.transform.sql;

import io.atoll.protocol.data.DataType;
import java.util.List;

/**
 * One function of the library: its arity, its result type from the argument types (at plan time)
 * and its body. A {@code strict} function gives NULL when any argument is NULL without running.
 */
record SqlFunction(String name, int minArgs, int maxArgs, ResultType resultType, Body body, boolean strict) {

  @FunctionalInterface
  interface ResultType {
    DataType of(List<DataType> args);
  }

  @FunctionalInterface
  interface Body {
    Object apply(Object[] args);
  }

  static SqlFunction strict(String name, int min, int max, ResultType type, Body body) {
    return new SqlFunction(name, min, max, type, body, true);
  }

  static SqlFunction lenient(String name, int min, int max, ResultType type, Body body) {
    return new SqlFunction(name, min, max, type, body, false);
  }

  static ResultType fixed(DataType type) {
    return args -> type;
  }

  static ResultType firstArg() {
    return args -> args.get(0);
  }

  String arity() {
    if (minArgs == maxArgs) {
      return minArgs + " argument" + (minArgs == 1 ? "" : "s");
    }
    return maxArgs == Integer.MAX_VALUE ? "at least " + minArgs + " arguments"
        : minArgs + " to " + maxArgs + " arguments";
  }
}
