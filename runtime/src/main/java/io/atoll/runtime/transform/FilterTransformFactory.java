package io.atoll.runtime.transform;

import com.typesafe.config.Config;
import io.atoll.protocol.connector.OptionSpec;
import io.atoll.protocol.connector.OptionType;
import io.atoll.protocol.connector.PluginConfigs;
import io.atoll.protocol.connector.Transform;
import io.atoll.protocol.connector.TransformFactory;
import io.atoll.protocol.data.RowType;
import java.util.ArrayList;
import java.util.List;

/**
 * SeaTunnel's {@code Filter} transform: keeps the fields of {@code include_fields} in that order
 * (SeaTunnel before 2.3.6 called it {@code fields}), or drops those of {@code exclude_fields}.
 */
public final class FilterTransformFactory implements TransformFactory {
  static final OptionSpec INCLUDE = OptionSpec.key("include_fields").type(OptionType.STRING_LIST)
      .fallbackNames("fields").description("Fields to keep, in this order");
  static final OptionSpec EXCLUDE = OptionSpec.key("exclude_fields").type(OptionType.STRING_LIST)
      .description("Fields to drop; the others keep their order");

  @Override
  public String name() {
    return "Filter";
  }

  @Override
  public List<OptionSpec> options() {
    return List.of(INCLUDE, EXCLUDE);
  }

  @Override
  public List<String> validate(Config config, RowType input) {
    List<String> problems = new ArrayList<>();
    boolean include = PluginConfigs.presentPath(config, INCLUDE).isPresent();
    boolean exclude = PluginConfigs.presentPath(config, EXCLUDE).isPresent();
    if (include == exclude) {
      problems.add("set exactly one of options 'include_fields' and 'exclude_fields'");
      return problems;
    }
    OptionSpec option = include ? INCLUDE : EXCLUDE;
    List<String> names = PluginConfigs.stringList(config, option);
    InputFields.requireAll(option.name(), names, input, problems);
    InputFields.requireDistinct(option.name(), names, problems);
    if (include && names.isEmpty()) {
      problems.add("option 'include_fields' lists no field; a row needs at least one");
    }
    if (exclude && problems.isEmpty() && names.size() == input.arity()) {
      problems.add("option 'exclude_fields' drops every field; a row needs at least one");
    }
    return problems;
  }

  @Override
  public Transform createTransform(Config config, RowType input) {
    List<String> problems = validate(config, input);
    if (!problems.isEmpty()) {
      throw InputFields.invalid("Filter", problems);
    }
    List<String> kept = new ArrayList<>();
    if (PluginConfigs.presentPath(config, INCLUDE).isPresent()) {
      kept.addAll(PluginConfigs.stringList(config, INCLUDE));
    } else {
      List<String> dropped = PluginConfigs.stringList(config, EXCLUDE);
      input.names().stream().filter(n -> !dropped.contains(n)).forEach(kept::add);
    }
    int[] indexes = kept.stream().mapToInt(input::indexOf).toArray();
    List<RowType.Field> fields = new ArrayList<>();
    for (int index : indexes) {
      fields.add(input.fields().get(index));
    }
    return new Projection(indexes, new RowType(fields));
  }
}
