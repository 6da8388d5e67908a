package io.atoll.runtime.job.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import io.atoll.protocol.connector.OptionSpec;
import io.atoll.protocol.connector.OptionType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a block against the {@link OptionSpec}s it accepts: required options present, values of
 * the declared type, and a new name and its old name not both given (one would be ignored). An
 * option nobody reads is accepted, as SeaTunnel accepts it, but never silently: it is a warning
 * with a did-you-mean (a typo), and an error in strict mode.
 */
final class OptionChecker {
  /** SeaTunnel's options that every plugin block accepts, whatever the plugin declares. */
  static final List<OptionSpec> COMMON = List.of(
      OptionSpec.key("plugin_output").fallbackNames("result_table_name")
          .description("the name of the table this plugin produces"),
      OptionSpec.key("plugin_input").type(OptionType.ANY).fallbackNames("source_table_name")
          .description("the table (or list of tables) this plugin reads"),
      OptionSpec.key("parallelism").type(OptionType.INT)
          .description("this plugin's parallelism, instead of env.parallelism"),
      OptionSpec.key("plugin_name").description("the plugin, in SeaTunnel's list form of a block"));

  private final Problems problems;
  private final String label;
  private final int blockLine;

  /**
   * @param label how problems name the block: {@code source[0] FakeSource} or {@code env}
   * @param blockLine the block's line, for problems that belong to no single option
   */
  OptionChecker(Problems problems, String label, int blockLine) {
    this.problems = problems;
    this.label = label;
    this.blockLine = blockLine;
  }

  /** The plugin's own specs plus the common ones it does not redeclare. */
  static List<OptionSpec> withCommon(List<OptionSpec> specs) {
    Set<String> declared = new LinkedHashSet<>();
    specs.forEach(s -> {
      declared.add(s.name());
      declared.addAll(s.fallbackNames());
    });
    List<OptionSpec> all = new ArrayList<>(specs);
    COMMON.stream().filter(c -> !declared.contains(c.name())).forEach(all::add);
    return all;
  }

  /** @return true when the block has no problem */
  boolean check(ConfigObject block, List<OptionSpec> specs, boolean unknownAllowed) {
    int before = problems.size();
    Config config = block.toConfig();
    for (OptionSpec spec : specs) {
      checkOne(config, spec);
    }
    if (!unknownAllowed) {
      List<List<String>> known = new ArrayList<>();
      for (OptionSpec spec : specs) {
        known.add(ConfigUtil.splitPath(spec.name()));
        spec.fallbackNames().forEach(n -> known.add(ConfigUtil.splitPath(n)));
      }
      Set<String> names = new LinkedHashSet<>();
      specs.forEach(s -> names.add(s.name()));
      findUnknown(block, List.of(), known, names);
    }
    return problems.size() == before;
  }

  private void checkOne(Config config, OptionSpec spec) {
    List<String> present = new ArrayList<>();
    if (has(config, spec.name())) {
      present.add(spec.name());
    }
    spec.fallbackNames().stream().filter(n -> has(config, n)).forEach(present::add);
    if (present.isEmpty()) {
      if (spec.required()) {
        problems.add(blockLine, where(spec.name()), "is required but missing"
            + (spec.description().isEmpty() ? "" : " (" + spec.description() + ")"));
      }
      return;
    }
    if (present.size() > 1) {
      problems.add(lineOf(config, present.get(1)), where(present.get(1)),
          "give either '" + present.get(0) + "' or '" + present.get(1) + "', not both: they name the same option");
    }
    String path = present.get(0);
    ConfigValue value = config.getValue(path);
    ValueTypes.mismatch(spec, value).ifPresent(m -> problems.add(lineOf(config, path), where(path), m));
  }

  /**
   * Walks the block's tree: a path that is a known option (or inside one) is fine, a path on the
   * way to a deeper known option ({@code row} for {@code row.num}) is walked into, anything else
   * is unknown. A lone chain of nested keys is named down to its leaf ({@code rwo.num}).
   */
  private void findUnknown(ConfigObject object, List<String> prefix, List<List<String>> known, Set<String> names) {
    for (Map.Entry<String, ConfigValue> e : object.entrySet()) {
      List<String> path = new ArrayList<>(prefix);
      path.add(e.getKey());
      if (known.contains(path)) {
        continue;
      }
      boolean onTheWay = known.stream().anyMatch(k -> k.size() > path.size() && k.subList(0, path.size()).equals(path));
      if (onTheWay && e.getValue() instanceof ConfigObject child) {
        findUnknown(child, path, known, names);
        continue;
      }
      ConfigValue value = e.getValue();
      while (value instanceof ConfigObject child && child.size() == 1) {
        Map.Entry<String, ConfigValue> only = child.entrySet().iterator().next();
        path.add(only.getKey());
        value = only.getValue();
      }
      String name = ConfigUtil.joinPath(path);
      String hint = Suggestions.hint(name, names);
      problems.warn(line(value, blockLine), where(name), "unknown option"
          + (hint.isEmpty() ? "; known options: " + String.join(", ", names) : hint));
    }
  }

  private String where(String option) {
    return label + " option '" + option + "'";
  }

  private int lineOf(Config config, String path) {
    return line(config.getValue(path), blockLine);
  }

  static int line(ConfigValue value, int otherwise) {
    int line = value.origin().lineNumber();
    return line > 0 ? line : otherwise;
  }

  /** Whether an option is set (a {@code null} value counts as unset, as for Typesafe). */
  static boolean has(Config config, String path) {
    return config.hasPath(path);
  }
}
