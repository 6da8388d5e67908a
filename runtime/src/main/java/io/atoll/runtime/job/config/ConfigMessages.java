package io.atoll.runtime.job.config;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigRenderOptions;

/** Typesafe Config texts shaped for {@link Problem}s, which carry the origin and line themselves. */
final class ConfigMessages {
  private static final int MAX_VALUE_LENGTH = 60;

  private ConfigMessages() {}

  /** The exception's message without the "origin: line: " prefix Typesafe puts in front. */
  static String withoutOrigin(ConfigException e) {
    String message = e.getMessage();
    if (e.origin() != null) {
      String prefix = e.origin().description() + ": ";
      if (message.startsWith(prefix)) {
        return message.substring(prefix.length());
      }
    }
    return message;
  }

  /** A value as the user would recognise it, shortened so one problem stays one line. */
  static String show(ConfigValue value) {
    String text = value.render(ConfigRenderOptions.concise());
    return text.length() <= MAX_VALUE_LENGTH ? text : text.substring(0, MAX_VALUE_LENGTH) + "...";
  }
}
