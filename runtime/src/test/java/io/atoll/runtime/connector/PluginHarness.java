package io.atoll.runtime.connector;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.atoll.protocol.connector.Collector;
import io.atoll.protocol.connector.JobContext;
import io.atoll.protocol.connector.PluginFactory;
import io.atoll.protocol.connector.Sink;
import io.atoll.protocol.connector.SinkFactory;
import io.atoll.protocol.connector.SinkWriter;
import io.atoll.protocol.connector.Source;
import io.atoll.protocol.connector.SourceFactory;
import io.atoll.protocol.connector.SourceReader;
import io.atoll.protocol.connector.SplitEnumerator;
import io.atoll.protocol.connector.Transform;
import io.atoll.protocol.connector.TransformFactory;
import io.atoll.protocol.data.Row;
import io.atoll.protocol.data.RowType;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a source, transforms and a sink in-process on one thread, in the order the runtime drives
 * them: each config validated, enumerator opened, every reader registered and opened, then rounds of
 * (deliver split requests to the enumerator, deliver its answers to the readers, poll every reader
 * once) until every reader has signalled it is done. Rows go through per-subtask transform chains
 * into one writer per subtask, which is finished and committed by one checkpoint at the end
 * (aborted if anything failed). A round
 * cap turns a reader that never finishes into a test failure instead of a hang.
 */
public final class PluginHarness {
  public static final JobContext JOB = new JobContext(42L, "harness-job", false, 1, 0);
  /** The id of the one checkpoint the harness takes, after the input ended. */
  public static final long FINAL_CHECKPOINT = 1;

  private record Step(TransformFactory factory, Config config) {}

  private final SourceFactory sourceFactory;
  private final Config sourceConfig;
  private final List<Step> transforms = new ArrayList<>();
  private SinkFactory sinkFactory;
  private Config sinkConfig;
  private int parallelism = 1;
  private JobContext job = JOB;
  private int maxRounds = 10_000;
  private Runnable eachRound = () -> {};

  private PluginHarness(SourceFactory sourceFactory, Config sourceConfig) {
    this.sourceFactory = sourceFactory;
    this.sourceConfig = sourceConfig;
  }

  public static PluginHarness source(SourceFactory factory, String hocon) {
    return new PluginHarness(factory, ConfigFactory.parseString(hocon));
  }

  public PluginHarness parallelism(int parallelism) {
    this.parallelism = parallelism;
    return this;
  }

  public PluginHarness transform(TransformFactory factory, String hocon) {
    transforms.add(new Step(factory, ConfigFactory.parseString(hocon)));
    return this;
  }

  public PluginHarness sink(SinkFactory factory, String hocon) {
    this.sinkFactory = factory;
    this.sinkConfig = ConfigFactory.parseString(hocon);
    return this;
  }

  public PluginHarness job(JobContext job) {
    this.job = job;
    return this;
  }

  public PluginHarness maxRounds(int maxRounds) {
    this.maxRounds = maxRounds;
    return this;
  }

  /** Runs after every round, e.g. to advance a test clock. */
  public PluginHarness eachRound(Runnable eachRound) {
    this.eachRound = eachRound;
    return this;
  }

  /** What reached the sink. */
  public record Result(RowType producedType, List<List<Row>> rowsBySubtask, List<List<String>> splitsBySubtask) {
    public List<Row> rows() {
      return rowsBySubtask.stream().flatMap(List::stream).toList();
    }
  }

  public Result run() throws Exception {
    requireValid(sourceFactory, sourceFactory.validate(sourceConfig, RowType.of()));
    Source source = sourceFactory.createSource(sourceConfig);
    List<List<Transform>> chains = new ArrayList<>();
    RowType type = source.producedType();
    for (int i = 0; i < parallelism; i++) {
      chains.add(new ArrayList<>());
    }
    for (Step step : transforms) {
      requireValid(step.factory(), step.factory().validate(step.config(), type));
      for (List<Transform> chain : chains) {
        Transform t = step.factory().createTransform(step.config(), type);
        t.open();
        chain.add(t);
      }
      type = chains.get(0).get(chains.get(0).size() - 1).producedType();
    }
    Sink sink = null;
    if (sinkFactory != null) {
      requireValid(sinkFactory, sinkFactory.validate(sinkConfig, type));
      sink = sinkFactory.createSink(sinkConfig, type);
    }
    Run run = new Run(source, chains, sink);
    try {
      run.drive();
      for (SinkWriter writer : run.writers) {
        writer.finish();
        writer.snapshotState(FINAL_CHECKPOINT); // the final checkpoint, as the runtime takes it
        writer.notifyCheckpointComplete(FINAL_CHECKPOINT);
      }
    } catch (WrappedException e) {
      abortAll(run.writers, e.getCause());
      throw (Exception) e.getCause();
    } catch (Exception | Error e) {
      abortAll(run.writers, e);
      throw e;
    } finally {
      run.close();
    }
    List<List<String>> splits = new ArrayList<>();
    for (int i = 0; i < parallelism; i++) {
      splits.add(run.enumeratorContext.assigned(i));
    }
    return new Result(type, run.rows, splits);
  }

