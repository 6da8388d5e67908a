package io.atoll.runtime.transform.sql;

import static io.atoll.runtime.transform.sql.SqlFunction.fixed;
import static io.atoll.runtime.transform.sql.SqlFunction.lenient;
import static io.atoll.runtime.transform.sql.SqlFunction.strict;
import static io.atoll.runtime.transform.sql.SqlValues.asString;

import io.atoll.protocol.data.DataType;
import io.atoll.protocol.data.DataType.Basic;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** SeaTunnel's string functions (transform-v2/sql-functions.md, "String Functions"). */
final class StringFunctions {
  private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();

  private StringFunctions() {}

  static List<SqlFunction> all() {
    DataType s = Basic.STRING;
    return List.of(
        strict("ASCII", 1, 1, fixed(Basic.INT), a -> str(a, 0).isEmpty() ? null : (int) str(a, 0).charAt(0)),
        strict("CHAR", 1, 1, fixed(s), a -> String.valueOf((char) integer(a, 0))),
        strict("CHR", 1, 1, fixed(s), a -> String.valueOf((char) integer(a, 0))),
        strict("LENGTH", 1, 1, fixed(Basic.BIGINT), a -> (long) str(a, 0).length()),
        strict("CHAR_LENGTH", 1, 1, fixed(Basic.BIGINT), a -> (long) str(a, 0).length()),
        strict("CHARACTER_LENGTH", 1, 1, fixed(Basic.BIGINT), a -> (long) str(a, 0).length()),
        strict("OCTET_LENGTH", 1, 1, fixed(Basic.BIGINT), a -> (long) bytes(a[0]).length),
        strict("BIT_LENGTH", 1, 1, fixed(Basic.BIGINT), a -> 8L * bytes(a[0]).length),
        strict("RAWTOHEX", 1, 1, fixed(s), StringFunctions::rawToHex),
        strict("HEXTORAW", 1, 1, fixed(s), StringFunctions::hexToRaw),
        strict("TO_CHAR", 1, 2, fixed(s), a -> a.length > 1 && a[0] instanceof java.time.temporal.Temporal t
            ? DateTimeFunctions.format(str(a, 1)).format(t) : SqlValues.asString(a[0])),
        lenient("CONCAT", 1, Integer.MAX_VALUE, fixed(s), StringFunctions::concat),
        lenient("CONCAT_WS", 2, Integer.MAX_VALUE, fixed(s), StringFunctions::concatWs),
        strict("UPPER", 1, 1, fixed(s), a -> str(a, 0).toUpperCase(Locale.ROOT)),
        strict("UCASE", 1, 1, fixed(s), a -> str(a, 0).toUpperCase(Locale.ROOT)),
        strict("LOWER", 1, 1, fixed(s), a -> str(a, 0).toLowerCase(Locale.ROOT)),
        strict("LCASE", 1, 1, fixed(s), a -> str(a, 0).toLowerCase(Locale.ROOT)),
        strict("LEFT", 2, 2, fixed(s), a -> left(str(a, 0), integer(a, 1))),
        strict("RIGHT", 2, 2, fixed(s), a -> right(str(a, 0), integer(a, 1))),
        strict("TRIM", 1, 2, fixed(s), a -> trim(a, true, true)),
        strict("LTRIM", 1, 2, fixed(s), a -> trim(a, true, false)),
        strict("RTRIM", 1, 2, fixed(s), a -> trim(a, false, true)),
        lenient("REPLACE", 2, 3, fixed(s), StringFunctions::replace),
        strict("SUBSTRING", 2, 3, fixed(s), StringFunctions::substring),
        strict("SUBSTR", 2, 3, fixed(s), StringFunctions::substring),
        strict("SPLIT", 2, 2, fixed(new DataType.Array(s)), a -> List.of(str(a, 0).split(Pattern.quote(str(a, 1)), -1))),
        strict("REPEAT", 2, 2, fixed(s), a -> str(a, 0).repeat(Math.max(0, integer(a, 1)))),
        strict("SPACE", 1, 1, fixed(s), a -> " ".repeat(Math.max(0, integer(a, 0)))),
        strict("LPAD", 2, 3, fixed(s), a -> pad(a, true)),
        strict("RPAD", 2, 3, fixed(s), a -> pad(a, false)),
        strict("LOCATE", 2, 3, fixed(Basic.INT), a -> locate(str(a, 0), str(a, 1), a.length > 2 ? integer(a, 2) : 1)),
        strict("INSTR", 2, 3, fixed(Basic.INT), a -> locate(str(a, 1), str(a, 0), a.length > 2 ? integer(a, 2) : 1)),
        strict("POSITION", 2, 2, fixed(Basic.INT), a -> locate(str(a, 0), str(a, 1), 1)),
        strict("TRANSLATE", 3, 3, fixed(s), StringFunctions::translate),
        lenient("INSERT", 4, 4, fixed(s), StringFunctions::insert),
        strict("SOUNDEX", 1, 1, fixed(s), a -> Soundex.of(str(a, 0))),
        strict("REGEXP_LIKE", 2, 3, fixed(Basic.BOOLEAN), a -> pattern(a, 1, 2).matcher(str(a, 0)).find()),
        strict("REGEXP_REPLACE", 3, 4, fixed(s), StringFunctions::regexpReplace),
        lenient("REGEXP_SUBSTR", 2, 6, fixed(s), StringFunctions::regexpSubstr));
  }

