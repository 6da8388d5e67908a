package io.atoll.runtime.transform;

import com.typesafe.config.Config;
import io.atoll.protocol.connector.Collector;
import io.atoll.protocol.connector.OptionSpec;
import io.atoll.protocol.connector.OptionType;
import io.atoll.protocol.connector.PluginConfigs;
import io.atoll.protocol.connector.Transform;
import io.atoll.protocol.connector.TransformFactory;
import io.atoll.protocol.data.DataType;
import io.atoll.protocol.data.Row;
import io.atoll.protocol.data.RowType;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * SeaTunnel's {@code Replace} transform on one string field: every occurrence of a literal
 * {@code pattern}, or with {@code is_regex} every (or with {@code replace_first} the first) regex
 * match, becomes {@code replacement} ({@code $1} group references work in regex mode, as in
 * {@link String#replaceAll}). Null stays null.
 */
public final class ReplaceTransformFactory implements TransformFactory {
  static final OptionSpec FIELD = OptionSpec.key("replace_field").required().description("The string field");
  static final OptionSpec PATTERN = OptionSpec.key("pattern").required().description("Text or regex to find");
  static final OptionSpec REPLACEMENT = OptionSpec.key("replacement").required().description("What replaces it");
  static final OptionSpec IS_REGEX = OptionSpec.key("is_regex").type(OptionType.BOOLEAN).defaultValue(false)
      .description("pattern is a Java regex");
  static final OptionSpec REPLACE_FIRST = OptionSpec.key("replace_first").type(OptionType.BOOLEAN)
      .defaultValue(false).description("Only the first match (with is_regex)");

  @Override
  public String name() {
    return "Replace";
  }

  @Override
  public List<OptionSpec> options() {
    return List.of(FIELD, PATTERN, REPLACEMENT, IS_REGEX, REPLACE_FIRST);
  }

  @Override
  public List<String> validate(Config config, RowType input) {
    List<String> problems = new ArrayList<>();
    for (OptionSpec required : List.of(FIELD, PATTERN, REPLACEMENT)) {
      if (PluginConfigs.string(config, required) == null) {
        problems.add("option '" + required.name() + "' is required");
      }
    }
    if (!problems.isEmpty()) {
      return problems;
    }
    String field = PluginConfigs.string(config, FIELD);
    if (InputFields.require(FIELD.name(), field, input, problems)
        && input.field(field).orElseThrow().type() != DataType.Basic.STRING) {
      problems.add("option 'replace_field': field '" + field + "' is "
          + input.field(field).orElseThrow().type().sqlName() + ", Replace works on string fields");
    }
    boolean regex = PluginConfigs.bool(config, IS_REGEX);
    if (regex) {
      try {
        Pattern.compile(PluginConfigs.string(config, PATTERN));
      } catch (PatternSyntaxException e) {
        problems.add("option 'pattern' is not a valid regex: " + e.getMessage());
      }
    } else if (PluginConfigs.bool(config, REPLACE_FIRST)) {
      problems.add("option 'replace_first' applies only with is_regex = true");
    }
    return problems;
  }

  @Override
  public Transform createTransform(Config config, RowType input) {
    List<String> problems = validate(config, input);
    if (!problems.isEmpty()) {
      throw InputFields.invalid("Replace", problems);
    }
    String pattern = PluginConfigs.string(config, PATTERN);
    String replacement = PluginConfigs.string(config, REPLACEMENT);
    UnaryOperator<String> replace;
    if (PluginConfigs.bool(config, IS_REGEX)) {
      Pattern regex = Pattern.compile(pattern);
      boolean first = PluginConfigs.bool(config, REPLACE_FIRST);
      replace = s -> {
        Matcher m = regex.matcher(s);
        return first ? m.replaceFirst(replacement) : m.replaceAll(replacement);
      };
    } else {
      replace = s -> s.replace(pattern, replacement);
    }
    return new ReplaceTransform(input.indexOf(PluginConfigs.string(config, FIELD)), replace, input);
  }

  private record ReplaceTransform(int index, UnaryOperator<String> replace, RowType producedType)
      implements Transform {
    @Override
    public void process(Row row, Collector out) {
      String value = (String) row.field(index);
      if (value == null) {
        out.collect(row);
        return;
      }
      Object[] values = row.values();
      values[index] = replace.apply(value);
      out.collect(row.withValues(values));
    }
  }
}
