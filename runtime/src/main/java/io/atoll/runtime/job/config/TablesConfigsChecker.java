package io.atoll.runtime.job.config;

import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import io.atoll.protocol.connector.OptionSpec;
import io.atoll.runtime.connector.TablesConfigs;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The options of a source's {@code tables_configs} (SeaTunnel's multi-table sources): each element
 * is checked as a block is, and an option given beside the list, which SeaTunnel never reads then,
 * is a warning.
 */
final class TablesConfigsChecker {
  private final Problems problems;

  TablesConfigsChecker(Problems problems) {
    this.problems = problems;
  }

  /**
   * Each element of a source's {@code tables_configs} is a whole config of the source: its options
   * are checked as the block's are (types; an option nobody reads is a warning, naming the element).
   *
   * @return false when an element has a problem, already reported
   */
  boolean check(PluginBlock source) {
    List<OptionSpec> specs = source.factory.options().stream()
        .filter(o -> !o.name().equals(TablesConfigs.KEY)).toList();
    if (specs.size() == source.factory.options().size()
        || !(source.block.get(TablesConfigs.KEY) instanceof ConfigList elements)) {
      return true;
    }
    Set<String> common = new HashSet<>();
    OptionChecker.COMMON.forEach(o -> {
      common.add(o.name());
      common.addAll(o.fallbackNames());
    });
    Set<String> ignored = new LinkedHashSet<>();
    for (Map.Entry<String, ConfigValue> leaf : source.config().entrySet()) {
      String path = leaf.getKey();
      // an option the source does not know is already a warning of its own
      String option = specs.stream().map(OptionSpec::name).filter(n -> path.equals(n) || path.startsWith(n + "."))
          .findFirst().orElse(null);
      if (option != null && !common.contains(option) && ignored.add(option)) {
        // SeaTunnel 2.3.4 reads only the elements then; saying so beats a silently unused option
        problems.warn(OptionChecker.line(source.config().getValue(option), source.line),
            source.label() + " option '" + option + "'",
            "is ignored next to tables_configs, whose elements are each a whole config: move it into the elements");
      }
    }
    boolean valid = true;
    for (int i = 0; i < elements.size(); i++) {
      if (elements.get(i) instanceof ConfigObject element) {
        OptionChecker checker = new OptionChecker(problems, source.label() + " " + TablesConfigs.KEY + "[" + i + "]",
            OptionChecker.line(element, source.line));
        valid &= checker.check(element, specs, false);
      }
    }
    return valid;
  }

}
