package io.atoll.runtime.transform.sql;

import io.atoll.protocol.data.DataType.Basic;
import java.util.function.IntPredicate;

/** SQL's three-valued logic: NULL is "unknown", and WHERE keeps only rows whose condition is TRUE. */
final class Logic {
  private Logic() {}

  /** FALSE if either is FALSE, else NULL if either is NULL, else TRUE. */
  static Typed and(Typed left, Typed right) {
    Evaluator l = left.evaluator();
    Evaluator r = right.evaluator();
    return new Typed(row -> {
      Object a = l.eval(row);
      if (Boolean.FALSE.equals(a)) {
        return false;
      }
      Object b = r.eval(row);
      if (Boolean.FALSE.equals(b)) {
        return false;
      }
      return a == null || b == null ? null : true;
    }, Basic.BOOLEAN);
  }

  /** TRUE if either is TRUE, else NULL if either is NULL, else FALSE. */
  static Typed or(Typed left, Typed right) {
    Evaluator l = left.evaluator();
    Evaluator r = right.evaluator();
    return new Typed(row -> {
      Object a = l.eval(row);
      if (Boolean.TRUE.equals(a)) {
        return true;
      }
      Object b = r.eval(row);
      if (Boolean.TRUE.equals(b)) {
        return true;
      }
      return a == null || b == null ? null : false;
    }, Basic.BOOLEAN);
  }

  static Typed not(Typed value) {
    Evaluator v = value.evaluator();
    return new Typed(row -> {
      Object a = v.eval(row);
      return a == null ? null : !(Boolean) a;
    }, Basic.BOOLEAN);
  }

  /** NULL if either side is NULL, else the test applied to the comparison of the two values. */
  static Typed compare(Typed left, Typed right, IntPredicate test) {
    Evaluator l = left.evaluator();
    Evaluator r = right.evaluator();
    return new Typed(row -> {
      Object a = l.eval(row);
      if (a == null) {
        return null;
      }
      Object b = r.eval(row);
      return b == null ? null : test.test(SqlValues.compare(a, b));
    }, Basic.BOOLEAN);
  }

  /**
   * {@code <>} as SeaTunnel evaluates it: a NULL differs from any value (TRUE), two NULLs do not
   * (FALSE), so {@code WHERE n <> 3} keeps the rows whose n is NULL, as on SeaTunnel.
   */
  static Typed notEquals(Typed left, Typed right) {
    Evaluator l = left.evaluator();
    Evaluator r = right.evaluator();
    return new Typed(row -> {
      Object a = l.eval(row);
      Object b = r.eval(row);
      if (a == null || b == null) {
        return a != b;
      }
      return !SqlValues.same(a, b);
    }, Basic.BOOLEAN);
  }

  /** NULL if either side is NULL, else whether the two are the same value ({@link SqlValues#same}). */
  static Typed equalsTo(Typed left, Typed right) {
    Evaluator l = left.evaluator();
    Evaluator r = right.evaluator();
    return new Typed(row -> {
      Object a = l.eval(row);
      if (a == null) {
        return null;
      }
      Object b = r.eval(row);
      return b == null ? null : SqlValues.same(a, b);
    }, Basic.BOOLEAN);
  }
}
