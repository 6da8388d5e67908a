package io.atoll.runtime.transform.sql;

import io.atoll.protocol.connector.SqlUdf;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

/**
 * The {@link SqlUdf}s on the classpath as library functions. Like SeaTunnel's ZetaUDFs they take
 * any number of arguments and see NULLs; unlike SeaTunnel, where a built-in silently wins over a
 * UDF of the same name, such a name (or one two UDFs share) is refused.
 */
final class SqlUdfs {
  private SqlUdfs() {}

  /** @throws IllegalArgumentException naming a UDF that cannot load or a clashing name */
  static Map<String, SqlFunction> load(ClassLoader loader, Set<String> builtIns) {
    List<SqlUdf> udfs;
    try {
      udfs = ServiceLoader.load(SqlUdf.class, loader).stream().map(ServiceLoader.Provider::get).toList();
    } catch (ServiceConfigurationError e) {
      throw new IllegalArgumentException("could not load the Sql UDFs listed in META-INF/services/"
          + SqlUdf.class.getName() + ": " + e.getMessage(), e);
    }
    return of(udfs, builtIns);
  }

  /** @throws IllegalArgumentException for a name that is a built-in's or another UDF's */
  static Map<String, SqlFunction> of(List<SqlUdf> udfs, Set<String> builtIns) {
    Map<String, SqlFunction> byName = new TreeMap<>();
    Map<String, SqlUdf> owners = new TreeMap<>();
    for (SqlUdf udf : udfs) {
      String name = udf.functionName().toUpperCase(Locale.ROOT);
      if (builtIns.contains(name)) {
        throw new IllegalArgumentException("Sql UDF " + udf.getClass().getName() + " is named " + name
            + ", which is a built-in function; rename the UDF");
      }
      SqlUdf previous = owners.putIfAbsent(name, udf);
      if (previous != null) {
        throw new IllegalArgumentException("two Sql UDFs are named " + name + ": " + previous.getClass().getName()
            + " and " + udf.getClass().getName() + "; remove one of them from the classpath");
      }
      byName.put(name, SqlFunction.lenient(name, 0, Integer.MAX_VALUE, args -> resultType(udf, args),
          a -> udf.evaluate(Collections.unmodifiableList(Arrays.asList(a)))));
    }
    return Map.copyOf(byName);
  }

  private static io.atoll.protocol.data.DataType resultType(SqlUdf udf, List<io.atoll.protocol.data.DataType> args) {
    var type = udf.resultType(args);
    if (type == null) {
      throw new IllegalArgumentException("Sql UDF " + udf.getClass().getName() + " gave no result type for "
          + args.stream().map(io.atoll.protocol.data.DataType::sqlName).toList());
    }
    return type;
  }
}
