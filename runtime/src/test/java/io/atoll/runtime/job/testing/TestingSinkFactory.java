package io.atoll.runtime.job.testing;

import com.typesafe.config.Config;
import io.atoll.protocol.connector.OptionSpec;
import io.atoll.protocol.connector.OptionType;
import io.atoll.protocol.connector.PluginConfigs;
import io.atoll.protocol.connector.Sink;
import io.atoll.protocol.connector.SinkFactory;
import io.atoll.protocol.data.RowType;
import java.util.List;

/** {@code TestSink}: expects the fields listed in {@code expect_fields} and names those its input lacks. */
public final class TestingSinkFactory implements SinkFactory {
  public static final OptionSpec EXPECT_FIELDS = OptionSpec.key("expect_fields").type(OptionType.STRING_LIST)
      .description("fields the input must have");

  @Override
  public String name() {
    return "TestSink";
  }

  @Override
  public List<OptionSpec> options() {
    return List.of(EXPECT_FIELDS);
  }

  @Override
  public List<String> validate(Config config, RowType input) {
    return PluginConfigs.stringList(config, EXPECT_FIELDS).stream()
        .filter(f -> input.indexOf(f) < 0)
        .map(f -> "option 'expect_fields': unknown field '" + f + "'; the input has " + String.join(", ", input.names()))
        .toList();
  }

  @Override
  public Sink createSink(Config config, RowType input) {
    return context -> {
      throw new UnsupportedOperationException("TestSink does not run");
    };
  }
}