  static String str(Object[] a, int i) {
    return asString(a[i]);
  }

  static int integer(Object[] a, int i) {
    return SqlValues.toDecimal(a[i]).intValue();
  }

  private static byte[] bytes(Object v) {
    return v instanceof byte[] b ? b : asString(v).getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  /** Bytes as two hex digits each; a string's characters as four each (H2's RAWTOHEX). */
  private static Object rawToHex(Object[] a) {
    StringBuilder b = new StringBuilder();
    if (a[0] instanceof byte[] raw) {
      for (byte x : raw) {
        b.append(String.format("%02x", x & 0xff));
      }
    } else {
      for (char c : str(a, 0).toCharArray()) {
        b.append(String.format("%04x", (int) c));
      }
    }
    return b.toString();
  }

  private static Object hexToRaw(Object[] a) {
    String hex = str(a, 0);
    if (hex.length() % 4 != 0) {
      throw new IllegalArgumentException("HEXTORAW: '" + hex + "' is not a multiple of 4 hex digits");
    }
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < hex.length(); i += 4) {
      b.append((char) Integer.parseInt(hex.substring(i, i + 4), 16));
    }
    return b.toString();
  }

  /** NULL arguments are skipped; all NULL gives the empty string. */
  private static Object concat(Object[] a) {
    StringBuilder b = new StringBuilder();
    for (Object v : a) {
      if (v != null) {
        b.append(asString(v));
      }
    }
    return b.toString();
  }

  private static Object concatWs(Object[] a) {
    String sep = a[0] == null ? "" : asString(a[0]);
    return String.join(sep, Arrays.stream(a, 1, a.length).filter(v -> v != null).map(SqlValues::asString).toList());
  }

  private static String left(String s, int n) {
    return s.substring(0, Math.max(0, Math.min(n, s.length())));
  }

  private static String right(String s, int n) {
    return s.substring(s.length() - Math.max(0, Math.min(n, s.length())));
  }

  private static Object trim(Object[] a, boolean leading, boolean trailing) {
    String s = str(a, 0);
    String chars = a.length > 1 ? str(a, 1) : " ";
    int start = 0;
    int end = s.length();
    while (leading && start < end && chars.indexOf(s.charAt(start)) >= 0) {
      start++;
    }
    while (trailing && end > start && chars.indexOf(s.charAt(end - 1)) >= 0) {
      end--;
    }
    return s.substring(start, end);
  }

  /** Without a replacement, or with NULL, the search string is removed. */
  private static Object replace(Object[] a) {
    if (a[0] == null || a[1] == null) {
      return a[0] == null ? null : str(a, 0);
    }
    String search = str(a, 1);
    String replacement = a.length > 2 && a[2] != null ? str(a, 2) : "";
    return search.isEmpty() ? str(a, 0) : str(a, 0).replace(search, replacement);
  }

  /** 1-based start; a negative start counts from the end. */
  private static Object substring(Object[] a) {
    String s = str(a, 0);
    int start = integer(a, 1);
    int from = start < 0 ? Math.max(0, s.length() + start) : Math.max(0, start - 1);
    if (from >= s.length()) {
      return "";
    }
    int to = a.length > 2 ? (int) Math.min(s.length(), (long) from + Math.max(0, integer(a, 2))) : s.length();
    return s.substring(from, to);
  }

