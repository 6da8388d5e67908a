package io.atoll.runtime.job.testing;

import com.typesafe.config.Config;
import io.atoll.protocol.connector.Collector;
import io.atoll.protocol.connector.OptionSpec;
import io.atoll.protocol.connector.PluginConfigs;
import io.atoll.protocol.connector.Transform;
import io.atoll.protocol.connector.TransformFactory;
import io.atoll.protocol.data.Row;
import io.atoll.protocol.data.RowType;
import java.util.List;

/** {@code TestTransform}: drops the field named by {@code drop_field}; complains if the input lacks it. */
public final class TestingTransformFactory implements TransformFactory {
  public static final OptionSpec DROP_FIELD = OptionSpec.key("drop_field").required()
      .description("the field to remove");

  @Override
  public String name() {
    return "TestTransform";
  }

  @Override
  public List<OptionSpec> options() {
    return List.of(DROP_FIELD);
  }

  @Override
  public List<String> validate(Config config, RowType input) {
    String field = PluginConfigs.string(config, DROP_FIELD);
    if (input.indexOf(field) < 0) {
      return List.of("option 'drop_field': the input has no field '" + field + "' (fields: "
          + String.join(", ", input.names()) + ")");
    }
    return List.of();
  }

  @Override
  public Transform createTransform(Config config, RowType input) {
    String field = PluginConfigs.string(config, DROP_FIELD);
    RowType produced = new RowType(input.fields().stream().filter(f -> !f.name().equals(field)).toList());
    return new Transform() {
      @Override
      public RowType producedType() {
        return produced;
      }

      @Override
      public void process(Row row, Collector out) {
        throw new UnsupportedOperationException("TestTransform does not run");
      }
    };
  }
}
