package io.atoll.runtime.transform.sql;

import io.atoll.protocol.data.DataType;
import io.atoll.protocol.data.DataType.Basic;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * {@code + - * / %} on numbers: the result type is {@link SqlValues#wider} of the operand types,
 * computed in that type (a decimal result keeps the larger scale, rounding half up); NULL on either side gives NULL. Integer division truncates, as SeaTunnel's.
 */
final class Arithmetic {
  enum Op { ADD, SUBTRACT, MULTIPLY, DIVIDE, MODULO }

  private Arithmetic() {}

  static Typed compile(Op op, Typed left, Typed right, String text) {
    if (!numericOrNull(left.type()) || !numericOrNull(right.type())) {
      throw new IllegalArgumentException("'" + text + "': arithmetic needs numbers, got "
          + left.type().sqlName() + " and " + right.type().sqlName());
    }
    DataType type = SqlValues.wider(left.type(), right.type());
    if (type == Basic.NULL) {
      type = Basic.INT;
    }
    DataType resultType = type;
    Evaluator l = left.evaluator();
    Evaluator r = right.evaluator();
    return new Typed(row -> {
      Object a = l.eval(row);
      if (a == null) {
        return null;
      }
      Object b = r.eval(row);
      return b == null ? null : apply(op, a, b, resultType);
    }, resultType);
  }

  private static boolean numericOrNull(DataType t) {
    return t == Basic.NULL || SqlValues.isNumeric(t);
  }

  static Object apply(Op op, Object a, Object b, DataType type) {
    if (type == Basic.INT) {
      int x = ((Number) a).intValue();
      int y = ((Number) b).intValue();
      return switch (op) {
        case ADD -> Math.addExact(x, y);
        case SUBTRACT -> Math.subtractExact(x, y);
        case MULTIPLY -> Math.multiplyExact(x, y);
        case DIVIDE -> x / nonZero(y);
        case MODULO -> x % nonZero(y);
      };
    }
    if (type == Basic.BIGINT) {
      long x = ((Number) a).longValue();
      long y = ((Number) b).longValue();
      return switch (op) {
        case ADD -> Math.addExact(x, y);
        case SUBTRACT -> Math.subtractExact(x, y);
        case MULTIPLY -> Math.multiplyExact(x, y);
        case DIVIDE -> x / nonZero(y);
        case MODULO -> x % nonZero(y);
      };
    }
    if (type == Basic.DOUBLE || type == Basic.FLOAT) {
      double x = ((Number) a).doubleValue();
      double y = ((Number) b).doubleValue();
      double d = switch (op) {
        case ADD -> x + y;
        case SUBTRACT -> x - y;
        case MULTIPLY -> x * y;
        case DIVIDE -> x / y;
        case MODULO -> x % y;
      };
      return type == Basic.FLOAT ? (Object) (float) d : (Object) d;
    }
    BigDecimal x = SqlValues.toDecimal(a);
    BigDecimal y = SqlValues.toDecimal(b);
    int scale = ((DataType.Decimal) type).scale();
    BigDecimal d = switch (op) {
      case ADD -> x.add(y);
      case SUBTRACT -> x.subtract(y);
      case MULTIPLY -> x.multiply(y);
      case DIVIDE -> x.divide(nonZero(y), MathContext.DECIMAL128);
      case MODULO -> x.remainder(nonZero(y));
    };
    return d.setScale(scale, RoundingMode.HALF_UP);
  }

  private static int nonZero(int y) {
    if (y == 0) {
      throw new ArithmeticException("division by zero");
    }
    return y;
  }

  private static long nonZero(long y) {
    if (y == 0) {
      throw new ArithmeticException("division by zero");
    }
    return y;
  }

  private static BigDecimal nonZero(BigDecimal y) {
    if (y.signum() == 0) {
      throw new ArithmeticException("division by zero");
    }
    return y;
  }
}
