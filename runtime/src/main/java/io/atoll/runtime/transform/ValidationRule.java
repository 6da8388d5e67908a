package io.atoll.runtime.transform;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import io.atoll.protocol.data.DataType;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One {@code DataValidator} rule, as in SeaTunnel: NOT_NULL, RANGE (numbers, bounds inclusive unless
 * {@code min_inclusive} / {@code max_inclusive} = false), LENGTH (text, bytes, lists, maps; or the
 * length of the value's text) and REGEX (the whole text must match). Only NOT_NULL looks at null:
 * the others pass it.
 */
sealed interface ValidationRule {
  /** @return null when the value passes, else why not */
  String check(Object value);

  String customMessage();

  default String failure(Object value) {
    String why = check(value);
    return why == null ? null : customMessage() != null ? customMessage() : why;
  }

  record NotNull(String customMessage) implements ValidationRule {
    @Override
    public String check(Object value) {
      return value == null ? "is null" : null;
    }
  }

  record Range(BigDecimal min, BigDecimal max, boolean minInclusive, boolean maxInclusive, String customMessage)
      implements ValidationRule {
    @Override
    public String check(Object value) {
      if (value == null) {
        return null;
      }
      if ((value instanceof Double d && !Double.isFinite(d)) || (value instanceof Float f && !Float.isFinite(f))) {
        return "value " + value + " is not a finite number";
      }
      BigDecimal v = new BigDecimal(value.toString());
      if (min != null && (minInclusive ? v.compareTo(min) < 0 : v.compareTo(min) <= 0)) {
        return "value " + value + " is below minimum " + min.toPlainString() + (minInclusive ? "" : " (exclusive)");
      }
      if (max != null && (maxInclusive ? v.compareTo(max) > 0 : v.compareTo(max) >= 0)) {
        return "value " + value + " exceeds maximum " + max.toPlainString() + (maxInclusive ? "" : " (exclusive)");
      }
      return null;
    }
  }

  record Length(Integer min, Integer max, Integer exact, String customMessage) implements ValidationRule {
    @Override
    public String check(Object value) {
      if (value == null) {
        return null;
      }
      int length = value instanceof byte[] b ? b.length : value instanceof Collection<?> c ? c.size()
          : value instanceof Map<?, ?> m ? m.size() : value.toString().length();
      if (exact != null && length != exact) {
        return "length " + length + " is not " + exact;
      }
      if (min != null && length < min) {
        return "length " + length + " is below minimum " + min;
      }
      if (max != null && length > max) {
        return "length " + length + " exceeds maximum " + max;
      }
      return null;
    }
  }

  record Regex(Pattern pattern, String customMessage) implements ValidationRule {
    @Override
    public String check(Object value) {
      return value == null || pattern.matcher(value.toString()).matches() ? null
          : "value '" + value + "' does not match pattern '" + pattern.pattern() + "'";
    }
  }

  /** Reads one rule; adds a problem starting with {@code where} and returns null when it is wrong. */
  static ValidationRule read(Config rule, DataType fieldType, String where, List<String> problems) {
    if (!rule.hasPath("rule_type")) {
      problems.add(where + "'rule_type' is required: NOT_NULL, RANGE, LENGTH or REGEX");
      return null;
    }
    String message = rule.hasPath("custom_message") ? rule.getString("custom_message") : null;
    String type = rule.getString("rule_type").trim().toUpperCase(Locale.ROOT);
    int before = problems.size();
    try {
      switch (type) {
        case "NOT_NULL":
          return new NotNull(message);
        case "RANGE": {
          boolean numeric = fieldType instanceof DataType.Decimal
              || fieldType instanceof DataType.Basic b && b.numeric();
          if (!numeric) {
            problems.add(where + "RANGE checks numbers; the field is " + fieldType.sqlName());
          }
          BigDecimal min = number(rule, "min_value", where, problems);
          BigDecimal max = number(rule, "max_value", where, problems);
          boolean minIn = !rule.hasPath("min_inclusive") || rule.getBoolean("min_inclusive");
          boolean maxIn = !rule.hasPath("max_inclusive") || rule.getBoolean("max_inclusive");
          return problems.size() == before ? new Range(min, max, minIn, maxIn, message) : null;
        }
        case "LENGTH": {
          Integer min = rule.hasPath("min_length") ? rule.getInt("min_length") : null;
          Integer max = rule.hasPath("max_length") ? rule.getInt("max_length") : null;
          Integer exact = rule.hasPath("exact_length") ? rule.getInt("exact_length") : null;
          return new Length(min, max, exact, message);
        }
        case "REGEX": {
          if (!rule.hasPath("pattern")) {
            problems.add(where + "REGEX needs 'pattern'");
            return null;
          }
          boolean caseSensitive = !rule.hasPath("case_sensitive") || rule.getBoolean("case_sensitive");
          return new Regex(Pattern.compile(rule.getString("pattern"), caseSensitive ? 0 : Pattern.CASE_INSENSITIVE),
              message);
        }
        case "UDF":
          problems.add(where + "UDF rules are not supported; use NOT_NULL, RANGE, LENGTH or REGEX");
          return null;
        default:
          problems.add(where + "unknown rule_type '" + rule.getString("rule_type")
              + "'; known: NOT_NULL, RANGE, LENGTH, REGEX");
          return null;
      }
    } catch (ConfigException.WrongType e) {
      problems.add(where + withoutOrigin(e));
    } catch (PatternSyntaxException e) {
      problems.add(where + "'pattern' is not a valid regex: " + e.getDescription());
    }
    return null;
  }

  private static BigDecimal number(Config rule, String key, String where, List<String> problems) {
    if (!rule.hasPath(key)) {
      return null;
    }
    String text = rule.getValue(key).unwrapped().toString().trim();
    try {
      return new BigDecimal(text);
    } catch (NumberFormatException e) {
      problems.add(where + "'" + key + "' must be a number, got '" + text + "'");
      return null;
    }
  }

  /** Typesafe's wrong-type message without its origin prefix: the problem carries the block's line. */
  private static String withoutOrigin(ConfigException e) {
    String m = e.getMessage();
    int colon = m.indexOf(": ", m.indexOf(": ") + 2);
    return e.origin() != null && colon >= 0 ? m.substring(colon + 2) : m;
  }
}
