package io.atoll.runtime.connector.fake;

import com.typesafe.config.Config;
import io.atoll.protocol.connector.OptionSpec;
import io.atoll.protocol.connector.PluginConfigs;
import io.atoll.protocol.data.DataType;
import io.atoll.protocol.data.Row;
import io.atoll.protocol.data.RowType;
import io.atoll.runtime.connector.file.SchemaConfig;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@link FakeSettings} from a FakeSource block, collecting every problem (each naming its
 * option) instead of stopping at the first, so {@code validate} reports them all at once.
 */
final class FakeSettingsReader {
  private final Config config;
  private final List<String> problems;

  private FakeSettingsReader(Config config, List<String> problems) {
    this.config = config;
    this.problems = problems;
  }

  /** The settings, or null when {@code problems} received something. */
  static FakeSettings read(Config config, List<String> problems) {
    return new FakeSettingsReader(config, problems).read();
  }

  private FakeSettings read() {
    RowType rowType = schema();
    int rowNum = atLeast(FakeOptions.ROW_NUM, 0);
    int splitNum = atLeast(FakeOptions.SPLIT_NUM, 1);
    long interval = PluginConfigs.longValue(config, FakeOptions.SPLIT_READ_INTERVAL);
    if (interval < 0) {
      problems.add("option 'split.read-interval' must be 0 or more milliseconds, got " + interval);
    }
    List<String> strings = mode(FakeOptions.STRING_FAKE_MODE, FakeOptions.STRING_TEMPLATE,
        PluginConfigs.stringList(config, FakeOptions.STRING_TEMPLATE));
    Map<DataType.Basic, FakeSettings.Integral> integrals = new EnumMap<>(DataType.Basic.class);
    Map<DataType.Basic, FakeSettings.Floating> floatings = new EnumMap<>(DataType.Basic.class);
    for (FakeOptions.NumberOptions n : FakeOptions.NUMBERS.values()) {
      if (n.type() == DataType.Basic.FLOAT || n.type() == DataType.Basic.DOUBLE) {
        floatings.put(n.type(), floating(n));
      } else {
        integrals.put(n.type(), integral(n));
      }
    }
    FakeSettings.DateTemplates dates = new FakeSettings.DateTemplates(
        bounded(FakeOptions.DATE_YEAR_TEMPLATE, 1, 9999), bounded(FakeOptions.DATE_MONTH_TEMPLATE, 1, 12),
        bounded(FakeOptions.DATE_DAY_TEMPLATE, 1, 31), bounded(FakeOptions.TIME_HOUR_TEMPLATE, 0, 23),
        bounded(FakeOptions.TIME_MINUTE_TEMPLATE, 0, 59), bounded(FakeOptions.TIME_SECOND_TEMPLATE, 0, 59));
    List<Row> fixedRows = rowType == null ? null : FixedRows.read(config, rowType, problems);
    int mapSize = atLeast(FakeOptions.MAP_SIZE, 0);
    int arraySize = atLeast(FakeOptions.ARRAY_SIZE, 0);
    int bytesLength = atLeast(FakeOptions.BYTES_LENGTH, 0);
    int stringLength = atLeast(FakeOptions.STRING_LENGTH, 0);
    if (!problems.isEmpty()) {
      return null;
    }
    return new FakeSettings(rowType, rowNum, splitNum, interval, mapSize, arraySize, bytesLength, stringLength,
        strings, integrals, floatings, dates, fixedRows);
  }

