package io.atoll.runtime.transform.sql;

import static io.atoll.runtime.transform.sql.SqlFunction.firstArg;
import static io.atoll.runtime.transform.sql.SqlFunction.fixed;
import static io.atoll.runtime.transform.sql.SqlFunction.strict;

import io.atoll.protocol.data.DataType;
import io.atoll.protocol.data.DataType.Basic;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleUnaryOperator;

/** SeaTunnel's numeric functions (transform-v2/sql-functions.md, "Numeric Functions"). */
final class NumericFunctions {
  private NumericFunctions() {}

  static List<SqlFunction> all() {
    return List.of(
        strict("ABS", 1, 1, firstArg(), a -> sameType(a[0], SqlValues.toDecimal(a[0]).abs())),
        strict("CEIL", 1, 1, fixed(Basic.INT), a -> rounded(a[0], RoundingMode.CEILING)),
        strict("CEILING", 1, 1, fixed(Basic.INT), a -> rounded(a[0], RoundingMode.CEILING)),
        strict("FLOOR", 1, 1, fixed(Basic.INT), a -> rounded(a[0], RoundingMode.FLOOR)),
        strict("ROUND", 1, 2, firstArg(), a -> sameType(a[0], SqlValues.toDecimal(a[0])
            .setScale(a.length > 1 ? StringFunctions.integer(a, 1) : 0, RoundingMode.HALF_UP))),
        strict("TRUNC", 1, 2, fixed(Basic.DOUBLE), a -> SqlValues.toDecimal(a[0])
            .setScale(a.length > 1 ? StringFunctions.integer(a, 1) : 0, RoundingMode.DOWN).doubleValue()),
        strict("TRUNCATE", 1, 2, fixed(Basic.DOUBLE), a -> SqlValues.toDecimal(a[0])
            .setScale(a.length > 1 ? StringFunctions.integer(a, 1) : 0, RoundingMode.DOWN).doubleValue()),
        strict("MOD", 2, 2, args -> divisorType(args), NumericFunctions::mod),
        strict("POWER", 2, 2, fixed(Basic.DOUBLE), a -> Math.pow(d(a[0]), d(a[1]))),
        strict("SQRT", 1, 1, fixed(Basic.DOUBLE), a -> Math.sqrt(d(a[0]))),
        strict("SIGN", 1, 1, fixed(Basic.INT), a -> SqlValues.toDecimal(a[0]).signum()),
        strict("PI", 0, 0, fixed(Basic.DOUBLE), a -> Math.PI),
        strict("RAND", 0, 1, fixed(Basic.DOUBLE), a -> a.length == 0
            ? ThreadLocalRandom.current().nextDouble() : new java.util.Random(d(a[0]).longValue()).nextDouble()),
        strict("RANDOM", 0, 1, fixed(Basic.DOUBLE), a -> ThreadLocalRandom.current().nextDouble()),
        strict("LOG", 2, 2, fixed(Basic.DOUBLE), a -> Math.log(d(a[1])) / Math.log(d(a[0]))),
        unary("EXP", Math::exp), unary("LN", Math::log), unary("LOG10", Math::log10),
        unary("SIN", Math::sin), unary("COS", Math::cos), unary("TAN", Math::tan), unary("COT", x -> 1 / Math.tan(x)),
        unary("ASIN", Math::asin), unary("ACOS", Math::acos), unary("ATAN", Math::atan),
        unary("SINH", Math::sinh), unary("COSH", Math::cosh), unary("TANH", Math::tanh),
        unary("DEGREES", Math::toDegrees), unary("RADIANS", Math::toRadians),
        strict("ATAN2", 2, 2, fixed(Basic.DOUBLE), a -> Math.atan2(d(a[0]), d(a[1]))));
  }

  private static SqlFunction unary(String name, DoubleUnaryOperator op) {
    return strict(name, 1, 1, fixed(Basic.DOUBLE), a -> op.applyAsDouble(d(a[0])));
  }

  private static Double d(Object v) {
    return SqlValues.toDecimal(v).doubleValue();
  }

  /**
   * CEIL and FLOOR are INT in SeaTunnel whatever the argument's type; where SeaTunnel wraps a
   * result outside the INT range silently, this one fails naming the value.
   */
  private static Object rounded(Object v, RoundingMode mode) {
    BigDecimal r = SqlValues.toDecimal(v).setScale(0, mode);
    try {
      return r.intValueExact();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(v + " rounds to " + r.toPlainString() + ", outside the INT range of "
          + (mode == RoundingMode.CEILING ? "CEIL" : "FLOOR") + "'s result");
    }
  }

  /** Keeps the Java class of the argument, so ABS(int) is an int. */
  private static Object sameType(Object original, BigDecimal value) {
    return SqlValues.cast(value, typeOf(original));
  }

  static DataType typeOf(Object v) {
    if (v instanceof BigDecimal d) {
      return new DataType.Decimal(38, Math.max(0, Math.min(38, d.scale())));
    }
    if (v instanceof Byte) {
      return Basic.TINYINT;
    }
    if (v instanceof Short) {
      return Basic.SMALLINT;
    }
    if (v instanceof Integer) {
      return Basic.INT;
    }
    if (v instanceof Long) {
      return Basic.BIGINT;
    }
    if (v instanceof Float) {
      return Basic.FLOAT;
    }
    return Basic.DOUBLE;
  }

  /** MOD has the divisor's type (SeaTunnel's docs: "Result has the same type as divisor"). */
  private static DataType divisorType(List<DataType> args) {
    DataType t = args.get(1);
    return t == Basic.TINYINT || t == Basic.SMALLINT ? Basic.INT : t;
  }

  /**
   * As SeaTunnel's MOD, the remainder is taken on the decimal values, so MOD(13, 5.4) is 2.2, not
   * the 2.1999999999999993 of binary floating point.
   */
  private static Object mod(Object[] a) {
    BigDecimal divisor = SqlValues.toDecimal(a[1]);
    if (divisor.signum() == 0) {
      throw new ArithmeticException("division by zero");
    }
    BigDecimal remainder = SqlValues.toDecimal(a[0]).remainder(divisor);
    return SqlValues.cast(remainder, divisorType(List.of(typeOf(a[0]), typeOf(a[1]))));
  }
}
