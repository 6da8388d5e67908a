package io.atoll.runtime.job.config;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.atoll.protocol.connector.OptionSpec;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a value fits an {@link io.atoll.protocol.connector.OptionType}, accepting exactly what
 * Typesafe Config's typed getters (and so {@link io.atoll.protocol.connector.PluginConfigs})
 * accept: a number may be written as a string ({@code "5"}), a boolean as {@code yes}/{@code off}.
 */
final class ValueTypes {
  private static final Set<String> BOOLEANS = Set.of("true", "false", "yes", "no", "on", "off");
  private static final BigDecimal INT_MIN = BigDecimal.valueOf(Integer.MIN_VALUE);
  private static final BigDecimal INT_MAX = BigDecimal.valueOf(Integer.MAX_VALUE);
  private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
  private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

  private ValueTypes() {}

  /** What is wrong with the value for this option, or empty when it fits. */
  static Optional<String> mismatch(OptionSpec spec, ConfigValue value) {
    boolean fits = switch (spec.type()) {
      case STRING -> scalar(value);
      case INT -> integral(value, INT_MIN, INT_MAX);
      case LONG -> integral(value, LONG_MIN, LONG_MAX);
      case DOUBLE -> number(value) != null;
      case BOOLEAN -> value.valueType() == ConfigValueType.BOOLEAN
          || value.valueType() == ConfigValueType.STRING && BOOLEANS.contains((String) value.unwrapped());
      case DURATION -> duration(value);
      case ENUM -> scalar(value) && spec.allowedValues().stream()
          .anyMatch(a -> a.equalsIgnoreCase(String.valueOf(value.unwrapped())));
      case STRING_LIST -> value instanceof ConfigList list && list.stream().allMatch(ValueTypes::scalar);
      case OBJECT -> value.valueType() == ConfigValueType.OBJECT;
      case OBJECT_LIST -> value instanceof ConfigList list
          && list.stream().allMatch(v -> v.valueType() == ConfigValueType.OBJECT);
      case ANY -> true;
    };
    return fits ? Optional.empty() : Optional.of("expected " + expected(spec) + ", got " + ConfigMessages.show(value));
  }

  static String expected(OptionSpec spec) {
    return switch (spec.type()) {
      case STRING -> "a string (STRING)";
      case INT -> "a whole number (INT)";
      case LONG -> "a whole number (LONG)";
      case DOUBLE -> "a number (DOUBLE)";
      case BOOLEAN -> "true or false (BOOLEAN)";
      case DURATION -> "a duration such as 10s or a number of milliseconds (DURATION)";
      case ENUM -> "one of " + String.join(", ", spec.allowedValues()) + " (ENUM)";
      case STRING_LIST -> "a list of strings (STRING_LIST)";
      case OBJECT -> "an object { ... } (OBJECT)";
      case OBJECT_LIST -> "a list of objects [{ ... }] (OBJECT_LIST)";
      case ANY -> "any value (ANY)";
    };
  }

  /** The value as a number, or null when it is neither a number nor a string holding one. */
  static BigDecimal number(ConfigValue value) {
    if (value.valueType() == ConfigValueType.NUMBER) {
      return new BigDecimal(value.unwrapped().toString());
    }
    if (value.valueType() == ConfigValueType.STRING) {
      try {
        return new BigDecimal(((String) value.unwrapped()).trim());
      } catch (NumberFormatException e) {
        return null; // not a number: the caller reports the value as of the wrong type
      }
    }
    return null;
  }

  private static boolean scalar(ConfigValue value) {
    return switch (value.valueType()) {
      case STRING, NUMBER, BOOLEAN -> true;
      default -> false;
    };
  }

  private static boolean integral(ConfigValue value, BigDecimal min, BigDecimal max) {
    BigDecimal n = number(value);
    return n != null && n.stripTrailingZeros().scale() <= 0 && n.compareTo(min) >= 0 && n.compareTo(max) <= 0;
  }

  /** Asks Typesafe itself, so "accepted here" means "readable by the plugin" ({@code 10 s}, {@code 5m}). */
  private static boolean duration(ConfigValue value) {
    if (!scalar(value) || value.valueType() == ConfigValueType.BOOLEAN) {
      return false;
    }
    try {
      ConfigFactory.empty().withValue("d", value).getDuration("d");
      return true;
    } catch (ConfigException.BadValue | ConfigException.WrongType e) {
      return false; // the caller reports the value as not a duration
    }
  }

  /** A duration option's value in milliseconds; the value has passed {@link #mismatch}. */
  static long millis(ConfigValue value) {
    return ConfigFactory.empty().withValue("d", value).getDuration("d").toMillis();
  }
}
