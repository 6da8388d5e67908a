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
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * SeaTunnel's {@code RegexExtract} transform: the first match of {@code regex_pattern} in the text
 * of {@code source_field} fills the string fields {@code output_fields}, one per capture group.
 * When the source is null or nothing matches, the fields take {@code default_values} (or null). An
 * output field that exists already is overwritten in place as a string, as SeaTunnel does.
 */
public final class RegexExtractTransformFactory implements TransformFactory {
  static final OptionSpec SOURCE_FIELD = OptionSpec.key("source_field").required()
      .description("The field whose text is matched");
  static final OptionSpec REGEX = OptionSpec.key("regex_pattern").required()
      .description("A Java regex with one capture group per output field");
  static final OptionSpec OUTPUT_FIELDS = OptionSpec.key("output_fields").type(OptionType.STRING_LIST).required()
      .description("Names of the string fields the groups fill, in group order");
  static final OptionSpec DEFAULT_VALUES = OptionSpec.key("default_values").type(OptionType.STRING_LIST)
      .description("Values for the output fields when nothing matches (default null)");

  @Override
  public String name() {
    return "RegexExtract";
  }

  @Override
  public List<OptionSpec> options() {
    return List.of(SOURCE_FIELD, REGEX, OUTPUT_FIELDS, DEFAULT_VALUES);
  }

  @Override
  public List<String> validate(Config config, RowType input) {
    List<String> problems = new ArrayList<>();
    String source = PluginConfigs.string(config, SOURCE_FIELD);
    if (source == null) {
      problems.add("option 'source_field' is required");
    } else {
      InputFields.require(SOURCE_FIELD.name(), source, input, problems);
    }
    List<String> outputs = PluginConfigs.stringList(config, OUTPUT_FIELDS);
    if (outputs.isEmpty()) {
      problems.add("option 'output_fields' needs at least one field name");
    }
    InputFields.requireDistinct(OUTPUT_FIELDS.name(), outputs, problems);
    String regex = PluginConfigs.string(config, REGEX);
    if (regex == null || regex.isEmpty()) {
      problems.add("option 'regex_pattern' is required and must not be empty");
    } else {
      try {
        int groups = Pattern.compile(regex).matcher("").groupCount();
        if (!outputs.isEmpty() && groups != outputs.size()) {
          problems.add("option 'regex_pattern' has " + groups + " capture groups but 'output_fields' names "
              + outputs.size() + " fields; they must be equal");
        }
      } catch (PatternSyntaxException e) {
        problems.add("option 'regex_pattern' is not a valid regex: " + e.getDescription());
      }
    }
    List<String> defaults = PluginConfigs.stringList(config, DEFAULT_VALUES);
    if (!defaults.isEmpty() && defaults.size() != outputs.size()) {
      problems.add("option 'default_values' has " + defaults.size() + " values but 'output_fields' names "
          + outputs.size() + " fields; give one per field or none");
    }
    return problems;
  }

  @Override
  public Transform createTransform(Config config, RowType input) {
    List<String> problems = validate(config, input);
    if (!problems.isEmpty()) {
      throw InputFields.invalid("RegexExtract", problems);
    }
    List<String> outputs = PluginConfigs.stringList(config, OUTPUT_FIELDS);
    List<RowType.Field> fields = new ArrayList<>(input.fields());
    int[] targets = new int[outputs.size()];
    for (int i = 0; i < outputs.size(); i++) {
      RowType.Field field = new RowType.Field(outputs.get(i), DataType.Basic.STRING);
      int existing = input.indexOf(outputs.get(i));
      if (existing >= 0) {
        fields.set(existing, field);
        targets[i] = existing;
      } else {
        fields.add(field);
        targets[i] = fields.size() - 1;
      }
    }
    List<String> defaults = PluginConfigs.stringList(config, DEFAULT_VALUES);
    String[] fallback = defaults.isEmpty() ? new String[outputs.size()] : defaults.toArray(String[]::new);
    return new RegexExtract(input.indexOf(PluginConfigs.string(config, SOURCE_FIELD)),
        Pattern.compile(PluginConfigs.string(config, REGEX)), targets, fallback, new RowType(fields));
  }

  private record RegexExtract(int source, Pattern pattern, int[] targets, String[] fallback, RowType producedType)
      implements Transform {
    @Override
    public void process(Row row, Collector out) {
      Object[] values = Arrays.copyOf(row.values(), producedType.arity());
      Object value = row.field(source);
      Matcher m = value == null ? null : pattern.matcher(value.toString());
      boolean found = m != null && m.find();
      for (int i = 0; i < targets.length; i++) {
        values[targets[i]] = found ? m.group(i + 1) : fallback[i];
      }
      out.collect(new Row(row.kind(), values));
    }
  }
}
