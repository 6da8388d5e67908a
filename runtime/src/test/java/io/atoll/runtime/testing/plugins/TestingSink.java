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
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test sink with a two-phase commit: committed rows of each writer go to a JVM-wide collection
 * named by {@code collect_to}, so a test running several ActorSystems in one JVM can read what every
 * worker wrote. At a checkpoint a writer stages its rows JVM-wide under a key, which is its state;
 * the checkpoint's completion (or a writer restored from it) commits the staged rows once. Aborted
 * writers are counted in {@link #aborted}; their rows are never committed. {@code fail_after} makes
 * every writer throw after that many rows; {@code fail_once_after} only the first one to write that
 * many rows after one of its checkpoints completed (so a restore always has a checkpoint to use);
 * {@code fail_on_checkpoint_complete} every writer told of that checkpoint's completion (after it
 * committed), so that the sinks after it in the job are not told.
 */
public final class TestingSink implements SinkFactory {
  static final OptionSpec COLLECT_TO = OptionSpec.key("collect_to").type(OptionType.STRING).required().description("collection name");
  static final OptionSpec FAIL_AFTER = OptionSpec.key("fail_after").type(OptionType.INT).defaultValue(-1).description("throw after n rows");
  static final OptionSpec FAIL_ONCE_AFTER = OptionSpec.key("fail_once_after").type(OptionType.INT).defaultValue(-1)
      .description("the first writer to write n rows after a completed checkpoint throws");
  static final OptionSpec FAIL_ON_CHECKPOINT_COMPLETE = OptionSpec.key("fail_on_checkpoint_complete")
      .type(OptionType.INT).defaultValue(-1)
      .description("writers commit, then throw, when told checkpoint n (or a later one) completed");

  private static final Map<String, Queue<Row>> COMMITTED = new ConcurrentHashMap<>();
  private static final Map<String, AtomicInteger> ABORTED = new ConcurrentHashMap<>();
  private static final Map<String, List<Row>> STAGED = new ConcurrentHashMap<>();
  private static final Map<String, AtomicBoolean> FAILED_ONCE = new ConcurrentHashMap<>();
  private static final Map<String, AtomicInteger> RESTORED = new ConcurrentHashMap<>();

  /** Writers created with a restored state (a pipeline restored from a checkpoint). */
  public static int restoredWriters(String name) {
    return RESTORED.computeIfAbsent(name, k -> new AtomicInteger()).get();
  }

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
    return List.of(COLLECT_TO, FAIL_AFTER, FAIL_ONCE_AFTER, FAIL_ON_CHECKPOINT_COMPLETE);
  }

  @Override
  public Sink createSink(Config config, RowType input) {
    String name = PluginConfigs.string(config, COLLECT_TO);
    int failAfter = PluginConfigs.integer(config, FAIL_AFTER);
    int failOnceAfter = PluginConfigs.integer(config, FAIL_ONCE_AFTER);
    int failOnComplete = PluginConfigs.integer(config, FAIL_ON_CHECKPOINT_COMPLETE);
    return context -> {
      if (!context.restoredState().isEmpty()) {
        RESTORED.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
      }
      context.restoredState().forEach(key -> commit(name, key));
      String prefix = name + "/" + context.job().jobId() + "/" + context.job().attempt() + "/" + context.subtaskIndex() + "/";
      return new SinkWriter() {
        private final List<Row> pending = new ArrayList<>();
        private final List<String> staged = new ArrayList<>();
        private long written;
        private long sinceCommit = -1; // rows since a checkpoint completed; -1 before the first

        @Override
        public void write(Row row) {
          if (failAfter >= 0 && written >= failAfter) {
            throw new IllegalStateException("TestingSink fails after " + failAfter + " rows, as configured");
          }
          if (failOnceAfter >= 0 && sinceCommit >= failOnceAfter
              && FAILED_ONCE.computeIfAbsent(name, k -> new AtomicBoolean()).compareAndSet(false, true)) {
            throw new IllegalStateException("TestingSink fails once, " + failOnceAfter
                + " rows after a completed checkpoint, as configured");
          }
          pending.add(row);
          written++;
          if (sinceCommit >= 0) {
            sinceCommit++;
          }
        }

        @Override
        public List<String> snapshotState(long checkpointId) {
          String key = prefix + checkpointId;
          STAGED.put(key, List.copyOf(pending));
          pending.clear();
          staged.add(key);
          return List.copyOf(staged);
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
          sinceCommit = Math.max(sinceCommit, 0);
          for (Iterator<String> it = staged.iterator(); it.hasNext(); ) {
            String key = it.next();
            if (Long.parseLong(key.substring(prefix.length())) <= checkpointId) {
              commit(name, key);
              it.remove();
            }
          }
          if (failOnComplete >= 0 && checkpointId >= failOnComplete) {
            throw new IllegalStateException("TestingSink fails when checkpoint " + checkpointId
                + " completes, as configured");
          }
        }

        @Override
        public void abort() {
          ABORTED.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
          pending.clear();
        }
      };
    };
  }

  /** Commits staged rows once: a second commit of the same key finds nothing staged. */
  private static void commit(String name, String key) {
    List<Row> rows = STAGED.remove(key);
    if (rows != null) {
      committed(name).addAll(rows);
    }
  }
}
