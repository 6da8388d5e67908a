package io.atoll.runtime.testing.plugins;

import com.typesafe.config.Config;
import io.atoll.protocol.connector.OptionSpec;
import io.atoll.protocol.connector.OptionType;
import io.atoll.protocol.connector.PluginConfigs;
import io.atoll.protocol.connector.Sink;
import io.atoll.protocol.connector.SinkFactory;
import io.atoll.protocol.connector.SinkWriter;
import io.atoll.protocol.data.Row;
import io.atoll.protocol.data.RowType;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test sink: committed rows of each writer go to a JVM-wide collection named by {@code collect_to},
 * so a test running several ActorSystems in one JVM can read what every worker wrote. Rows of an
 * aborted writer are counted in {@link #aborted}, never committed. {@code fail_after} makes a
 * writer throw after that many rows.
 */
public final class TestingSink implements SinkFactory {
  static final OptionSpec COLLECT_TO = OptionSpec.key("collect_to").type(OptionType.STRING).required().description("collection name");
  static final OptionSpec FAIL_AFTER = OptionSpec.key("fail_after").type(OptionType.INT).defaultValue(-1).description("throw after n rows");

  private static final Map<String, Queue<Row>> COMMITTED = new ConcurrentHashMap<>();
  private static final Map<String, AtomicInteger> ABORTED = new ConcurrentHashMap<>();

  public static Queue<Row> committed(String name) {
    return COMMITTED.computeIfAbsent(name, k -> new ConcurrentLinkedQueue<>());
  }

  public static int aborted(String name) {
    return ABORTED.computeIfAbsent(name, k -> new AtomicInteger()).get();
  }

  @Override
  public String name() {
    return "TestingSink";
  }

  @Override
  public List<OptionSpec> options() {
    return List.of(COLLECT_TO, FAIL_AFTER);
  }

  @Override
  public Sink createSink(Config config, RowType input) {
    String name = PluginConfigs.string(config, COLLECT_TO);
    int failAfter = PluginConfigs.integer(config, FAIL_AFTER);
    return context -> new SinkWriter() {
      private final List<Row> pending = new java.util.ArrayList<>();

      @Override
      public void write(Row row) {
        if (failAfter >= 0 && pending.size() >= failAfter) {
          throw new IllegalStateException("TestingSink fails after " + failAfter + " rows, as configured");
        }
        pending.add(row);
      }

      @Override
      public void finish() {
        committed(name).addAll(pending);
        pending.clear();
      }

      @Override
      public void abort() {
        ABORTED.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
        pending.clear();
      }
    };
  }
}
