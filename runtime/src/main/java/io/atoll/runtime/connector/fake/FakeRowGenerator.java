package io.atoll.runtime.connector.fake;

import io.atoll.protocol.data.DataType;
import io.atoll.protocol.data.Row;
import io.atoll.protocol.data.RowKind;
import io.atoll.protocol.data.RowType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Generates FakeSource rows. Each random row draws from a generator seeded by (split index, row
 * offset) alone, so the same split and offset give the same row on any node, in any attempt, after
 * any restore — without replaying the rows before it. Ranges follow SeaTunnel: integers within
 * min..max (max inclusive here, so min = max is a constant), floats in [min, max), dates in the
 * split's year unless {@code date.year.template} says otherwise, days 1-28 unless templated (a
 * templated day past the month's end is moved to its last day).
 */
final class FakeRowGenerator {
  private static final String LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private static final long SALT = 0x2545F4914F6CDD1DL;

  private final FakeSettings settings;

  FakeRowGenerator(FakeSettings settings) {
    this.settings = settings;
  }

  Row row(FakeSplit split, long offset) {
    if (settings.fixedRows() != null) {
      return settings.fixedRows().get((int) offset);
    }
    // another table of tables_configs draws other values for the same split and offset
    SplittableRandom random = new SplittableRandom(seed(split.index(), offset) + split.table() * SALT);
    return new Row(RowKind.INSERT, values(settings.rowType(), random, split.year()));
  }

  /** A well-mixed seed per (split, offset) (MurmurHash3's finaliser), stable across JVMs. */
  static long seed(int splitIndex, long offset) {
    long z = ((long) splitIndex << 40) ^ offset ^ SALT;
    z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
    z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return z ^ (z >>> 33);
  }

  private Object[] values(RowType type, SplittableRandom random, int year) {
    Object[] values = new Object[type.arity()];
    for (int i = 0; i < values.length; i++) {
      values[i] = value(type.typeAt(i), random, year);
    }
    return values;
  }

  private Object value(DataType type, SplittableRandom random, int year) {
    if (type instanceof DataType.Basic basic) {
      return basic(basic, random, year);
    }
    if (type instanceof DataType.Decimal decimal) {
      StringBuilder digits = new StringBuilder();
      for (int i = 0; i < decimal.precision(); i++) {
        digits.append((char) ('0' + random.nextInt(10)));
      }
      return new BigDecimal(new BigInteger(digits.toString()), decimal.scale());
    }
    if (type instanceof DataType.Array array) {
      List<Object> list = new ArrayList<>();
      for (int i = 0; i < settings.arraySize(); i++) {
        list.add(value(array.element(), random, year));
      }
      return list;
    }
    if (type instanceof DataType.MapOf map) {
      Map<Object, Object> out = new LinkedHashMap<>();
      for (int i = 0; i < settings.mapSize(); i++) {
        Object key = value(map.key(), random, year);
        out.put(key, value(map.value(), random, year));
      }
      return out;
    }
    return new Row(RowKind.INSERT, values((RowType) type, random, year));
  }

  private Object basic(DataType.Basic type, SplittableRandom random, int year) {
    return switch (type) {
      case STRING -> settings.stringTemplate() != null
          ? pick(settings.stringTemplate(), random) : letters(settings.stringLength(), random);
      case BOOLEAN -> random.nextBoolean();
      case TINYINT -> (byte) integral(type, random);
      case SMALLINT -> (short) integral(type, random);
      case INT -> (int) integral(type, random);
      case BIGINT -> integral(type, random);
      case FLOAT -> (float) floating(type, random);
      case DOUBLE -> floating(type, random);
      case NULL -> null;
      case BYTES -> letters(settings.bytesLength(), random).getBytes(StandardCharsets.US_ASCII);
      case DATE -> dateTime(random, year).toLocalDate();
      case TIME -> dateTime(random, year).toLocalTime();
      case TIMESTAMP -> dateTime(random, year);
    };
  }

  private long integral(DataType.Basic type, SplittableRandom random) {
    FakeSettings.Integral spec = settings.integrals().get(type);
    if (spec.template() != null) {
      return pick(spec.template(), random);
    }
    return between(spec.min(), spec.max(), random);
  }

  /** Uniform in [min, max], max included, without overflow at the type's edges. */
  private static long between(long min, long max, SplittableRandom random) {
    if (max < Long.MAX_VALUE) {
      return random.nextLong(min, max + 1);
    }
    if (min > Long.MIN_VALUE) {
      return random.nextLong(min - 1, max) + 1;
    }
    return random.nextLong();
  }

  private double floating(DataType.Basic type, SplittableRandom random) {
    FakeSettings.Floating spec = settings.floatings().get(type);
    if (spec.template() != null) {
      return pick(spec.template(), random);
    }
    double value = spec.min() + random.nextDouble() * (spec.max() - spec.min());
    return Math.min(value, spec.max());
  }

  private LocalDateTime dateTime(SplittableRandom random, int defaultYear) {
    FakeSettings.DateTemplates t = settings.dates();
    int y = (int) (t.years() != null ? pick(t.years(), random) : defaultYear);
    int month = (int) (t.months() != null ? pick(t.months(), random) : between(1, 12, random));
    int day = (int) (t.days() != null ? pick(t.days(), random) : between(1, 28, random));
    int hour = (int) (t.hours() != null ? pick(t.hours(), random) : between(0, 23, random));
    int minute = (int) (t.minutes() != null ? pick(t.minutes(), random) : between(0, 59, random));
    int second = (int) (t.seconds() != null ? pick(t.seconds(), random) : between(0, 59, random));
    int lastDay = YearMonth.of(y, month).lengthOfMonth();
    return LocalDateTime.of(y, month, Math.min(day, lastDay), hour, minute, second);
  }

  private static <T> T pick(List<T> list, SplittableRandom random) {
    return list.get(random.nextInt(list.size()));
  }

  private static String letters(int length, SplittableRandom random) {
    char[] chars = new char[length];
    for (int i = 0; i < length; i++) {
      chars[i] = LETTERS.charAt(random.nextInt(LETTERS.length()));
    }
    return new String(chars);
  }
}
