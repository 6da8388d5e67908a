package io.atoll.runtime.connector.file;

import com.typesafe.config.Config;
import io.atoll.protocol.connector.OptionSpec;
import io.atoll.protocol.connector.PluginConfigs;
import java.nio.charset.Charset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** Reads of the options the LocalFile source and sink share, each problem naming its option. */
final class FileOptions {
  private FileOptions() {}

  static FileFormat format(Config config, OptionSpec option, List<String> problems) {
    String name = PluginConfigs.string(config, option);
    if (name == null) {
      problems.add("option '" + option.name() + "' is required: one of text, csv, json");
      return null;
    }
    try {
      return FileFormat.parse(name);
    } catch (IllegalArgumentException e) {
      String lower = name.trim().toLowerCase(Locale.ROOT);
      problems.add("option '" + option.name() + "': '" + name + "' is "
          + (FileFormat.NOT_YET.contains(lower) ? "not supported yet" : "not a file format")
          + "; use text, csv or json");
      return null;
    }
  }

  static String delimiter(Config config, OptionSpec option, FileFormat format, List<String> problems) {
    String value = PluginConfigs.string(config, option);
    if (value == null) {
      return format == null ? "," : format.defaultDelimiter();
    }
    if (value.isEmpty() && format != FileFormat.JSON) {
      problems.add("option '" + option.name() + "' must not be empty");
    }
    return value;
  }

  /**
   * The delimiter a source splits on. SeaTunnel's reader splits with a regular expression, so its
   * job files escape a special character ({@code delimiter = "\\|"} for {@code |}); such an escape
   * (a backslash and one character that is neither a letter nor a digit) means that character here,
   * anything else is taken as written.
   */
  static String readDelimiter(Config config, OptionSpec option, FileFormat format, List<String> problems) {
    String value = delimiter(config, option, format, problems);
    if (value.length() == 2 && value.charAt(0) == '\\' && !Character.isLetterOrDigit(value.charAt(1))) {
      return value.substring(1);
    }
    return value;
  }

  static Charset charset(Config config, OptionSpec option, List<String> problems) {
    String name = PluginConfigs.string(config, option);
    try {
      return Charset.forName(name);
    } catch (IllegalArgumentException e) {
      problems.add("option '" + option.name() + "': unknown character set '" + name + "'");
      return null;
    }
  }

  static ValueFormats formats(Config config, OptionSpec date, OptionSpec time, OptionSpec dateTime,
      boolean json, List<String> problems) {
    String d = PluginConfigs.string(config, date);
    String t = PluginConfigs.string(config, time);
    String dt = PluginConfigs.string(config, dateTime);
    for (OptionSpec option : List.of(date, time, dateTime)) {
      String pattern = PluginConfigs.string(config, option);
      try {
        DateTimeFormatter.ofPattern(pattern);
      } catch (IllegalArgumentException e) {
        problems.add("option '" + option.name() + "': bad pattern '" + pattern + "': " + e.getMessage());
        return null;
      }
    }
    return ValueFormats.of(d, t, dt, json);
  }
}
