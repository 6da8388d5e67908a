package io.atoll.runtime.transform;

import com.typesafe.config.Config;
import io.atoll.protocol.connector.Collector;
import io.atoll.protocol.connector.OptionSpec;
import io.atoll.protocol.connector.PluginConfigs;
import io.atoll.protocol.connector.Transform;
import io.atoll.protocol.connector.TransformFactory;
import io.atoll.protocol.data.DataType;
import io.atoll.protocol.data.Row;
import io.atoll.protocol.data.RowKind;
import io.atoll.protocol.data.RowType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * SeaTunnel's {@code RowKindExtractor} transform: turns a changelog into an append-only stream.
 * Every row leaves as INSERT with its original kind appended as a string field
 * {@code custom_field_name}, written short ({@code +I -U +U -D}) or, with {@code transform_type =
 * FULL}, as the kind's name ({@code INSERT UPDATE_BEFORE UPDATE_AFTER DELETE}).
 */
public final class RowKindExtractorTransformFactory implements TransformFactory {
  static final OptionSpec FIELD_NAME = OptionSpec.key("custom_field_name").defaultValue("row_kind")
      .description("Name of the new string field holding the row kind");
  static final OptionSpec TRANSFORM_TYPE = OptionSpec.key("transform_type").allowedValues("SHORT", "FULL")
      .defaultValue("SHORT").description("SHORT: +I -U +U -D; FULL: INSERT UPDATE_BEFORE UPDATE_AFTER DELETE");

  @Override
  public String name() {
    return "RowKindExtractor";
  }

  @Override
  public List<OptionSpec> options() {
    return List.of(FIELD_NAME, TRANSFORM_TYPE);
  }

  @Override
  public List<String> validate(Config config, RowType input) {
    List<String> problems = new ArrayList<>();
    String field = PluginConfigs.string(config, FIELD_NAME);
    if (field == null || field.isBlank()) {
      problems.add("option 'custom_field_name' must not be empty");
    } else {
      InputFields.requireNew(FIELD_NAME.name(), List.of(field), input, problems);
    }
    String type = PluginConfigs.string(config, TRANSFORM_TYPE);
    if (!List.of("SHORT", "FULL").contains(type.toUpperCase(Locale.ROOT))) {
      problems.add("option 'transform_type' must be SHORT or FULL, got '" + type + "'");
    }
    return problems;
  }

  @Override
  public Transform createTransform(Config config, RowType input) {
    List<String> problems = validate(config, input);
    if (!problems.isEmpty()) {
      throw InputFields.invalid("RowKindExtractor", problems);
    }
    boolean full = PluginConfigs.string(config, TRANSFORM_TYPE).equalsIgnoreCase("FULL");
    RowType produced = input.plus(new RowType.Field(PluginConfigs.string(config, FIELD_NAME), DataType.Basic.STRING));
    return new KindExtractor(full, produced);
  }

  private record KindExtractor(boolean full, RowType producedType) implements Transform {
    @Override
    public void process(Row row, Collector out) {
      Object[] values = Arrays.copyOf(row.values(), row.arity() + 1);
      values[row.arity()] = full ? row.kind().name() : row.kind().shortString();
      out.collect(new Row(RowKind.INSERT, values));
    }
  }
}
