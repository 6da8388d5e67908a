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
}
