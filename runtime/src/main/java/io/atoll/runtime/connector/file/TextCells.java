package io.atoll.runtime.connector.file;

import io.atoll.protocol.data.DataType;
import io.atoll.protocol.data.Row;
import io.atoll.protocol.data.RowKind;
import io.atoll.protocol.data.RowType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Arrays, maps and nested rows inside a cell of a {@code text} or {@code csv} file, written and read
 * as SeaTunnel 2.3.4's text format does (its csv format is the text format with ',' between cells),
 * so these files pass between the two systems: each nesting level has its
 * own separator byte, {@code \u0001} (the field delimiter) at the top, then {@code \u0002},
 * {@code \u0003}, ... up to {@code \u0007}. A value at level L joins array items and row fields with
 * separator L+1, and map entries with separator L+1, key from value with separator L+2 — so a map
 * cell is {@code k1\u0003v1\u0002k2\u0003v2} and an array cell {@code a\u0002b}.
 *
 * <p>Where SeaTunnel loses data we refuse instead: a value holding the separator it is joined with
 * fails the write (SeaTunnel would write a file that reads back differently), and a map value is
 * split from its key at the first key/value separator only. Like SeaTunnel, an empty array or map
 * is an empty cell, which reads back as null.
 */
final class TextCells {
  /** SeaTunnel's separators by level; index 0 is replaced by the file's field delimiter. */
  private static final String[] SEPARATORS = {"\u0001", "\u0002", "\u0003", "\u0004", "\u0005", "\u0006", "\u0007"};

  private TextCells() {}

  static boolean nested(DataType type) {
    return type instanceof DataType.Array || type instanceof DataType.MapOf || type instanceof RowType;
  }

  /** A top-level cell's text. @throws IllegalArgumentException when a value holds its separator */
  static String format(Object value, DataType type, ValueFormats formats) {
    return format(value, type, 0, formats);
  }

  /** A top-level cell, non-empty. @throws IllegalArgumentException saying what does not fit */
  static Object parse(String cell, DataType type, ValueFormats formats) {
    return parse(cell, type, 0, formats);
  }

  private static String format(Object value, DataType type, int level, ValueFormats formats) {
    if (value == null) {
      return "";
    }
    if (type instanceof DataType.Array array) {
      String sep = separator(level + 1);
      List<String> items = new ArrayList<>();
      for (Object item : (List<?>) value) {
        items.add(checked(format(item, array.element(), level + 1, formats), sep, "array item"));
      }
      return String.join(sep, items);
    }
    if (type instanceof DataType.MapOf map) {
      String sep = separator(level + 1);
      String kv = separator(level + 2);
      List<String> entries = new ArrayList<>();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
        String key = checked(checked(format(e.getKey(), map.key(), level + 1, formats), sep, "map key"), kv, "map key");
        String val = checked(format(e.getValue(), map.value(), level + 1, formats), sep, "map value");
        entries.add(key + kv + val);
      }
      return String.join(sep, entries);
    }
    if (type instanceof RowType row) {
      String sep = separator(level + 1);
      List<String> fields = new ArrayList<>();
      for (int i = 0; i < row.arity(); i++) {
        fields.add(checked(format(((Row) value).field(i), row.typeAt(i), level + 1, formats), sep,
            "field '" + row.fields().get(i).name() + "'"));
      }
      return String.join(sep, fields);
    }
    return ValueText.format(value, type, formats);
  }

  private static Object parse(String cell, DataType type, int level, ValueFormats formats) {
    if (cell.isEmpty() && type != DataType.Basic.STRING) {
      return null;
    }
    if (type instanceof DataType.Array array) {
      List<Object> items = new ArrayList<>();
      for (String item : split(cell, separator(level + 1))) {
        items.add(parse(item, array.element(), level + 1, formats));
      }
      return items;
    }
    if (type instanceof DataType.MapOf map) {
      String kv = separator(level + 2);
      Map<Object, Object> entries = new LinkedHashMap<>();
      for (String entry : split(cell, separator(level + 1))) {
        int at = entry.indexOf(kv);
        String key = at < 0 ? entry : entry.substring(0, at);
        Object value = at < 0 ? null : parse(entry.substring(at + kv.length()), map.value(), level + 1, formats);
        entries.put(parse(key, map.key(), level + 1, formats), value);
      }
      return entries;
    }
    if (type instanceof RowType row) {
      List<String> fields = split(cell, separator(level + 1));
      if (fields.size() > row.arity()) {
        throw new IllegalArgumentException(fields.size() + " fields for " + row.sqlName());
      }
      Object[] values = new Object[row.arity()];
      for (int i = 0; i < fields.size(); i++) {
        values[i] = parse(fields.get(i), row.typeAt(i), level + 1, formats);
      }
      return new Row(RowKind.INSERT, values);
    }
    return FieldValues.convert(cell, type, formats);
  }

  private static List<String> split(String text, String separator) {
    List<String> parts = new ArrayList<>();
    int from = 0;
    for (int at = text.indexOf(separator); at >= 0; at = text.indexOf(separator, from)) {
      parts.add(text.substring(from, at));
      from = at + separator.length();
    }
    parts.add(text.substring(from));
    return parts;
  }

  private static String separator(int level) {
    if (level >= SEPARATORS.length) {
      throw new IllegalArgumentException("nested deeper than the text format's " + (SEPARATORS.length - 1)
          + " separator levels (\\u0002 to \\u0007); use file_format_type = json");
    }
    return SEPARATORS[level];
  }

  private static String checked(String text, String separator, String what) {
    if (text.contains(separator)) {
      throw new IllegalArgumentException("the " + what + " '" + text.replace(separator, "\\u000" + (int) separator.charAt(0))
          + "' holds the separator \\u000" + (int) separator.charAt(0) + " and would not read back; use "
          + "file_format_type = json");
    }
    return text;
  }
}
