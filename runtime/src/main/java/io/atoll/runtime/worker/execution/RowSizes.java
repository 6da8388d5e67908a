package io.atoll.runtime.worker.execution;

import io.atoll.protocol.data.Row;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** A cheap estimate of a row's size in bytes, for the bytes-read / bytes-written counters. */
final class RowSizes {
  private RowSizes() {}

  static long estimate(Row row) {
    long total = 0;
    for (int i = 0; i < row.arity(); i++) {
      total += of(row.field(i));
    }
    return total;
  }

  private static long of(Object v) {
    if (v == null) {
      return 0;
    }
    if (v instanceof String s) {
      return 2L * s.length();
    }
    if (v instanceof byte[] b) {
      return b.length;
    }
    if (v instanceof Byte || v instanceof Boolean) {
      return 1;
    }
    if (v instanceof Short) {
      return 2;
    }
    if (v instanceof Integer || v instanceof Float) {
      return 4;
    }
    if (v instanceof BigDecimal d) {
      return 8L + d.unscaledValue().bitLength() / 8;
    }
    if (v instanceof List<?> list) {
      long t = 0;
      for (Object o : list) {
        t += of(o);
      }
      return t;
    }
    if (v instanceof Map<?, ?> map) {
      long t = 0;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        t += of(e.getKey()) + of(e.getValue());
      }
      return t;
    }
    if (v instanceof Row r) {
      return estimate(r);
    }
    return 8; // long, double, dates and times
  }
}
