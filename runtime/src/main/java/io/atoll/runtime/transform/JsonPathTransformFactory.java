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
import java.util.Locale;

/**
 * SeaTunnel's {@code JsonPath} transform: each entry of {@code columns} reads a JSONPath
 * ({@link JsonPathExpression}) from the JSON in a field into a typed field. A {@code dest_field}
 * that exists already is overwritten in place, with the new type, as SeaTunnel does; new ones are
 * appended in the order written. A null source gives null.
 */
public final class JsonPathTransformFactory implements TransformFactory {
  static final OptionSpec COLUMNS = OptionSpec.key("columns").type(OptionType.OBJECT_LIST).required()
      .description("[{ src_field, path, dest_field, dest_type = string, column_error_handle_way }]");
  static final OptionSpec ROW_ERROR = OptionSpec.key("row_error_handle_way").allowedValues("FAIL", "SKIP")
      .defaultValue("FAIL").description("FAIL the job, or SKIP the row, when a value cannot be read");

  @Override
  public String name() {
    return "JsonPath";
  }

  @Override
  public List<OptionSpec> options() {
    return List.of(COLUMNS, ROW_ERROR);
  }

  @Override
  public List<String> validate(Config config, RowType input) {
    List<String> problems = new ArrayList<>();
    JsonPathColumn.read(config, input, problems);
    rowWay(config, problems);
    return problems;
  }

  private static boolean rowWay(Config config, List<String> problems) {
    String way = PluginConfigs.string(config, ROW_ERROR).trim().toUpperCase(Locale.ROOT);
    if (!way.equals("FAIL") && !way.equals("SKIP")) {
      problems.add("option 'row_error_handle_way' must be FAIL or SKIP, got '"
          + PluginConfigs.string(config, ROW_ERROR) + "'");
    }
    return way.equals("SKIP");
  }

  @Override
  public Transform createTransform(Config config, RowType input) {
    List<String> problems = new ArrayList<>();
    List<JsonPathColumn> columns = JsonPathColumn.read(config, input, problems);
    boolean skipRows = rowWay(config, problems);
    if (!problems.isEmpty()) {
      throw InputFields.invalid("JsonPath", problems);
    }
    List<RowType.Field> fields = new ArrayList<>(input.fields());
    for (JsonPathColumn column : columns) {
      RowType.Field field = new RowType.Field(column.destField(), column.destType());
      int existing = input.indexOf(column.destField());
      if (existing >= 0) {
        fields.set(existing, field);
      } else {
        fields.add(field);
      }
    }
    return new JsonPathTransform(columns, input, new RowType(fields), skipRows);
  }
}
