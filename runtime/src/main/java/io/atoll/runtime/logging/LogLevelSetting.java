package io.atoll.runtime.logging;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code ATOLL_LOG_LEVEL}: the root level the shipped logback configurations read
 * ({@code ${ATOLL_LOG_LEVEL:-INFO}}), from a system property of that name or else the environment
 * variable, as logback itself looks them up. Logback takes a word it does not know for DEBUG, so a
 * typo would flood the output: the command line checks the value before logging starts.
 */
public final class LogLevelSetting {
  public static final String NAME = "ATOLL_LOG_LEVEL";
  static final List<String> LEVELS = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF", "ALL");

  private LogLevelSetting() {}

  /** The level set for this process, by system property or environment variable; empty when neither is. */
  public static Optional<String> configured() {
    return configured(System.getProperty(NAME), System.getenv(NAME));
  }

  static Optional<String> configured(String property, String environment) {
    if (property != null && !property.isBlank()) {
      return Optional.of(property.trim());
    }
    return Optional.ofNullable(environment).map(String::trim).filter(s -> !s.isEmpty());
  }

  /** What is wrong with the configured level, if anything: a message naming the setting and the levels there are. */
  public static Optional<String> problem() {
    boolean fromProperty = System.getProperty(NAME) != null && !System.getProperty(NAME).isBlank();
    return configured().flatMap(value -> problem(value, fromProperty ? "system property -D" + NAME : NAME));
  }

  static Optional<String> problem(String value, String where) {
    if (LEVELS.contains(value.toUpperCase(Locale.ROOT))) {
      return Optional.empty();
    }
    return Optional.of(where + "=" + value + " is not a log level: use one of " + String.join(", ", LEVELS)
        + " (case does not matter)");
  }
}
