package io.atoll.runtime.worker.execution;

import com.typesafe.config.Config;
import io.atoll.protocol.connector.Collector;
import io.atoll.protocol.connector.JobContext;
import io.atoll.protocol.connector.Sink;
import io.atoll.protocol.connector.SinkWriter;
import io.atoll.protocol.connector.Source;
import io.atoll.protocol.connector.Transform;
import io.atoll.protocol.connector.WriterContext;
import io.atoll.protocol.data.Row;
import io.atoll.protocol.data.RowType;
import io.atoll.protocol.execution.TaskGroupDescriptor;
import io.atoll.protocol.job.PluginDefinition;
import io.atoll.runtime.job.config.PluginOptions;
import io.atoll.runtime.connector.PluginRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transforms and sink writers of one reader task group, wired by table name: a row emitted to
 * a table goes to every transform and sink that reads it, in one thread and without copying. Built
 * once per task group; {@link #source()} is the table rows from the reader enter.
 */
final class PipelineChain implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PipelineChain.class);

  private final List<Transform> transforms = new ArrayList<>();
  private final List<SinkWriter> writers = new ArrayList<>();
  private final Collector source;

  PipelineChain(
      TaskGroupDescriptor descriptor, Source sourcePlugin, PluginRegistry registry, JobContext job, TaskCounters counters)
      throws Exception {
    Map<String, RowType> schemas = new HashMap<>();
    schemas.put(descriptor.source().outputTable(), sourcePlugin.producedType());
    Map<String, List<Consumer<Row>>> consumers = new HashMap<>();
    Map<String, Collector> emitTo = new HashMap<>();
    // Transforms come in topological order, so each one's input schema is known when it is built.
    List<Runnable> wiring = new ArrayList<>();
    for (PluginDefinition def : descriptor.transforms()) {
      String input = def.inputTables().get(0);
      Transform t = registry.transform(def.name()).createTransform(config(def), schema(schemas, input, def));
      transforms.add(t);
      schemas.put(def.outputTable(), t.producedType());
      wiring.add(() -> consumers.computeIfAbsent(input, k -> new ArrayList<>())
          .add(row -> process(t, row, emitTo.get(def.outputTable()))));
    }
    for (PluginDefinition def : descriptor.sinks()) {
      Sink sink = registry.sink(def.name()).createSink(config(def), schema(schemas, def.inputTables().get(0), def));
      List<String> restored = descriptor.restore() == null ? List.of() : descriptor.restore().writerState(writers.size());
      SinkWriter writer = sink.createWriter(new WriterContext() {
        @Override
        public JobContext job() {
          return job;
        }

        @Override
        public int subtaskIndex() {
          return descriptor.subtask();
        }

        @Override
        public int parallelism() {
          return descriptor.parallelism();
        }

        @Override
        public List<String> restoredState() {
          return restored;
        }
      });
      writers.add(writer);
      for (String input : def.inputTables()) {
        consumers.computeIfAbsent(input, k -> new ArrayList<>()).add(row -> {
          write(writer, row);
          counters.written(row);
        });
      }
    }
    wiring.forEach(Runnable::run);
    for (String table : schemas.keySet()) {
      List<Consumer<Row>> targets = consumers.getOrDefault(table, List.of());
      emitTo.put(table, row -> {
        for (Consumer<Row> target : targets) {
          target.accept(row);
        }
      });
    }
    Collector first = emitTo.get(descriptor.source().outputTable());
    this.source = row -> {
      counters.read(row);
      first.collect(row);
    };
  }

  Collector source() {
    return source;
  }

  void open() throws Exception {
    for (Transform t : transforms) {
      t.open();
    }
  }

  /** Bounded input ended: every writer flushes; the final checkpoint commits. */
  void finish() throws Exception {
    for (SinkWriter w : writers) {
      w.finish();
    }
  }

  /** A checkpoint: every writer prepares what it wrote; their states, in sink order. */
  List<List<String>> snapshotWriters(long checkpointId) throws Exception {
    List<List<String>> states = new ArrayList<>();
    for (SinkWriter w : writers) {
      states.add(List.copyOf(w.snapshotState(checkpointId)));
    }
    return states;
  }

  /** The checkpoint is durable: every writer commits what it prepared up to it. */
  void notifyCheckpointComplete(long checkpointId) throws Exception {
    for (SinkWriter w : writers) {
      w.notifyCheckpointComplete(checkpointId);
    }
  }

  /** The task failed or was cancelled: every writer undoes what it has not committed. */
  void abort() {
    for (SinkWriter w : writers) {
      try {
        w.abort();
      } catch (Exception e) {
        log.error("sink writer {} failed to abort; uncommitted output may remain", w, e);
      }
    }
  }

  /** The task was cancelled: every writer undoes all it has not committed (see SinkWriter#cancel). */
  void cancel() {
    for (SinkWriter w : writers) {
      try {
        w.cancel();
      } catch (Exception e) {
        log.error("sink writer {} failed to cancel; uncommitted output may remain", w, e);
      }
    }
  }

  @Override
  public void close() {
    for (Transform t : transforms) {
      closeQuietly(t);
    }
    for (SinkWriter w : writers) {
      closeQuietly(w);
    }
  }

  /** The plugin's options as its factory takes them: built from the typed tree, never parsed. */
  static Config config(PluginDefinition def) {
    return PluginOptions.config(def);
  }

  private static RowType schema(Map<String, RowType> schemas, String table, PluginDefinition def) {
    RowType type = schemas.get(table);
    if (type == null) {
      throw new IllegalStateException(def.label() + " reads table '" + table + "', which no earlier plugin produces");
    }
    return type;
  }

  private static void process(Transform t, Row row, Collector out) {
    try {
      t.process(row, out);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new TaskFailure("transform " + t.getClass().getSimpleName() + " failed on row " + row + ": " + e.getMessage(), e);
    }
  }

  private static void write(SinkWriter writer, Row row) {
    try {
      writer.write(row);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new TaskFailure("sink " + writer.getClass().getSimpleName() + " failed on row " + row + ": " + e.getMessage(), e);
    }
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      log.warn("closing {} failed", c, e);
    }
  }

  /** A plugin's checked exception on the row path, carried out of the collector lambdas. */
  static final class TaskFailure extends RuntimeException {
    TaskFailure(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
