package io.atoll.runtime.job.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigOriginFactory;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import io.atoll.protocol.job.OptionValue;
import io.atoll.protocol.job.PluginDefinition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Typesafe {@link Config} a plugin factory takes, built from a validated {@link OptionValue}
 * tree without parsing any text: every value's origin names the job file and the line it was
 * written on, so a message a plugin builds from an origin ({@code job.conf: 12: ...}) points at the
 * user's file.
 *
 * <p>Typesafe keeps object members in a hash map; plugins that need the written order (schema
 * fields, {@code field_mapper}, Copy's {@code fields}) sort by origin line
 * ({@link io.atoll.runtime.connector.file.ConfigOrder}). Where lines alone cannot say the order
 * ({@code fields { b = int, a = string }} on one line), each member's origin also carries its
 * position, read back by {@link #position}.
 */
public final class PluginOptions {
  /** Marks the origin comment that carries a member's position in its object. */
  private static final String POSITION = "atoll:position=";

  private PluginOptions() {}

  public static Config config(PluginDefinition plugin) {
    return config(plugin.origin(), plugin.options());
  }

  public static Config config(String origin, OptionValue.ObjectOf options) {
    ConfigOrigin file = ConfigOriginFactory.newSimple(origin);
    return ((ConfigObject) value(options, file)).toConfig();
  }

  /**
   * A block's options as a tree, ordered by line then key: for options that come from elsewhere
   * than a job file (tests, tools). Job files go through {@link JobFileParser}, which keeps the
   * written order exactly.
   */
  public static OptionValue.ObjectOf tree(ConfigObject block) {
    return OptionTreeReader.read(block, null, List.of());
  }

  /**
   * A member's position in its object when it shares a line with a sibling, else
   * {@link Integer#MAX_VALUE}: the tie-breaker after the origin line.
   */
  public static int position(ConfigValue value) {
    if (value.origin() == null) {
      return Integer.MAX_VALUE;
    }
    for (String comment : value.origin().comments()) {
      if (comment.startsWith(POSITION)) {
        return Integer.parseInt(comment.substring(POSITION.length()));
      }
    }
    return Integer.MAX_VALUE;
  }

  private static ConfigValue value(OptionValue value, ConfigOrigin file) {
    ConfigOrigin at = value.line() > 0 ? file.withLineNumber(value.line()) : file;
    Object plain;
    if (value instanceof OptionValue.ObjectOf object) {
      plain = members(object, file);
    } else if (value instanceof OptionValue.ListOf list) {
      List<ConfigValue> items = new ArrayList<>();
      list.items().forEach(i -> items.add(value(i, file)));
      plain = items;
    } else if (value instanceof OptionValue.Text text) {
      plain = text.value();
    } else if (value instanceof OptionValue.Numeric number) {
      plain = number.number();
    } else if (value instanceof OptionValue.Bool bool) {
      plain = bool.value();
    } else {
      plain = null;
    }
    return ConfigValueFactory.fromAnyRef(plain).withOrigin(at);
  }

  private static Map<String, ConfigValue> members(OptionValue.ObjectOf object, ConfigOrigin file) {
    boolean linesOrder = true;
    for (int i = 1; i < object.members().size(); i++) {
      linesOrder &= object.members().get(i - 1).value().line() < object.members().get(i).value().line();
    }
    Map<String, ConfigValue> members = new HashMap<>();
    for (int i = 0; i < object.members().size(); i++) {
      OptionValue.Member m = object.members().get(i);
      ConfigValue v = value(m.value(), file);
      if (!linesOrder) {
        v = v.withOrigin(v.origin().withComments(List.of(POSITION + i)));
      }
      members.put(m.key(), v);
    }
    return members;
  }
}
