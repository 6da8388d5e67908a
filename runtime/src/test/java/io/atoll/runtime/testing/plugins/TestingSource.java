package io.atoll.runtime.testing.plugins;

import com.typesafe.config.Config;
import io.atoll.protocol.connector.Collector;
import io.atoll.protocol.connector.EnumeratorContext;
import io.atoll.protocol.connector.OptionSpec;
import io.atoll.protocol.connector.OptionType;
import io.atoll.protocol.connector.PluginConfigs;
import io.atoll.protocol.connector.ReaderContext;
import io.atoll.protocol.connector.Source;
import io.atoll.protocol.connector.SourceFactory;
import io.atoll.protocol.connector.SourceReader;
import io.atoll.protocol.connector.SourceSplit;
import io.atoll.protocol.connector.SplitEnumerator;
import io.atoll.protocol.data.DataType;
import io.atoll.protocol.data.Row;
import io.atoll.protocol.data.RowType;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * A test source: one split per reader with {@code rows} rows (id, subtask); {@code unbounded}
 * readers never end. Rows are emitted {@code batch} at a time.
 */
public final class TestingSource implements SourceFactory {
  static final OptionSpec ROWS = OptionSpec.key("rows").type(OptionType.INT).defaultValue(10).description("rows per reader");
  static final OptionSpec UNBOUNDED = OptionSpec.key("unbounded").type(OptionType.BOOLEAN).defaultValue(false).description("never end");
  static final OptionSpec BATCH = OptionSpec.key("batch").type(OptionType.INT).defaultValue(100).description("rows per poll");
  static final RowType TYPE = RowType.of(
      new RowType.Field("id", DataType.Basic.BIGINT), new RowType.Field("subtask", DataType.Basic.INT));

  @Override
  public String name() {
    return "TestingSource";
  }

  @Override
  public List<OptionSpec> options() {
    return List.of(ROWS, UNBOUNDED, BATCH);
  }

  @Override
  public Source createSource(Config config) {
    int rows = PluginConfigs.integer(config, ROWS);
    boolean unbounded = PluginConfigs.bool(config, UNBOUNDED);
    int batch = PluginConfigs.integer(config, BATCH);
    return new Source() {
      @Override
      public RowType producedType() {
        return TYPE;
      }

      @Override
      public Boundedness boundedness() {
        return unbounded ? Boundedness.UNBOUNDED : Boundedness.BOUNDED;
      }

      @Override
      public SplitEnumerator createEnumerator(EnumeratorContext context) {
        return new SplitEnumerator() {
          @Override
          public void open() {}

          @Override
          public void registerReader(int subtask) {
            context.assignSplits(subtask, List.of(new SourceSplit("split-" + subtask, Map.of("rows", Integer.toString(rows)))));
            context.signalNoMoreSplits(subtask);
          }

          @Override
          public void handleSplitRequest(int subtask) {}

          @Override
          public void addSplitsBack(List<SourceSplit> splits, int subtask) {}

          @Override
          public void close() {}
        };
      }

      @Override
      public SourceReader createReader(ReaderContext context) {
        return new SourceReader() {
          private final Deque<SourceSplit> splits = new ArrayDeque<>();
          private boolean noMore;
          private long offset;
          private long remaining;

          @Override
          public void open() {}

          @Override
          public void addSplits(List<SourceSplit> more) {
            splits.addAll(more);
          }

          @Override
          public void handleNoMoreSplits() {
            noMore = true;
          }

          @Override
          public void pollNext(Collector collector) {
            if (remaining == 0 && !splits.isEmpty()) {
              remaining = Long.parseLong(splits.poll().attribute("rows"));
            }
            for (int i = 0; i < batch && (unbounded || remaining > 0); i++) {
              collector.collect(Row.of(offset++, context.subtaskIndex()));
              if (remaining > 0) {
                remaining--;
              }
            }
            if (!unbounded && remaining == 0 && splits.isEmpty() && noMore) {
              context.signalNoMoreElement();
            }
          }

          @Override
          public void close() {}
        };
      }
    };
  }
}
