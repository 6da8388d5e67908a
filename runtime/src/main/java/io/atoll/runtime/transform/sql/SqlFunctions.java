package io.atoll.runtime.transform.sql;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The function library by upper-case name, gathered from its families. */
final class SqlFunctions {
  private static final Map<String, SqlFunction> ALL = build();

  private SqlFunctions() {}

  private static Map<String, SqlFunction> build() {
    Map<String, SqlFunction> all = new TreeMap<>();
    for (Collection<SqlFunction> family : java.util.List.of(StringFunctions.all(), NumericFunctions.all(),
        SystemFunctions.all(), DateTimeFunctions.all())) {
      for (SqlFunction f : family) {
        if (all.put(f.name(), f) != null) {
          throw new IllegalStateException("function " + f.name() + " defined twice");
        }
      }
    }
    return Map.copyOf(all);
  }

  static Optional<SqlFunction> find(String name) {
    return Optional.ofNullable(ALL.get(name.toUpperCase(Locale.ROOT)));
  }

  static java.util.Set<String> names() {
    return new java.util.TreeSet<>(ALL.keySet());
  }
}