  private RowType schema() {
    try {
      Optional<RowType> schema = SchemaConfig.read(config);
      if (schema.isEmpty()) {
        problems.add("option 'schema' is required: schema { fields { id = int, name = string } }");
      }
      return schema.orElse(null);
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage());
      return null;
    }
  }

  private int atLeast(OptionSpec option, int min) {
    int value = PluginConfigs.integer(config, option);
    if (value < min) {
      problems.add("option '" + option.name() + "' must be at least " + min + ", got " + value);
    }
    return value;
  }

  private FakeSettings.Integral integral(FakeOptions.NumberOptions n) {
    long lowest = n.type() == DataType.Basic.TINYINT ? Byte.MIN_VALUE
        : n.type() == DataType.Basic.SMALLINT ? Short.MIN_VALUE
        : n.type() == DataType.Basic.INT ? Integer.MIN_VALUE : Long.MIN_VALUE;
    long highest = n.type() == DataType.Basic.TINYINT ? Byte.MAX_VALUE
        : n.type() == DataType.Basic.SMALLINT ? Short.MAX_VALUE
        : n.type() == DataType.Basic.INT ? Integer.MAX_VALUE : Long.MAX_VALUE;
    long min = PluginConfigs.longValue(config, n.min());
    long max = PluginConfigs.longValue(config, n.max());
    for (OptionSpec bound : List.of(n.min(), n.max())) {
      long v = PluginConfigs.longValue(config, bound);
      if (v < lowest || v > highest) {
        problems.add("option '" + bound.name() + "': " + v + " is outside " + n.type().sqlName()
            + " (" + lowest + " to " + highest + ")");
      }
    }
    if (min > max) {
      problems.add("option '" + n.min().name() + "' (" + min + ") is greater than '" + n.max().name()
          + "' (" + max + ")");
    }
    List<Long> template = mode(n.mode(), n.template(), bounded(n.template(), lowest, highest));
    return new FakeSettings.Integral(min, max, template);
  }

  private FakeSettings.Floating floating(FakeOptions.NumberOptions n) {
    double min = PluginConfigs.doubleValue(config, n.min());
    double max = PluginConfigs.doubleValue(config, n.max());
    if (!(min <= max) || Double.isInfinite(max - min)) {
      problems.add("options '" + n.min().name() + "' and '" + n.max().name() + "' must be finite with min <= max"
          + " (max - min finite), got " + min + " and " + max);
    }
    List<Double> template = new ArrayList<>();
    for (String s : PluginConfigs.stringList(config, n.template())) {
      try {
        template.add(Double.parseDouble(s.trim()));
      } catch (NumberFormatException e) {
        problems.add("option '" + n.template().name() + "': '" + s + "' is not a number");
      }
    }
    return new FakeSettings.Floating(min, max, mode(n.mode(), n.template(), template));
  }

  /** Whole numbers of a template option within [lowest, highest]; null when the option is absent. */
  private List<Long> bounded(OptionSpec option, long lowest, long highest) {
    List<Long> values = new ArrayList<>();
    for (String s : PluginConfigs.stringList(config, option)) {
      try {
        long v = new BigDecimal(s.trim()).longValueExact();
        if (v < lowest || v > highest) {
          problems.add("option '" + option.name() + "': " + v + " is outside " + lowest + " to " + highest);
        }
        values.add(v);
      } catch (NumberFormatException | ArithmeticException e) {
        problems.add("option '" + option.name() + "': '" + s + "' is not a whole number");
      }
    }
    return values.isEmpty() ? null : values;
  }

  /**
   * The template when it is in use, else null. {@code *.fake.mode} decides when given (as SeaTunnel);
   * when absent, a non-empty template is used — a template nobody uses would be a silent mistake.
   */
  private <T> List<T> mode(OptionSpec modeOption, OptionSpec templateOption, List<T> template) {
    boolean hasTemplate = template != null && !template.isEmpty();
    String mode = PluginConfigs.string(config, modeOption);
    if (mode == null) {
      return hasTemplate ? List.copyOf(template) : null;
    }
    if (mode.equalsIgnoreCase("template")) {
      if (!hasTemplate) {
        problems.add("option '" + modeOption.name() + "' is template, but '" + templateOption.name()
            + "' lists no value");
      }
      return hasTemplate ? List.copyOf(template) : null;
    }
    if (!mode.equalsIgnoreCase("range")) {
      problems.add("option '" + modeOption.name() + "': '" + mode + "' is not range or template");
    }
    return null;
  }
}
