package io.atoll.runtime.transform.sql;

import static io.atoll.runtime.transform.sql.SqlFunction.fixed;
import static io.atoll.runtime.transform.sql.SqlFunction.lenient;

import io.atoll.protocol.data.DataType;
import io.atoll.protocol.data.DataType.Basic;
import java.util.List;
import java.util.UUID;

/** SeaTunnel's system functions: NULL handling and UUID. */
final class SystemFunctions {
  private SystemFunctions() {}

  static List<SqlFunction> all() {
    return List.of(
        lenient("COALESCE", 1, Integer.MAX_VALUE, SystemFunctions::firstNonNullType, SystemFunctions::coalesce),
        lenient("IFNULL", 2, 2, SystemFunctions::firstNonNullType, SystemFunctions::coalesce),
        lenient("NVL", 2, 2, SystemFunctions::firstNonNullType, SystemFunctions::coalesce),
        lenient("NULLIF", 2, 2, args -> args.get(0),
            a -> a[0] != null && a[1] != null && SqlValues.same(a[0], a[1]) ? null : a[0]),
        lenient("UUID", 0, 0, fixed(Basic.STRING), a -> UUID.randomUUID().toString()));
  }

  /** The type of the first argument that is not the NULL literal. */
  static DataType firstNonNullType(List<DataType> args) {
    return args.stream().filter(t -> t != Basic.NULL).findFirst().orElse(Basic.NULL);
  }

  private static Object coalesce(Object[] a) {
    for (Object v : a) {
      if (v != null) {
        return v;
      }
    }
    return null;
  }
}
