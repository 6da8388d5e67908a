package io.atoll.protocol.connector;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.util.List;
import java.util.Optional;

/**
 * Typed reads of a plugin block by its {@link OptionSpec}s: the option's value, else a value under
 * one of its fallback names, else its default. Config has passed validation, so reads do not fail
 * for type reasons; a missing option without default is empty.
 */
public final class PluginConfigs {
  private PluginConfigs() {}

  /** The path actually present for the option (its name or a fallback name), if any. */
  public static Optional<String> presentPath(Config config, OptionSpec option) {
    if (has(config, option.name())) {
      return Optional.of(option.name());
    }
    return option.fallbackNames().stream().filter(n -> has(config, n)).findFirst();
  }

  public static String string(Config config, OptionSpec option) {
    return presentPath(config, option).map(config::getString).orElse((String) option.defaultValue());
  }

  public static int integer(Config config, OptionSpec option) {
    return presentPath(config, option).map(config::getInt)
        .orElseGet(() -> ((Number) option.defaultValue()).intValue());
  }

  public static long longValue(Config config, OptionSpec option) {
    return presentPath(config, option).map(config::getLong)
        .orElseGet(() -> ((Number) option.defaultValue()).longValue());
  }

  public static double doubleValue(Config config, OptionSpec option) {
    return presentPath(config, option).map(config::getDouble)
        .orElseGet(() -> ((Number) option.defaultValue()).doubleValue());
  }

  public static boolean bool(Config config, OptionSpec option) {
    return presentPath(config, option).map(config::getBoolean)
        .orElseGet(() -> (Boolean) option.defaultValue());
  }

  public static List<String> stringList(Config config, OptionSpec option) {
    Optional<String> path = presentPath(config, option);
    if (path.isEmpty()) {
      @SuppressWarnings("unchecked")
      List<String> def = option.defaultValue() == null ? List.of() : (List<String>) option.defaultValue();
      return def;
    }
    return config.getStringList(path.get());
  }

  private static boolean has(Config config, String path) {
    try {
      return config.hasPath(path);
    } catch (ConfigException.BadPath e) {
      return false;
    }
  }
}
