package io.atoll.runtime.connector.console;

import com.typesafe.config.Config;
import io.atoll.protocol.connector.OptionSpec;
import io.atoll.protocol.connector.OptionType;
import io.atoll.protocol.connector.PluginConfigs;
import io.atoll.protocol.connector.Sink;
import io.atoll.protocol.connector.SinkFactory;
import io.atoll.protocol.data.CatalogTable;
import io.atoll.protocol.data.RowType;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SeaTunnel's {@code Console} sink: prints every row. Lines go to the logger
 * {@code io.atoll.sink.console} at INFO (a worker's stdout is its log; route or silence the logger
 * in logback). Tests hand in their own line consumer and pause.
 */
public final class ConsoleSinkFactory implements SinkFactory {
  static final String LOGGER_NAME = "io.atoll.sink.console";
  private static final Logger LOG = LoggerFactory.getLogger(LOGGER_NAME);

  static final OptionSpec PRINT_DATA = OptionSpec.key("log.print.data").type(OptionType.BOOLEAN)
      .defaultValue(true).description("Print each row; false prints only the schema");
  static final OptionSpec PRINT_DELAY = OptionSpec.key("log.print.delay.ms").type(OptionType.INT)
      .defaultValue(0).description("Milliseconds to pause after each printed row, to slow a demo down; "
          + "the pause holds the task's thread");

  /** Pauses the writing thread; {@code Thread::sleep} outside tests. */
  @FunctionalInterface
  interface Pause {
    void pause(long millis) throws InterruptedException;
  }

  private final Consumer<String> out;
  private final Pause pause;

  public ConsoleSinkFactory() {
    this(line -> LOG.info("{}", line), Thread::sleep);
  }

  ConsoleSinkFactory(Consumer<String> out, Pause pause) {
    this.out = out;
    this.pause = pause;
  }

  @Override
  public String name() {
    return "Console";
  }

  @Override
  public List<OptionSpec> options() {
    return List.of(PRINT_DATA, PRINT_DELAY);
  }

  @Override
  public List<String> validate(Config config, RowType input) {
    List<String> problems = new ArrayList<>();
    int delay = PluginConfigs.integer(config, PRINT_DELAY);
    if (delay < 0) {
      problems.add("option 'log.print.delay.ms' must be 0 or more, got " + delay);
    }
    return problems;
  }

  @Override
  public Sink createSink(Config config, RowType input) {
    return createSink(config, CatalogTable.only(input));
  }

  /** One sink per table of a multi-table input (SeaTunnel's sink template): each prints its table's schema. */
  @Override
  public Sink createSink(Config config, CatalogTable table) {
    RowType input = table.type();
    List<String> problems = validate(config, input);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("Console sink: " + String.join("; ", problems));
    }
    boolean printData = PluginConfigs.bool(config, PRINT_DATA);
    int delay = PluginConfigs.integer(config, PRINT_DELAY);
    return context -> new ConsoleWriter(table, context.subtaskIndex(), printData, delay, out, pause);
  }
}