  private static void abortAll(List<SinkWriter> writers, Throwable failure) {
    for (SinkWriter writer : writers) {
      try {
        writer.abort();
      } catch (Exception abortFailure) {
        failure.addSuppressed(abortFailure);
      }
    }
  }

  private static void requireValid(PluginFactory factory, List<String> problems) {
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(factory.name() + " is not valid: " + String.join("; ", problems));
    }
  }

  /** One run's live plugin instances. */
  private final class Run {
    final TestingEnumeratorContext enumeratorContext = new TestingEnumeratorContext(job, parallelism);
    final SplitEnumerator enumerator;
    final List<TestingReaderContext> readerContexts = new ArrayList<>();
    final List<SourceReader> readers = new ArrayList<>();
    final List<List<Transform>> chains;
    final List<SinkWriter> writers = new ArrayList<>();
    final List<List<Row>> rows = new ArrayList<>();
    final List<Collector> collectors = new ArrayList<>();

    Run(Source source, List<List<Transform>> chains, Sink sink) throws Exception {
      this.chains = chains;
      this.enumerator = source.createEnumerator(enumeratorContext);
      for (int i = 0; i < parallelism; i++) {
        TestingReaderContext context = new TestingReaderContext(job, i, parallelism);
        readerContexts.add(context);
        readers.add(source.createReader(context));
        rows.add(new ArrayList<>());
        if (sink != null) {
          writers.add(sink.createWriter(new TestingWriterContext(job, i, parallelism)));
        }
        collectors.add(chain(i, 0));
      }
    }

    /** The collector that feeds transform {@code step} of subtask {@code i}, or its sink. */
    private Collector chain(int i, int step) {
      if (step == chains.get(i).size()) {
        return row -> {
          rows.get(i).add(row);
          if (!writers.isEmpty()) {
            try {
              writers.get(i).write(row);
            } catch (Exception e) {
              throw new WrappedException(e);
            }
          }
        };
      }
      Transform transform = chains.get(i).get(step);
      Collector next = chain(i, step + 1);
      return row -> {
        try {
          transform.process(row, next);
        } catch (WrappedException e) {
          throw e;
        } catch (Exception e) {
          throw new WrappedException(e);
        }
      };
    }

    void drive() throws Exception {
      enumerator.open();
      for (int i = 0; i < parallelism; i++) {
        enumerator.registerReader(i);
        readers.get(i).open();
      }
      for (int round = 0; round < maxRounds; round++) {
        boolean allDone = true;
        for (int i = 0; i < parallelism; i++) {
          while (readerContexts.get(i).takeRequest()) {
            enumerator.handleSplitRequest(i);
          }
        }
        for (int i = 0; i < parallelism; i++) {
          for (var event = enumeratorContext.poll(i); event != null; event = enumeratorContext.poll(i)) {
            if (event.noMoreSplits()) {
              readers.get(i).handleNoMoreSplits();
            } else {
              readers.get(i).addSplits(event.splits());
            }
          }
          if (!readerContexts.get(i).finished()) {
            readers.get(i).pollNext(collectors.get(i));
            allDone &= readerContexts.get(i).finished();
          }
        }
        if (allDone) {
          return;
        }
        eachRound.run();
      }
      throw new AssertionError("readers did not finish within " + maxRounds + " rounds");
    }

    void close() throws Exception {
      Exception failure = null;
      List<AutoCloseable> all = new ArrayList<>(readers);
      all.add(enumerator);
      chains.forEach(all::addAll);
      all.addAll(writers);
      for (AutoCloseable c : all) {
        try {
          c.close();
        } catch (Exception e) {
          if (failure == null) {
            failure = e;
          } else {
            failure.addSuppressed(e);
          }
        }
      }
      if (failure != null) {
        throw failure;
      }
    }
  }

  /** Carries a checked exception of a transform or writer through {@link Collector#collect}. */
  private static final class WrappedException extends RuntimeException {
    WrappedException(Exception cause) {
      super(cause);
    }
  }
}
