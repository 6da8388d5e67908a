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
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * SeaTunnel's {@code Split} transform: splits the text of {@code split_field} at {@code separator}
 * (a Java regex, as SeaTunnel passes it to {@link String#split(String, int)}) into the new string
 * fields {@code output_fields}; the last one takes the rest, missing parts and a null input are null.
 */
public final class SplitTransformFactory implements TransformFactory {
  static final OptionSpec SEPARATOR = OptionSpec.key("separator").required()
      .description("Where to split: a Java regex (escape . | and friends)");
  static final OptionSpec SPLIT_FIELD = OptionSpec.key("split_field").required().description("The field to split");
  static final OptionSpec OUTPUT_FIELDS = OptionSpec.key("output_fields").type(OptionType.STRING_LIST).required()
      .description("Names of the new string fields, appended in this order");

  @Override
  public String name() {
    return "Split";
  }

  @Override
  public List<OptionSpec> options() {
    return List.of(SEPARATOR, SPLIT_FIELD, OUTPUT_FIELDS);
  }

  @Override
  public List<String> validate(Config config, RowType input) {
    List<String> problems = new ArrayList<>();
    String separator = PluginConfigs.string(config, SEPARATOR);
    if (separator == null || separator.isEmpty()) {
      problems.add("option 'separator' is required and must not be empty");
    } else {
      try {
        Pattern.compile(separator);
      } catch (PatternSyntaxException e) {
        problems.add("option 'separator' is not a valid regex: " + e.getMessage());
      }
    }
    String field = PluginConfigs.string(config, SPLIT_FIELD);
    if (field == null) {
      problems.add("option 'split_field' is required");
    } else {
      InputFields.require(SPLIT_FIELD.name(), field, input, problems);
    }
    List<String> outputs = PluginConfigs.stringList(config, OUTPUT_FIELDS);
    if (outputs.isEmpty()) {
      problems.add("option 'output_fields' needs at least one field name");
    }
    InputFields.requireNew(OUTPUT_FIELDS.name(), outputs, input, problems);
    return problems;
  }

  @Override
  public Transform createTransform(Config config, RowType input) {
    List<String> problems = validate(config, input);
    if (!problems.isEmpty()) {
      throw InputFields.invalid("Split", problems);
    }
    List<String> outputs = PluginConfigs.stringList(config, OUTPUT_FIELDS);
    RowType produced = input;
    for (String name : outputs) {
      produced = produced.plus(new RowType.Field(name, DataType.Basic.STRING));
    }
    return new SplitTransform(input.indexOf(PluginConfigs.string(config, SPLIT_FIELD)),
        Pattern.compile(PluginConfigs.string(config, SEPARATOR)), outputs.size(), produced);
  }

  private record SplitTransform(int index, Pattern separator, int parts, RowType producedType)
      implements Transform {
    @Override
    public void process(Row row, Collector out) {
      Object[] values = Arrays.copyOf(row.values(), row.arity() + parts);
      Object value = row.field(index);
      if (value != null) {
        String[] pieces = separator.split(value.toString(), parts);
        System.arraycopy(pieces, 0, values, row.arity(), pieces.length);
      }
      out.collect(new Row(row.kind(), values));
    }
  }
}
