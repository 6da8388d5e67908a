package io.atoll.runtime.transform.sql;

import static io.atoll.runtime.transform.sql.SqlFunction.firstArg;
import static io.atoll.runtime.transform.sql.SqlFunction.fixed;
import static io.atoll.runtime.transform.sql.SqlFunction.strict;
import static io.atoll.runtime.transform.sql.StringFunctions.str;

import io.atoll.protocol.data.DataType;
import io.atoll.protocol.data.DataType.Basic;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.time.temporal.Temporal;
import java.time.temporal.TemporalAdjusters;
import java.time.temporal.WeekFields;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** SeaTunnel's date and time functions; formats are java.time patterns, as SeaTunnel's. */
final class DateTimeFunctions {
  private static final Map<String, DateTimeFormatter> FORMATS = new ConcurrentHashMap<>();

  private DateTimeFunctions() {}

  static List<SqlFunction> all() {
    return List.of(
        strict("NOW", 0, 0, fixed(Basic.TIMESTAMP), a -> LocalDateTime.now()),
        strict("CURRENT_TIMESTAMP", 0, 0, fixed(Basic.TIMESTAMP), a -> LocalDateTime.now()),
        strict("CURRENT_DATE", 0, 0, fixed(Basic.DATE), a -> LocalDate.now()),
        strict("CURRENT_TIME", 0, 0, fixed(Basic.TIME), a -> LocalTime.now()),
        strict("FROM_UNIXTIME", 1, 3, fixed(Basic.STRING), DateTimeFunctions::fromUnixtime),
        strict("FORMATDATETIME", 2, 2, fixed(Basic.STRING), a -> format(str(a, 1)).format(temporal(a[0]))),
        strict("PARSEDATETIME", 2, 2, fixed(Basic.TIMESTAMP), DateTimeFunctions::parse),
        strict("TO_DATE", 2, 2, fixed(Basic.TIMESTAMP), DateTimeFunctions::parse),
        strict("DATEADD", 2, 3, DateTimeFunctions::addType, DateTimeFunctions::add),
        strict("TIMESTAMPADD", 2, 3, DateTimeFunctions::addType, DateTimeFunctions::add),
        strict("DATEDIFF", 2, 3, fixed(Basic.BIGINT), DateTimeFunctions::diff),
        strict("DATE_TRUNC", 2, 2, firstArg(), a -> truncate(temporal(a[0]), str(a, 1))),
        strict("DAYNAME", 1, 1, fixed(Basic.STRING),
            a -> DayOfWeek.from(temporal(a[0])).getDisplayName(TextStyle.FULL, Locale.ENGLISH)),
        strict("MONTHNAME", 1, 1, fixed(Basic.STRING),
            a -> java.time.Month.from(temporal(a[0])).getDisplayName(TextStyle.FULL, Locale.ENGLISH)),
        field("YEAR", "YEAR"), field("QUARTER", "QUARTER"), field("MONTH", "MONTH"), field("WEEK", "WEEK"),
        field("DAY_OF_MONTH", "DAY"), field("DAY_OF_WEEK", "DAYOFWEEK"), field("DAY_OF_YEAR", "DOY"),
        field("HOUR", "HOUR"), field("MINUTE", "MINUTE"), field("SECOND", "SECOND"),
        field("ISO_YEAR", "ISO_YEAR"), field("ISO_WEEK", "ISO_WEEK"), field("ISO_DAY_OF_WEEK", "ISODOW"),
        strict("EXTRACT", 2, 2, fixed(Basic.INT), a -> extract(str(a, 0), temporal(a[1]))));
  }

  private static SqlFunction field(String name, String unit) {
    return strict(name, 1, 1, fixed(Basic.INT), a -> extract(unit, temporal(a[0])));
  }

  private static Temporal temporal(Object v) {
    if (v instanceof Temporal t) {
      return t;
    }
    return SqlValues.toTimestamp(v);
  }

  static DateTimeFormatter format(String pattern) {
    return FORMATS.computeIfAbsent(pattern, DateTimeFormatter::ofPattern);
  }

