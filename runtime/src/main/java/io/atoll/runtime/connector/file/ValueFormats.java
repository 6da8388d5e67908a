package io.atoll.runtime.connector.file;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;

/**
 * How dates, times and bytes look as text, per SeaTunnel's file options {@code date_format},
 * {@code time_format}, {@code datetime_format}. Parsing is lenient: the configured pattern first,
 * then the common forms SeaTunnel accepts ({@code 2024-01-31}, {@code 2024/01/31}, ISO with
 * {@code T}, ...), so a file written by another tool still reads. Bytes are UTF-8 text in text and
 * csv files, base64 in JSON (as SeaTunnel's JSON format and FakeSource {@code rows} do).
 */
public record ValueFormats(
    DateTimeFormatter date, DateTimeFormatter time, DateTimeFormatter dateTime, boolean bytesAsBase64) {

  public static final String DEFAULT_DATE = "yyyy-MM-dd";
  public static final String DEFAULT_TIME = "HH:mm:ss";
  public static final String DEFAULT_DATETIME = "yyyy-MM-dd HH:mm:ss";

  /** Text and csv files. */
  public static final ValueFormats TEXT = of(DEFAULT_DATE, DEFAULT_TIME, DEFAULT_DATETIME, false);
  /** JSON files, FakeSource {@code rows}, Assert {@code equals_to}. */
  public static final ValueFormats JSON = of(DEFAULT_DATE, DEFAULT_TIME, DEFAULT_DATETIME, true);

  private static final List<DateTimeFormatter> DATE_FALLBACKS = List.of(
      DateTimeFormatter.ISO_LOCAL_DATE, DateTimeFormatter.ofPattern("yyyy/MM/dd"),
      DateTimeFormatter.ofPattern("yyyy.MM.dd"), DateTimeFormatter.BASIC_ISO_DATE);
  private static final List<DateTimeFormatter> DATETIME_FALLBACKS = List.of(
      withFraction("yyyy-MM-dd HH:mm:ss"), DateTimeFormatter.ISO_LOCAL_DATE_TIME,
      withFraction("yyyy/MM/dd HH:mm:ss"), withFraction("yyyy.MM.dd HH:mm:ss"),
      DateTimeFormatter.ofPattern("yyyyMMddHHmmss"));

  /** @throws IllegalArgumentException when a pattern is not a valid {@link DateTimeFormatter} pattern */
  public static ValueFormats of(String date, String time, String dateTime, boolean bytesAsBase64) {
    return new ValueFormats(DateTimeFormatter.ofPattern(date), withFraction(time), withFraction(dateTime),
        bytesAsBase64);
  }

  public LocalDate parseDate(String text) {
    return parse(text, date, DATE_FALLBACKS, LocalDate::parse, "a date like 2024-01-31");
  }

  public LocalTime parseTime(String text) {
    return parse(text, time, List.of(DateTimeFormatter.ISO_LOCAL_TIME), LocalTime::parse,
        "a time like 13:45:00");
  }

  public LocalDateTime parseDateTime(String text) {
    return parse(text, dateTime, DATETIME_FALLBACKS, LocalDateTime::parse,
        "a timestamp like 2024-01-31 13:45:00");
  }

  private interface Parser<T> {
    T parse(CharSequence text, DateTimeFormatter formatter);
  }

  private static <T> T parse(String text, DateTimeFormatter first, List<DateTimeFormatter> fallbacks,
      Parser<T> parser, String expected) {
    List<DateTimeFormatter> all = new ArrayList<>();
    all.add(first);
    all.addAll(fallbacks);
    String trimmed = text.trim();
    for (DateTimeFormatter f : all) {
      try {
        return parser.parse(trimmed, f);
      } catch (DateTimeParseException e) {
        // try the next accepted form; the last failure is reported below
      }
    }
    throw new IllegalArgumentException("expected " + expected + ", got '" + text + "'");
  }

  /** A pattern whose seconds may carry a fraction; printing writes the fraction only when non-zero. */
  private static DateTimeFormatter withFraction(String pattern) {
    DateTimeFormatterBuilder b = new DateTimeFormatterBuilder().appendPattern(pattern);
    if (pattern.endsWith("ss")) {
      b.optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd();
    }
    return b.toFormatter();
  }
}
