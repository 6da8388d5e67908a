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
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A test source: one split per reader with {@code rows} rows (id, subtask); {@code unbounded}
 * readers never end. Rows are emitted {@code batch} at a time. Checkpointable: the enumerator's
 * state is the splits of readers that have not registered yet, a reader's the rest of its split
 * (from row {@code start} on).
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
          private final Map<Integer, SourceSplit> unassigned = new HashMap<>();

          @Override
          public void open() {
            if (context.restoredSplits().isPresent()) {
              for (SourceSplit split : context.restoredSplits().get()) {
                unassigned.put(Integer.parseInt(split.splitId().substring("split-".length())), split);
              }
            } else {
              for (int subtask = 0; subtask < context.parallelism(); subtask++) {
                unassigned.put(subtask, new SourceSplit("split-" + subtask,
                    Map.of("rows", Integer.toString(rows), "start", "0")));
              }
            }
          }

          @Override
          public void registerReader(int subtask) {
            SourceSplit split = unassigned.remove(subtask);
            if (split != null) {
              context.assignSplits(subtask, List.of(split));
            }
            context.signalNoMoreSplits(subtask);
          }

          @Override
          public List<SourceSplit> snapshotState(long checkpointId) {
            return List.copyOf(unassigned.values());
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
          private boolean reading;
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
            if (!reading && !splits.isEmpty()) {
              SourceSplit split = splits.poll();
              remaining = Long.parseLong(split.attribute("rows"));
              offset = Long.parseLong(split.attribute("start"));
              reading = true;
            }
            if (!reading) {
              // NoMoreSplits may come after the poll that read the last split's last row
              if (splits.isEmpty() && noMore) {
                context.signalNoMoreElement();
              }
              return;
            }
            for (int i = 0; i < batch && (unbounded || remaining > 0); i++) {
              collector.collect(Row.of(offset++, context.subtaskIndex()));
              if (remaining > 0) {
                remaining--;
              }
            }
            if (!unbounded && remaining == 0) {
              reading = false;
            }
            if (!reading && splits.isEmpty() && noMore) {
              context.signalNoMoreElement();
            }
          }

          @Override
          public List<SourceSplit> snapshotState(long checkpointId) {
            List<SourceSplit> state = new ArrayList<>();
            if (reading) {
              state.add(new SourceSplit("split-" + context.subtaskIndex(),
                  Map.of("rows", Long.toString(remaining), "start", Long.toString(offset))));
            }
            state.addAll(splits);
            return state;
          }

          @Override
          public void close() {}
        };
      }
    };
  }
}
