package io.atoll.runtime.connector.file;

import io.atoll.protocol.data.DataType;
import io.atoll.protocol.data.RowType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Base64;

/**
 * One typed value as the text of a text/csv cell, the inverse of {@link FieldValues#convert} for
 * the same {@link ValueFormats}: null is the empty string, decimals are plain (no exponent), dates
 * follow the configured patterns, arrays/maps/rows are JSON (text and csv files write those with
 * {@link TextCells} instead; JSON is what map keys inside JSON files need).
 */
public final class ValueText {
  private ValueText() {}

  public static String format(Object value, DataType type, ValueFormats formats) {
    if (value == null) {
      return "";
    }
    if (type instanceof DataType.Array || type instanceof DataType.MapOf || type instanceof RowType) {
      return JsonValues.render(JsonValues.toJson(value, type, formats));
    }
    if (value instanceof BigDecimal d) {
      return d.toPlainString();
    }
    if (value instanceof byte[] bytes) {
      return formats.bytesAsBase64()
          ? Base64.getEncoder().encodeToString(bytes) : new String(bytes, StandardCharsets.UTF_8);
    }
    if (value instanceof LocalDate d) {
      return formats.date().format(d);
    }
    if (value instanceof LocalTime t) {
      return formats.time().format(t);
    }
    if (value instanceof LocalDateTime t) {
      return formats.dateTime().format(t);
    }
    return String.valueOf(value);
  }
}
