package io.atoll.runtime.transform.sql;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The function library by upper-case name, gathered from its families, and the {@link SqlUdfs}
 * of the classpath, loaded when a query first calls a function.
 */
final class SqlFunctions {
  private static final Map<String, SqlFunction> BUILT_IN = build();
  private static volatile Map<String, SqlFunction> udfs;

  private SqlFunctions() {}

  private static Map<String, SqlFunction> build() {
    Map<String, SqlFunction> all = new TreeMap<>();
    for (Collection<SqlFunction> family : List.of(StringFunctions.all(), NumericFunctions.all(),
        SystemFunctions.all(), DateTimeFunctions.all(), DesFunctions.all())) {
      for (SqlFunction f : family) {
        if (all.put(f.name(), f) != null) {
          throw new IllegalStateException("function " + f.name() + " defined twice");
        }
      }
    }
    return Map.copyOf(all);
  }

  /**
   * A built-in function or a UDF. The UDFs are loaded (and checked) before any function is found,
   * so a UDF clashing with a built-in is reported even by a query that calls only the built-in.
   *
   * @throws IllegalArgumentException when the classpath's UDFs cannot load or clash
   */
  static Optional<SqlFunction> find(String name) {
    String key = name.toUpperCase(Locale.ROOT);
    Map<String, SqlFunction> udfs = udfs();
    SqlFunction builtIn = BUILT_IN.get(key);
    return builtIn != null ? Optional.of(builtIn) : Optional.ofNullable(udfs.get(key));
  }

  static Set<String> names() {
    Set<String> names = new TreeSet<>(BUILT_IN.keySet());
    names.addAll(udfs().keySet());
    return names;
  }

  static Set<String> builtInNames() {
    return BUILT_IN.keySet();
  }

  /** Loaded once; a failure is not kept, so every query that needs them reports it. */
  private static Map<String, SqlFunction> udfs() {
    Map<String, SqlFunction> loaded = udfs;
    if (loaded == null) {
      loaded = SqlUdfs.load(SqlFunctions.class.getClassLoader(), BUILT_IN.keySet());
      udfs = loaded;
    }
    return loaded;
  }
}
