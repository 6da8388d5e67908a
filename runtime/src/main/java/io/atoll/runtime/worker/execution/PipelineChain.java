package io.atoll.runtime.worker.execution;

import com.typesafe.config.Config;
import io.atoll.protocol.connector.Collector;
import io.atoll.protocol.connector.JobContext;
import io.atoll.protocol.connector.ResourceScope;
import io.atoll.protocol.connector.Sink;
import io.atoll.protocol.connector.SinkFactory;
import io.atoll.protocol.connector.SinkWriter;
import io.atoll.protocol.connector.Source;
import io.atoll.protocol.connector.Transform;
import io.atoll.protocol.connector.WriterContext;
import io.atoll.protocol.data.CatalogTable;
import io.atoll.protocol.data.Row;
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
 *
 * <p>A link may carry several tables (a multi-table source): rows carry their table, and a sink on
 * such a link gets one writer for all of them or one per table ({@link SinkFactory#multiTable()}).
 */
final class PipelineChain implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PipelineChain.class);

  private final List<Transform> transforms = new ArrayList<>();
  private final List<SinkWriter> writers = new ArrayList<>();
  private final Collector source;
  private final ResourceScope resources;

  /** @param resources where the task group's writers register what they hold */
  PipelineChain(
      TaskGroupDescriptor descriptor, Source sourcePlugin, PluginRegistry registry, JobContext job, TaskCounters counters,
      ResourceScope resources)
      throws Exception {
    this.resources = resources;
    Map<String, List<CatalogTable>> schemas = new HashMap<>();
    List<CatalogTable> sourceTables = sourcePlugin.producedTables();
    schemas.put(descriptor.source().outputTable(),
        sourceTables.isEmpty() ? List.of(CatalogTable.only(sourcePlugin.producedType())) : sourceTables);
    Map<String, List<Consumer<Row>>> consumers = new HashMap<>();
    Map<String, Collector> emitTo = new HashMap<>();
    // Transforms come in topological order, so each one's input schema is known when it is built.
    List<Runnable> wiring = new ArrayList<>();
    for (PluginDefinition def : descriptor.transforms()) {
      String input = def.inputTables().get(0);
      CatalogTable in = onlyTable(schemas, input, def);
      Transform t = registry.transform(def.name()).createTransform(config(def), in.type());
      transforms.add(t);
      schemas.put(def.outputTable(), List.of(new CatalogTable(in.id(), t.producedType())));
      wiring.add(() -> consumers.computeIfAbsent(input, k -> new ArrayList<>())
          .add(row -> process(t, row, emitTo.get(def.outputTable()))));
    }
    for (PluginDefinition def : descriptor.sinks()) {
      SinkFactory factory = registry.sink(def.name());
      List<CatalogTable> tables = schema(schemas, def.inputTables().get(0), def);
      Consumer<Row> target;
      if (tables.size() == 1) {
        target = written(createWriter(factory.createSink(config(def), tables.get(0)), descriptor, job), counters);
      } else if (factory.multiTable()) {
        target = written(createWriter(factory.createSink(config(def), tables), descriptor, job), counters);
      } else {
        target = perTable(def, factory, tables, descriptor, job, counters);
      }
      for (String input : def.inputTables()) {
        consumers.computeIfAbsent(input, k -> new ArrayList<>()).add(target);
      }
    }
    wiring.forEach(Runnable::run);
    for (Map.Entry<String, List<CatalogTable>> link : schemas.entrySet()) {
      List<Consumer<Row>> targets = consumers.getOrDefault(link.getKey(), List.of());
      String id = link.getValue().size() == 1 ? link.getValue().get(0).id() : null;
      emitTo.put(link.getKey(), id == null ? row -> {
        for (Consumer<Row> target : targets) {
          target.accept(row);
        }
      } : row -> {
        // a transform builds new rows; they stay rows of its input's named table
        Row named = row.withTable(id);
        for (Consumer<Row> target : targets) {
          target.accept(named);
        }
      });
    }
    Collector first = emitTo.get(descriptor.source().outputTable());
    this.source = row -> {
      counters.read(row);
      first.collect(row);
    };
  }

  /**
   * SeaTunnel's sink template: one instance of the sink per table of a multi-table link, each fed
   * its table's rows. A row of a table the link does not declare fails the task: dropping it would
   * lose data silently.
   */
  private Consumer<Row> perTable(PluginDefinition def, SinkFactory factory, List<CatalogTable> tables,
      TaskGroupDescriptor descriptor, JobContext job, TaskCounters counters) throws Exception {
    Map<String, Consumer<Row>> byTable = new HashMap<>();
    for (CatalogTable table : tables) {
      byTable.put(table.id(), written(createWriter(factory.createSink(config(def), table), descriptor, job), counters));
    }
    return row -> {
      Consumer<Row> writer = byTable.get(row.table());
      if (writer == null) {
        throw new TaskFailure(def.label() + " received a row of table '" + row.table() + "', which is not one of "
            + "the tables of its input " + byTable.keySet() + ": " + row, null);
      }
      writer.accept(row);
    };
  }

  /**
   * Writers are numbered as they are created (sinks in order, a sink's per-table writers in its
   * tables' order); a restored task creates them in the same order, so each gets its own state back.
   */
  private SinkWriter createWriter(Sink sink, TaskGroupDescriptor descriptor, JobContext job) throws Exception {
    int index = writers.size();
    List<String> restored = descriptor.restore() == null ? List.of() : descriptor.restore().writerState(index);
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
      public int writerIndex() {
        return index;
      }

      @Override
      public List<String> restoredState() {
        return restored;
      }

      @Override
      public ResourceScope resources() {
        return resources;
      }
    });
    writers.add(writer);
    return writer;
  }

  private static Consumer<Row> written(SinkWriter writer, TaskCounters counters) {
    return row -> {
      write(writer, row);
      counters.written(row);
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

  private static CatalogTable onlyTable(Map<String, List<CatalogTable>> schemas, String table, PluginDefinition def) {
    List<CatalogTable> tables = schema(schemas, table, def);
    if (tables.size() != 1) {
      throw new IllegalStateException(def.label() + " reads table '" + table + "', which carries " + tables.size()
          + " tables of a multi-table source; a transform reads one table");
    }
    return tables.get(0);
  }

  private static List<CatalogTable> schema(Map<String, List<CatalogTable>> schemas, String table, PluginDefinition def) {
    List<CatalogTable> type = schemas.get(table);
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
