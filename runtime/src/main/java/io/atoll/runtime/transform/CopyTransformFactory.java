package io.atoll.runtime.transform;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.atoll.protocol.connector.Collector;
import io.atoll.protocol.connector.OptionSpec;
import io.atoll.protocol.connector.OptionType;
import io.atoll.protocol.connector.PluginConfigs;
import io.atoll.protocol.connector.Transform;
import io.atoll.protocol.connector.TransformFactory;
import io.atoll.protocol.data.Row;
import io.atoll.protocol.data.RowType;
import io.atoll.runtime.connector.file.ConfigOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SeaTunnel's {@code Copy} transform: appends copies of fields under new names, {@code fields =
 * {new = source, ...}} in the order written, or the single {@code src_field} / {@code dest_field}
 * pair of SeaTunnel 2.3.0. Mutable values (bytes, arrays, maps) are copied, so a later transform
 * changing one copy cannot change the other.
 */
public final class CopyTransformFactory implements TransformFactory {
  static final OptionSpec FIELDS = OptionSpec.key("fields").type(OptionType.OBJECT)
      .description("new field = source field, one per line");
  static final OptionSpec SRC_FIELD = OptionSpec.key("src_field")
      .description("Older form: the field to copy (with dest_field)");
  static final OptionSpec DEST_FIELD = OptionSpec.key("dest_field")
      .description("Older form: the new field's name (with src_field)");

  @Override
  public String name() {
    return "Copy";
  }

  @Override
  public List<OptionSpec> options() {
    return List.of(FIELDS, SRC_FIELD, DEST_FIELD);
  }

  @Override
  public List<String> validate(Config config, RowType input) {
    List<String> problems = new ArrayList<>();
    copies(config, input, problems);
    return problems;
  }

  /** new name → source name, in the order written. */
  private static Map<String, String> copies(Config config, RowType input, List<String> problems) {
    Map<String, String> copies = new LinkedHashMap<>();
    boolean object = config.hasPath(FIELDS.name());
    boolean pair = config.hasPath(SRC_FIELD.name()) || config.hasPath(DEST_FIELD.name());
    if (object == pair) {
      problems.add("set either option 'fields' (fields { new_name = source }) or 'src_field' with 'dest_field'");
      return copies;
    }
    if (pair) {
      String src = PluginConfigs.string(config, SRC_FIELD);
      String dest = PluginConfigs.string(config, DEST_FIELD);
      if (src == null || dest == null) {
        problems.add("options 'src_field' and 'dest_field' go together");
        return copies;
      }
      InputFields.require(SRC_FIELD.name(), src, input, problems);
      copies.put(dest, src);
      InputFields.requireNew(DEST_FIELD.name(), copies.keySet(), input, problems);
      return copies;
    }
    for (Map.Entry<String, ConfigValue> e : ConfigOrder.entries(config.getObject(FIELDS.name()))) {
      if (e.getValue().valueType() != ConfigValueType.STRING) {
        problems.add("option 'fields': the source of '" + e.getKey() + "' must be a field name, got "
            + e.getValue().render(ConfigRenderOptions.concise()));
        continue;
      }
      String src = (String) e.getValue().unwrapped();
      InputFields.require(FIELDS.name(), src, input, problems);
      copies.put(e.getKey(), src);
    }
    InputFields.requireNew(FIELDS.name(), copies.keySet(), input, problems);
    return copies;
  }

  @Override
  public Transform createTransform(Config config, RowType input) {
    List<String> problems = new ArrayList<>();
    Map<String, String> copies = copies(config, input, problems);
    if (!problems.isEmpty()) {
      throw InputFields.invalid("Copy", problems);
    }
    int[] sources = new int[copies.size()];
    RowType produced = input;
    int i = 0;
    for (Map.Entry<String, String> e : copies.entrySet()) {
      sources[i++] = input.indexOf(e.getValue());
      produced = produced.plus(new RowType.Field(e.getKey(), input.typeAt(input.indexOf(e.getValue()))));
    }
    return new CopyTransform(sources, produced);
  }

  private record CopyTransform(int[] sources, RowType producedType) implements Transform {
    @Override
    public void process(Row row, Collector out) {
      Object[] values = Arrays.copyOf(row.values(), row.arity() + sources.length);
      for (int i = 0; i < sources.length; i++) {
        values[row.arity() + i] = Values.deepCopy(row.field(sources[i]));
      }
      out.collect(new Row(row.kind(), values));
    }
  }
}