  /**
   * INSERT(original, start, length, addition): removes {@code length} characters at the 1-based
   * {@code start} and puts {@code addition} there. As SeaTunnel 2.3.4: a NULL original gives the
   * addition, a NULL addition the original, and a start outside the string, a length below 1 or an
   * empty addition leave the original unchanged.
   */
  private static Object insert(Object[] a) {
    if (a[0] == null || a[3] == null) {
      return a[0] == null ? a[3] == null ? null : str(a, 3) : str(a, 0);
    }
    if (a[1] == null || a[2] == null) {
      return null;
    }
    String original = str(a, 0);
    String addition = str(a, 3);
    int start = integer(a, 1) - 1;
    int length = integer(a, 2);
    if (start < 0 || length <= 0 || addition.isEmpty() || start > original.length()) {
      return original;
    }
    int end = (int) Math.min(original.length(), (long) start + length);
    return original.substring(0, start) + addition + original.substring(end);
  }

  private static Object pad(Object[] a, boolean leftSide) {
    String s = str(a, 0);
    int len = integer(a, 1);
    String fill = a.length > 2 ? str(a, 2) : " ";
    if (len <= s.length() || fill.isEmpty()) {
      return s.substring(0, Math.max(0, Math.min(len, s.length())));
    }
    StringBuilder p = new StringBuilder();
    while (p.length() < len - s.length()) {
      p.append(fill);
    }
    p.setLength(len - s.length());
    return leftSide ? p + s : s + p;
  }

  /** 1-based position of search in s from start (negative: backwards from the end), 0 if absent. */
  private static int locate(String search, String s, int start) {
    if (start < 0) {
      return s.lastIndexOf(search, s.length() + start) + 1;
    }
    return s.indexOf(search, Math.max(0, start - 1)) + 1;
  }

  private static Object translate(Object[] a) {
    String s = str(a, 0);
    String from = str(a, 1);
    String to = str(a, 2);
    StringBuilder b = new StringBuilder();
    for (char c : s.toCharArray()) {
      int i = from.indexOf(c);
      if (i < 0) {
        b.append(c);
      } else if (i < to.length()) {
        b.append(to.charAt(i));
      }
    }
    return b.toString();
  }

  /** Flags as H2's: i case-insensitive, c case-sensitive, n dot matches newline, m multiline. */
  private static Pattern pattern(Object[] a, int regexAt, int flagsAt) {
    String regex = str(a, regexAt);
    String flags = a.length > flagsAt && a[flagsAt] != null ? str(a, flagsAt) : "";
    return PATTERNS.computeIfAbsent(flags + "/" + regex, k -> {
      int f = 0;
      for (char c : flags.toCharArray()) {
        f = switch (c) {
          case 'i' -> f | Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
          case 'c' -> f & ~Pattern.CASE_INSENSITIVE;
          case 'n' -> f | Pattern.DOTALL;
          case 'm' -> f | Pattern.MULTILINE;
          default -> throw new IllegalArgumentException("regular expression flag '" + c + "' is not one of i, c, n, m");
        };
      }
      if (PATTERNS.size() > 1024) {
        PATTERNS.clear();
      }
      return Pattern.compile(regex, f);
    });
  }

  private static Object regexpReplace(Object[] a) {
    Matcher m = pattern(a, 1, 3).matcher(str(a, 0));
    return m.replaceAll(str(a, 2));
  }

  /** REGEXP_SUBSTR(input, regex[, position[, occurrence[, flags[, group]]]]). */
  private static Object regexpSubstr(Object[] a) {
    if (a[0] == null || a[1] == null) {
      return null;
    }
    String s = str(a, 0);
    int position = a.length > 2 && a[2] != null ? integer(a, 2) : 1;
    int occurrence = a.length > 3 && a[3] != null ? integer(a, 3) : 1;
    int group = a.length > 5 && a[5] != null ? integer(a, 5) : 0;
    Matcher m = pattern(a, 1, 4).matcher(s);
    int from = Math.max(0, position - 1);
    for (int found = 0; from <= s.length() && m.find(from); ) {
      if (++found == occurrence) {
        return m.group(group);
      }
      from = m.end() == m.start() ? m.end() + 1 : m.end();
    }
    return null;
  }
}
