package io.atoll.runtime.testing.plugins;

import com.typesafe.config.Config;
import io.atoll.protocol.connector.Collector;
import io.atoll.protocol.connector.OptionSpec;
import io.atoll.protocol.connector.OptionType;
import io.atoll.protocol.connector.PluginConfigs;
import io.atoll.protocol.connector.Transform;
import io.atoll.protocol.connector.TransformFactory;
import io.atoll.protocol.data.Row;
import io.atoll.protocol.data.RowType;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A test transform that passes rows through and fails its task once, at its {@code after_rows}-th
 * row, in the whole job: the first instance to get there creates the file {@code marker} and
 * throws; every later attempt finds the file and goes on. For restore tests of sinks.
 */
public final class FailOnce implements TransformFactory {
  static final OptionSpec MARKER = OptionSpec.key("marker").required().description("File created when failing");
  static final OptionSpec AFTER_ROWS = OptionSpec.key("after_rows").type(OptionType.INT).defaultValue(100)
      .description("The row of an instance at which it fails");

  @Override
  public String name() {
    return "FailOnce";
  }

  @Override
  public List<OptionSpec> options() {
    return List.of(MARKER, AFTER_ROWS);
  }

  @Override
  public Transform createTransform(Config config, RowType input) {
    Path marker = Path.of(PluginConfigs.string(config, MARKER));
    int after = PluginConfigs.integer(config, AFTER_ROWS);
    return new Transform() {
      private int rows;

      @Override
      public RowType producedType() {
        return input;
      }

      @Override
      public void process(Row row, Collector out) throws Exception {
        if (++rows == after) {
          try {
            Files.createFile(marker);
            throw new IllegalStateException("FailOnce: failing the task once, at row " + after);
          } catch (FileAlreadyExistsException e) {
            // failed before: go on
          }
        }
        out.collect(row);
      }
    };
  }
}