  /** Seconds since the epoch in the given zone (default: the system's), e.g. {@code UTC+8}. */
  private static Object fromUnixtime(Object[] a) {
    long seconds = SqlValues.toDecimal(a[0]).longValue();
    String pattern = a.length > 1 ? str(a, 1) : "yyyy-MM-dd HH:mm:ss";
    ZoneId zone = a.length > 2 ? ZoneId.of(str(a, 2)) : ZoneId.systemDefault();
    return format(pattern).format(LocalDateTime.ofInstant(Instant.ofEpochSecond(seconds), zone));
  }

  private static Object parse(Object[] a) {
    var parsed = format(str(a, 1)).parse(str(a, 0));
    LocalDate date = parsed.isSupported(ChronoField.EPOCH_DAY) ? LocalDate.from(parsed) : LocalDate.of(1970, 1, 1);
    LocalTime time = parsed.isSupported(ChronoField.NANO_OF_DAY) ? LocalTime.from(parsed) : LocalTime.MIDNIGHT;
    return LocalDateTime.of(date, time);
  }

  static ChronoUnit unit(String name) {
    return switch (name.trim().toUpperCase(Locale.ROOT)) {
      case "YEAR", "YEARS", "YY", "YYYY" -> ChronoUnit.YEARS;
      case "QUARTER" -> ChronoUnit.MONTHS;
      case "MONTH", "MONTHS", "MM", "M" -> ChronoUnit.MONTHS;
      case "WEEK", "WEEKS", "WW", "WK" -> ChronoUnit.WEEKS;
      case "DAY", "DAYS", "DD", "D", "DAY_OF_MONTH", "DAYOFMONTH" -> ChronoUnit.DAYS;
      case "HOUR", "HOURS", "HH" -> ChronoUnit.HOURS;
      case "MINUTE", "MINUTES", "MI", "N" -> ChronoUnit.MINUTES;
      case "SECOND", "SECONDS", "SS", "S" -> ChronoUnit.SECONDS;
      case "MILLISECOND", "MILLISECONDS", "MS" -> ChronoUnit.MILLIS;
      case "MICROSECOND", "MICROSECONDS", "MCS" -> ChronoUnit.MICROS;
      case "NANOSECOND", "NANOSECONDS", "NS" -> ChronoUnit.NANOS;
      default -> throw new IllegalArgumentException("date-time unit '" + name + "' is not one of YEAR, QUARTER, "
          + "MONTH, WEEK, DAY, HOUR, MINUTE, SECOND, MILLISECOND, MICROSECOND, NANOSECOND");
    };
  }

  /**
   * A DATE plus a time unit becomes a TIMESTAMP; otherwise the type of the value. Without a unit,
   * days, as SeaTunnel's DATEADD.
   */
  private static DataType addType(List<DataType> args) {
    return args.get(0) == Basic.STRING ? Basic.TIMESTAMP : args.get(0);
  }

  private static Object add(Object[] a) {
    Temporal t = temporal(a[0]);
    long amount = SqlValues.toDecimal(a[1]).longValue();
    String unitName = a.length > 2 ? str(a, 2) : "DAY";
    ChronoUnit unit = unit(unitName);
    if (unitName.trim().equalsIgnoreCase("QUARTER")) {
      amount *= 3;
    }
    if (t instanceof LocalDate d && unit.isTimeBased()) {
      return d.atStartOfDay().plus(amount, unit);
    }
    return t.plus(amount, unit);
  }

  /**
   * DATEDIFF as SeaTunnel 2.3.4 computes it (not as its docs word it): DAY counts calendar days
   * between the dates, the other units count whole units elapsed, so 2021-04-15 to 2022-01-23 is 0
   * YEAR and 13:59 to 14:01 is 0 HOUR. Without a unit, days.
   */
  private static Object diff(Object[] a) {
    String unitName = (a.length > 2 ? str(a, 2) : "DAY").trim().toUpperCase(Locale.ROOT);
    LocalDateTime from = SqlValues.toTimestamp(a[0]);
    LocalDateTime to = SqlValues.toTimestamp(a[1]);
    if (unitName.equals("DAYTIME")) {
      return ChronoUnit.DAYS.between(from, to);
    }
    ChronoUnit unit = unit(unitName);
    if (unit == ChronoUnit.DAYS || unit == ChronoUnit.MONTHS || unit == ChronoUnit.YEARS) {
      long n = unit.between(from.toLocalDate(), to.toLocalDate());
      return unitName.equals("QUARTER") ? n / 3 : n;
    }
    return unit.between(from, to);
  }

