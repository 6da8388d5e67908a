package io.atoll.runtime.transform;

import com.typesafe.config.Config;
import io.atoll.protocol.connector.Collector;
import io.atoll.protocol.connector.OptionSpec;
import io.atoll.protocol.connector.OptionType;
import io.atoll.protocol.connector.PluginConfigs;
import io.atoll.protocol.connector.Transform;
import io.atoll.protocol.connector.TransformFactory;
import io.atoll.protocol.data.Row;
import io.atoll.protocol.data.RowKind;
import io.atoll.protocol.data.RowType;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * SeaTunnel's {@code FilterRowKind} transform: passes rows whose kind is in {@code include_kinds},
 * or not in {@code exclude_kinds} (INSERT, UPDATE_BEFORE, UPDATE_AFTER, DELETE, or +I, -U, +U, -D).
 */
public final class FilterRowKindTransformFactory implements TransformFactory {
  static final OptionSpec INCLUDE = OptionSpec.key("include_kinds").type(OptionType.STRING_LIST)
      .description("Row kinds to keep");
  static final OptionSpec EXCLUDE = OptionSpec.key("exclude_kinds").type(OptionType.STRING_LIST)
      .description("Row kinds to drop");

  @Override
  public String name() {
    return "FilterRowKind";
  }

  @Override
  public List<OptionSpec> options() {
    return List.of(INCLUDE, EXCLUDE);
  }

  @Override
  public List<String> validate(Config config, RowType input) {
    List<String> problems = new ArrayList<>();
    kept(config, problems);
    return problems;
  }

  private static Set<RowKind> kept(Config config, List<String> problems) {
    boolean include = PluginConfigs.presentPath(config, INCLUDE).isPresent();
    boolean exclude = PluginConfigs.presentPath(config, EXCLUDE).isPresent();
    if (include == exclude) {
      problems.add("set exactly one of options 'include_kinds' and 'exclude_kinds'");
      return Set.of();
    }
    OptionSpec option = include ? INCLUDE : EXCLUDE;
    EnumSet<RowKind> kinds = EnumSet.noneOf(RowKind.class);
    for (String name : PluginConfigs.stringList(config, option)) {
      try {
        kinds.add(RowKind.parse(name.trim()));
      } catch (IllegalArgumentException e) {
        problems.add("option '" + option.name() + "': " + e.getMessage());
      }
    }
    return include ? kinds : EnumSet.complementOf(kinds);
  }

  @Override
  public Transform createTransform(Config config, RowType input) {
    List<String> problems = new ArrayList<>();
    Set<RowKind> kept = kept(config, problems);
    if (!problems.isEmpty()) {
      throw InputFields.invalid("FilterRowKind", problems);
    }
    return new KindFilter(Set.copyOf(kept), input);
  }

  private record KindFilter(Set<RowKind> kept, RowType producedType) implements Transform {
    @Override
    public void process(Row row, Collector out) {
      if (kept.contains(row.kind())) {
        out.collect(row);
      }
    }
  }
}
