package io.atoll.runtime.transform;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.atoll.protocol.connector.OptionSpec;
import io.atoll.protocol.connector.OptionType;
import io.atoll.protocol.connector.Transform;
import io.atoll.protocol.connector.TransformFactory;
import io.atoll.protocol.data.RowType;
import io.atoll.runtime.connector.file.ConfigOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SeaTunnel's {@code FieldMapper} transform: {@code field_mapper = {old = new, ...}} keeps only the
 * mapped fields, renamed, in the order written (see {@link ConfigOrder} for how that order is kept).
 */
public final class FieldMapperTransformFactory implements TransformFactory {
  static final OptionSpec FIELD_MAPPER = OptionSpec.key("field_mapper").type(OptionType.OBJECT).required()
      .description("input field = output name, one per line; unmapped fields are dropped");

  @Override
  public String name() {
    return "FieldMapper";
  }

  @Override
  public List<OptionSpec> options() {
    return List.of(FIELD_MAPPER);
  }

  @Override
  public List<String> validate(Config config, RowType input) {
    List<String> problems = new ArrayList<>();
    mapping(config, input, problems);
    return problems;
  }

  /** input name → output name, in the order written. */
  private static Map<String, String> mapping(Config config, RowType input, List<String> problems) {
    Map<String, String> mapping = new LinkedHashMap<>();
    if (!config.hasPath("field_mapper")) {
      problems.add("option 'field_mapper' is required: field_mapper = { old_name = new_name }");
      return mapping;
    }
    for (Map.Entry<String, ConfigValue> e : ConfigOrder.entries(config.getObject("field_mapper"))) {
      if (e.getValue().valueType() != ConfigValueType.STRING) {
        problems.add("option 'field_mapper': the new name of '" + e.getKey() + "' must be a string, got "
            + e.getValue().render(ConfigRenderOptions.concise()));
        continue;
      }
      InputFields.require("field_mapper", e.getKey(), input, problems);
      mapping.put(e.getKey(), (String) e.getValue().unwrapped());
    }
    if (mapping.isEmpty() && problems.isEmpty()) {
      problems.add("option 'field_mapper' maps no field; a row needs at least one");
    }
    InputFields.requireDistinct("field_mapper", mapping.values(), problems);
    return mapping;
  }

  @Override
  public Transform createTransform(Config config, RowType input) {
    List<String> problems = new ArrayList<>();
    Map<String, String> mapping = mapping(config, input, problems);
    if (!problems.isEmpty()) {
      throw InputFields.invalid("FieldMapper", problems);
    }
    int[] indexes = new int[mapping.size()];
    List<RowType.Field> fields = new ArrayList<>();
    int i = 0;
    for (Map.Entry<String, String> e : mapping.entrySet()) {
      indexes[i++] = input.indexOf(e.getKey());
      fields.add(new RowType.Field(e.getValue(), input.field(e.getKey()).orElseThrow().type()));
    }
    return new Projection(indexes, new RowType(fields));
  }
}
