package io.atoll.runtime.connector.fake;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import io.atoll.protocol.connector.OptionSpec;
import io.atoll.protocol.connector.Source;
import io.atoll.protocol.connector.SourceFactory;
import io.atoll.protocol.data.RowType;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * SeaTunnel's {@code FakeSource}: random (or fixed) rows of a declared schema, for demos and tests
 * of everything downstream. Rows are reproducible per split and offset (see {@link FakeRowGenerator}).
 * With {@code tables_configs} it generates several tables, each from its own element's options.
 */
public final class FakeSourceFactory implements SourceFactory {
  private final LongSupplier nanoClock;
  private final Clock clock;

  public FakeSourceFactory() {
    this(System::nanoTime, Clock.systemDefaultZone());
  }

  /** For tests: the clock that times {@code split.read-interval}, and the one that dates splits. */
  FakeSourceFactory(LongSupplier nanoClock, Clock clock) {
    this.nanoClock = nanoClock;
    this.clock = clock;
  }

  @Override
  public String name() {
    return "FakeSource";
  }

  @Override
  public List<OptionSpec> options() {
    return FakeOptions.all();
  }

  @Override
  public List<String> validate(Config config, RowType input) {
    List<String> problems = new ArrayList<>();
    try {
      FakeTable.read(config, problems);
    } catch (ConfigException e) {
      problems.add(e.getMessage());
    }
    return problems;
  }

  @Override
  public Source createSource(Config config) {
    List<String> problems = new ArrayList<>();
    List<FakeTable> tables = FakeTable.read(config, problems);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("FakeSource: " + String.join("; ", problems));
    }
    return new FakeSource(tables, nanoClock, clock);
  }
}
