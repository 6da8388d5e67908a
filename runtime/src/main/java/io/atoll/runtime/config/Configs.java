package io.atoll.runtime.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.time.Duration;

/** Typed reads of the {@code atoll} config block that fail with the full key in the message. */
final class Configs {
  private Configs() {}

  static Duration duration(Config atoll, String path) {
    try {
      return atoll.getDuration(path);
    } catch (ConfigException e) {
      throw new SettingsException("atoll." + path + ": " + e.getMessage(), e);
    }
  }

  static int integer(Config atoll, String path) {
    try {
      return atoll.getInt(path);
    } catch (ConfigException e) {
      throw new SettingsException("atoll." + path + ": " + e.getMessage(), e);
    }
  }

  static boolean bool(Config atoll, String path) {
    try {
      return atoll.getBoolean(path);
    } catch (ConfigException e) {
      throw new SettingsException("atoll." + path + ": " + e.getMessage(), e);
    }
  }

  static String string(Config atoll, String path) {
    try {
      return atoll.getString(path);
    } catch (ConfigException e) {
      throw new SettingsException("atoll." + path + ": " + e.getMessage(), e);
    }
  }

  static Duration positive(Duration d, String path) {
    if (d.isNegative() || d.isZero()) {
      throw new SettingsException("atoll." + path + " must be positive, got " + d);
    }
    return d;
  }
}
