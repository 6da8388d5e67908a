package io.atoll.benchmarks;

import com.typesafe.config.Config;
import io.atoll.protocol.connector.OptionSpec;
import io.atoll.protocol.connector.Sink;
import io.atoll.protocol.connector.SinkFactory;
import io.atoll.protocol.connector.SinkWriter;
import io.atoll.protocol.data.Row;
import io.atoll.protocol.data.RowType;
import java.util.List;

/** A sink that drops every row: the end-to-end benchmark measures the runtime, not a sink. */
public final class DiscardSink implements SinkFactory {
  @Override
  public String name() {
    return "Discard";
  }

  @Override
  public List<OptionSpec> options() {
    return List.of();
  }

  @Override
  public Sink createSink(Config config, RowType input) {
    return context -> new SinkWriter() {
      private long rows;

      @Override
      public void write(Row row) {
        rows += row.arity();
      }

      @Override
      public String toString() {
        return "Discard(" + rows + ")";
      }
    };
  }
}
