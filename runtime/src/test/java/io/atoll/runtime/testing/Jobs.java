package io.atoll.runtime.testing;

import io.atoll.protocol.connector.PluginKind;
import io.atoll.protocol.job.JobDefinition;
import io.atoll.protocol.job.JobMode;
import io.atoll.protocol.job.PluginDefinition;
import java.util.List;
import java.util.Map;

/** Job definitions for execution tests: TestingSource → TestingSink, already normalized. */
public final class Jobs {
  private Jobs() {}

  public static JobDefinition testing(String name, int parallelism, String sourceJson, String sinkJson, long readLimit) {
    return testing(name, parallelism, sourceJson, sinkJson, readLimit, 0);
  }

  /** @param checkpointIntervalMillis 0 = the node's default */
  public static JobDefinition testing(
      String name, int parallelism, String sourceJson, String sinkJson, long readLimit, long checkpointIntervalMillis) {
    PluginDefinition source = new PluginDefinition(PluginKind.SOURCE, "TestingSource", 0, options(sourceJson), List.of(), "t", 2,
        "test");
    PluginDefinition sink = new PluginDefinition(PluginKind.SINK, "TestingSink", 0, options(sinkJson), List.of("t"), null, 5,
        "test");
    boolean streaming = sourceJson.contains("unbounded");
    return new JobDefinition(name, streaming ? JobMode.STREAMING : JobMode.BATCH, parallelism, checkpointIntervalMillis, 0, 1, 1, Map.of(),
        readLimit, Map.of(), List.of(source, sink), "test");
  }

  /** A block's options written as JSON or HOCON, as the tree a validated job carries. */
  public static io.atoll.protocol.job.OptionValue.ObjectOf options(String text) {
    return io.atoll.runtime.job.config.PluginOptions.tree(com.typesafe.config.ConfigFactory.parseString(text).root());
  }

  /**
   * A job file that fails for good once checkpoint 3 completes: FakeSource's 3,000 rows in 30 slow
   * splits (checkpoints every 200 ms), TestingSink first, which commits and then throws when told
   * that checkpoint 3 completed, so {@code sink}, second, is never told; no retries. The job's end
   * must then commit what {@code sink} prepared for checkpoint 3 and discard the rest;
   * {@code TestingSink.committed(collectTo)} holds exactly the rows of the completed checkpoints.
   */
  public static String failingForGoodAtCheckpoint3(String collectTo, String sink) {
    return """
        env {
          job.mode = "BATCH"
          parallelism = 1
          checkpoint.interval = 200
          job.retry.times = 0
        }
        source {
          FakeSource {
            row.num = 3000
            split.num = 30
            split.read-interval = 100
            schema = { fields { id = "bigint", name = "string" } }
          }
        }
        sink {
          TestingSink { collect_to = "%s", fail_on_checkpoint_complete = 3 }
        %s
        }
        """.formatted(collectTo, sink);
  }
}
