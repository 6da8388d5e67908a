package io.atoll.benchmarks;

import com.typesafe.config.ConfigFactory;
import io.atoll.protocol.connector.Collector;
import io.atoll.protocol.connector.EnumeratorContext;
import io.atoll.protocol.connector.JobContext;
import io.atoll.protocol.connector.ReaderContext;
import io.atoll.protocol.connector.Source;
import io.atoll.protocol.connector.SourceReader;
import io.atoll.protocol.connector.SourceSplit;
import io.atoll.protocol.connector.SplitEnumerator;
import io.atoll.protocol.job.JobDefinition;
import io.atoll.protocol.job.JobStatus;
import io.atoll.protocol.job.JobSummary;
import io.atoll.runtime.client.JobClient;
import io.atoll.runtime.connector.PluginRegistry;
import io.atoll.runtime.job.config.JobFileParser;
import io.atoll.runtime.node.AtollNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Rows per second end to end — FakeSource → Discard sink as a real job on an embedded single-node
 * cluster (slot allocation, deployment, enumerator and readers on the task dispatcher, metrics) —
 * against the ceiling: the same FakeSource readers driven directly, one plain thread per reader,
 * with no runtime around them. Each invocation is one whole job of {@code ROWS} rows in total
 * (split over the readers); the score is rows/s. {@code jobOverhead} is the time of a one-row job.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgs = {"-Xmx1g"})
@State(Scope.Benchmark)
public class EndToEndBenchmark {
  static final int ROWS = 4_000_000;

  @Param({"1", "2"})
  int parallelism;

  private AtollNode node;
  private JobClient client;
  private JobDefinition job;
  private JobDefinition tinyJob;
  private Source source;
  private Path dataDir;
  private java.util.concurrent.ExecutorService pool;

  static String jobText(int parallelism, int rowsPerReader) {
    return """
        env { job.name = "e2e-benchmark", parallelism = %d, job.retry.times = 0 }
        source {
          FakeSource {
            row.num = %d
            split.num = 1
            schema.fields { id = bigint, name = string, score = double, active = boolean, created = timestamp }
          }
        }
        sink { Discard {} }
        """.formatted(parallelism, rowsPerReader);
  }

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    dataDir = Files.createTempDirectory("atoll-bench-");
    node = AtollNode.start(ConfigFactory.parseMap(Map.of(
        "atoll.data-dir", dataDir.toString(),
        "atoll.http.enabled", false,
        "atoll.slot-service.dynamic-slot", true,
        "akka.remote.artery.canonical.port", 0,
        "akka.loglevel", "WARNING")));
    pool = java.util.concurrent.Executors.newFixedThreadPool(parallelism);
    client = node.jobClient().toCompletableFuture().get(60, TimeUnit.SECONDS);
    job = JobFileParser.parseString(jobText(parallelism, ROWS / parallelism), "benchmark", Map.of(), node.plugins());
    tinyJob = JobFileParser.parseString(jobText(parallelism, 1), "benchmark", Map.of(), node.plugins());
    PluginRegistry registry = node.plugins();
    source = registry.source("FakeSource").createSource(
        io.atoll.runtime.job.config.PluginOptions.config(job.plugins().get(0)));
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    pool.shutdownNow();
    node.stop().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @Benchmark
  @OperationsPerInvocation(ROWS)
  public long endToEnd() throws Exception {
    JobSummary done = client.run(job).toCompletableFuture().get(10, TimeUnit.MINUTES);
    if (done.status() != JobStatus.FINISHED || done.metrics().rowsWritten() != ROWS) {
      throw new IllegalStateException("job ended " + done.status() + " with " + done.metrics() + ": " + done.errorMessage());
    }
    return done.metrics().rowsWritten();
  }

  /**
   * The fixed cost of a job: one row per reader, so the time is submission, slot allocation,
   * deployment, the enumerator/reader handshake and the end-of-job reports (ms per job).
   */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public long jobOverhead() throws Exception {
    JobSummary done = client.run(tinyJob).toCompletableFuture().get(1, TimeUnit.MINUTES);
    if (done.status() != JobStatus.FINISHED) {
      throw new IllegalStateException("job ended " + done.status() + ": " + done.errorMessage());
    }
    return done.metrics().rowsWritten();
  }

  /** FakeSource's own generation rate: its enumerator here, each reader in a thread of its own. */
  @Benchmark
  @OperationsPerInvocation(ROWS)
  public long generationOnly() throws Exception {
    JobContext context = new JobContext(1, "ceiling", false, 1, 1);
    Map<Integer, List<SourceSplit>> assigned = new HashMap<>();
    SplitEnumerator enumerator = source.createEnumerator(new EnumeratorContext() {
      @Override
      public JobContext job() {
        return context;
      }

      @Override
      public int parallelism() {
        return parallelism;
      }

      @Override
      public void assignSplits(int subtask, List<SourceSplit> splits) {
        assigned.computeIfAbsent(subtask, k -> new ArrayList<>()).addAll(splits);
      }

      @Override
      public void signalNoMoreSplits(int subtask) {}
    });
    enumerator.open();
    for (int subtask = 0; subtask < parallelism; subtask++) {
      enumerator.registerReader(subtask);
      enumerator.handleSplitRequest(subtask);
    }
    enumerator.close();
    List<java.util.concurrent.Future<long[]>> readers = new ArrayList<>();
    for (int subtask = 0; subtask < parallelism; subtask++) {
      int index = subtask;
      readers.add(pool.submit(() -> readAll(context, index, assigned.getOrDefault(index, List.of()))));
    }
    long rows = 0;
    long mix = 0;
    for (var f : readers) {
      long[] result = f.get();
      rows += result[0];
      mix ^= result[1];
    }
    if (rows != ROWS) {
      throw new IllegalStateException("generated " + rows + " rows, expected " + ROWS);
    }
    return rows ^ (mix & 1);
  }

  private long[] readAll(JobContext context, int subtask, List<SourceSplit> splits) throws Exception {
    boolean[] finished = new boolean[1];
    long[] result = new long[2];
    SourceReader reader = source.createReader(new ReaderContext() {
      @Override
      public JobContext job() {
        return context;
      }

      @Override
      public int subtaskIndex() {
        return subtask;
      }

      @Override
      public int parallelism() {
        return parallelism;
      }

      @Override
      public void sendSplitRequest() {}

      @Override
      public void signalNoMoreElement() {
        finished[0] = true;
      }
    });
    Collector counting = row -> {
      result[0]++;
      result[1] ^= System.identityHashCode(row); // keeps every row alive for the JIT
    };
    reader.open();
    reader.addSplits(splits);
    reader.handleNoMoreSplits();
    while (!finished[0]) {
      reader.pollNext(counting);
    }
    reader.close();
    return result;
  }
}
