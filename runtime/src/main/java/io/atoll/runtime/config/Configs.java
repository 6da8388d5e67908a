package io.atoll.runtime.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.time.Duration;
import java.util.function.BiFunction;

/** Typed reads of the {@code atoll} config block that fail with the full key in the message. */
final class Configs {
  private Configs() {}

  static Duration duration(Config atoll, String path) {
    return read(atoll, path, Config::getDuration);
  }

  static int integer(Config atoll, String path) {
    return read(atoll, path, Config::getInt);
  }

  static long bytes(Config atoll, String path) {
    return read(atoll, path, Config::getBytes);
  }

  static boolean bool(Config atoll, String path) {
    return read(atoll, path, Config::getBoolean);
  }

  static String string(Config atoll, String path) {
    return read(atoll, path, Config::getString);
  }

  static Duration positive(Duration d, String path) {
    if (d.isNegative() || d.isZero()) {
      throw new SettingsException("atoll." + path + " must be positive, got " + d);
    }
    return d;
  }

  private static <T> T read(Config atoll, String path, BiFunction<Config, String, T> getter) {
    try {
      return getter.apply(atoll, path);
    } catch (ConfigException e) {
      throw new SettingsException("atoll." + path + ": " + e.getMessage(), e);
    }
  }
}
