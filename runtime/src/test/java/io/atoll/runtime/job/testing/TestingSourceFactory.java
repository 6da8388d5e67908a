package io.atoll.runtime.job.testing;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;
import io.atoll.protocol.connector.EnumeratorContext;
import io.atoll.protocol.connector.OptionSpec;
import io.atoll.protocol.connector.OptionType;
import io.atoll.protocol.connector.PluginConfigs;
import io.atoll.protocol.connector.ReaderContext;
import io.atoll.protocol.connector.Source;
import io.atoll.protocol.connector.SourceFactory;
import io.atoll.protocol.connector.SourceReader;
import io.atoll.protocol.connector.SplitEnumerator;
import io.atoll.protocol.data.DataTypes;
import io.atoll.protocol.data.RowType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code TestSource}: a source declaring an option of every {@link OptionType}, producing the
 * schema written in its {@code schema { fields { ... } }} block (fields in file order). It never
 * reads; job file tests only need its options and schema.
 */
public final class TestingSourceFactory implements SourceFactory {
  public static final OptionSpec SCHEMA = OptionSpec.key("schema").type(OptionType.OBJECT).required()
      .description("the rows' fields: schema { fields { name = type } }");
  public static final OptionSpec ROWS = OptionSpec.key("rows").type(OptionType.INT).defaultValue(3)
      .description("rows to emit");
  public static final OptionSpec LIMIT = OptionSpec.key("limit").type(OptionType.LONG).description("a long");
  public static final OptionSpec RATIO = OptionSpec.key("ratio").type(OptionType.DOUBLE).description("a double");
  public static final OptionSpec ENABLED = OptionSpec.key("enabled").type(OptionType.BOOLEAN)
      .description("a boolean");
  public static final OptionSpec INTERVAL = OptionSpec.key("interval").type(OptionType.DURATION)
      .description("a duration");
  public static final OptionSpec MODE = OptionSpec.key("mode").allowedValues("fast", "slow")
      .description("an enum");
  public static final OptionSpec TAGS = OptionSpec.key("tags").type(OptionType.STRING_LIST)
      .description("a string list");
  public static final OptionSpec SAMPLES = OptionSpec.key("samples").type(OptionType.OBJECT_LIST)
      .description("an object list");
  public static final OptionSpec EXTRA = OptionSpec.key("extra").type(OptionType.ANY).description("anything");
  public static final OptionSpec LABEL = OptionSpec.key("label").fallbackNames("title")
      .description("a string with an old name");
  public static final OptionSpec ROW_NUM = OptionSpec.key("row.num").type(OptionType.INT)
      .description("a dotted option");
  public static final OptionSpec FAIL_ON_CREATE = OptionSpec.key("fail_on_create").type(OptionType.BOOLEAN)
      .defaultValue(false).description("make createSource throw, as a plugin that cannot connect would");

  @Override
  public String name() {
    return "TestSource";
  }

  @Override
  public List<OptionSpec> options() {
    return List.of(SCHEMA, ROWS, LIMIT, RATIO, ENABLED, INTERVAL, MODE, TAGS, SAMPLES, EXTRA, LABEL, ROW_NUM,
        FAIL_ON_CREATE);
  }

  @Override
  public List<String> validate(Config config, RowType input) {
    if (!config.hasPath("schema.fields")) {
      return List.of("option 'schema': needs fields { name = type }");
    }
    return List.of();
  }

  @Override
  public Source createSource(Config config) {
    if (PluginConfigs.bool(config, FAIL_ON_CREATE)) {
      throw new IllegalStateException("cannot connect to test-db:5432");
    }
    RowType type = schema(config);
    return new Source() {
      @Override
      public RowType producedType() {
        return type;
      }

      @Override
      public Boundedness boundedness() {
        return Boundedness.BOUNDED;
      }

      @Override
      public SplitEnumerator createEnumerator(EnumeratorContext context) {
        throw new UnsupportedOperationException("TestSource does not run");
      }

      @Override
      public SourceReader createReader(ReaderContext context) {
        throw new UnsupportedOperationException("TestSource does not run");
      }
    };
  }

  /** Fields in the order they are written: Typesafe objects are unordered, origins are not. */
  private static RowType schema(Config config) {
    List<Map.Entry<String, ConfigValue>> fields =
        io.atoll.runtime.connector.file.ConfigOrder.entries(config.getObject("schema.fields"));
    List<RowType.Field> list = new ArrayList<>();
    for (Map.Entry<String, ConfigValue> f : fields) {
      list.add(new RowType.Field(f.getKey(), DataTypes.parse((String) f.getValue().unwrapped())));
    }
    return new RowType(list);
  }
}