  static Temporal truncate(Temporal t, String unitName) {
    String u = unitName.trim().toUpperCase(Locale.ROOT);
    ChronoUnit unit = unit(u);
    LocalDateTime dt = t instanceof LocalDate d ? d.atStartOfDay() : t instanceof LocalTime lt
        ? lt.atDate(LocalDate.of(1970, 1, 1)) : SqlValues.toTimestamp(t);
    LocalDateTime out = switch (unit) {
      case YEARS -> dt.truncatedTo(ChronoUnit.DAYS).withDayOfYear(1);
      case MONTHS -> u.equals("QUARTER")
          ? dt.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1).withMonth((dt.getMonthValue() - 1) / 3 * 3 + 1)
          : dt.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1);
      case WEEKS -> dt.truncatedTo(ChronoUnit.DAYS).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      default -> dt.truncatedTo(unit);
    };
    if (t instanceof LocalDate) {
      return out.toLocalDate();
    }
    return t instanceof LocalTime ? out.toLocalTime() : out;
  }

  static int extract(String field, Temporal t) {
    return switch (field.trim().toUpperCase(Locale.ROOT)) {
      case "YEAR" -> t.get(ChronoField.YEAR);
      case "QUARTER" -> t.get(IsoFields.QUARTER_OF_YEAR);
      case "MONTH" -> t.get(ChronoField.MONTH_OF_YEAR);
      // SeaTunnel's WEEK: the ISO week-of-year field plus one, whatever the system locale
      // (2021-01-01 is 1, 2020-01-15 is 4).
      case "WEEK" -> t.get(WeekFields.ISO.weekOfYear()) + 1;
      case "DAY", "DAY_OF_MONTH" -> t.get(ChronoField.DAY_OF_MONTH);
      case "DOW" -> t.get(WeekFields.SUNDAY_START.dayOfWeek());
      // SeaTunnel's DAY_OF_WEEK and EXTRACT(DAYOFWEEK ...): 1 (Monday) to 7 (Sunday).
      case "DAYOFWEEK", "DAY_OF_WEEK", "ISODOW", "ISO_DAY_OF_WEEK" -> t.get(ChronoField.DAY_OF_WEEK);
      case "DOY", "DAYOFYEAR", "DAY_OF_YEAR" -> t.get(ChronoField.DAY_OF_YEAR);
      case "ISO_YEAR" -> t.get(IsoFields.WEEK_BASED_YEAR);
      case "ISO_WEEK" -> t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
      case "HOUR" -> t.get(ChronoField.HOUR_OF_DAY);
      case "MINUTE" -> t.get(ChronoField.MINUTE_OF_HOUR);
      case "SECOND" -> t.get(ChronoField.SECOND_OF_MINUTE);
      case "MILLISECOND" -> t.get(ChronoField.MILLI_OF_SECOND);
      case "MICROSECOND" -> t.get(ChronoField.MICRO_OF_SECOND);
      case "NANOSECOND" -> t.get(ChronoField.NANO_OF_SECOND);
      case "EPOCH" -> (int) SqlValues.toTimestamp(t).toEpochSecond(java.time.ZoneOffset.UTC);
      default -> throw new IllegalArgumentException("EXTRACT: field '" + field + "' is not one of YEAR, QUARTER, "
          + "MONTH, WEEK, DAY, DAYOFWEEK, DOW, ISODOW, DAYOFYEAR, DOY, HOUR, MINUTE, SECOND, MILLISECOND, MICROSECOND, NANOSECOND, EPOCH");
    };
  }
}
