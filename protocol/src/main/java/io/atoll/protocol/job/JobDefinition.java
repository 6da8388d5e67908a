package io.atoll.protocol.job;

import io.atoll.protocol.WireMessage;
import io.atoll.protocol.connector.PluginKind;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A validated job file: its {@code env} settings and its plugins, linked by table names. This is
 * what is submitted, stored by the coordinator and shipped to workers.
 *
 * @param checkpointIntervalMillis {@code env.checkpoint.interval}; 0 = not set
 * @param checkpointTimeoutMillis {@code env.checkpoint.timeout}; 0 = not set
 * @param readLimitRowsPerSecond {@code env.read_limit.rows_per_second} per reader; 0 = unlimited
 * @param env every {@code env} option as given, rendered as strings (for display)
 * @param origin where the job came from: a file path, {@code rest} or {@code api}
 */
public record JobDefinition(
    String jobName,
    JobMode mode,
    int parallelism,
    long checkpointIntervalMillis,
    long checkpointTimeoutMillis,
    int retryTimes,
    int retryIntervalSeconds,
    Map<String, String> tagFilter,
    long readLimitRowsPerSecond,
    Map<String, String> env,
    List<PluginDefinition> plugins,
    String origin)
    implements WireMessage {

  public JobDefinition {
    Objects.requireNonNull(jobName, "jobName");
    Objects.requireNonNull(mode, "mode");
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
    }
    tagFilter = Map.copyOf(tagFilter);
    env = Map.copyOf(env);
    plugins = List.copyOf(plugins);
  }

  public List<PluginDefinition> plugins(PluginKind kind) {
    return plugins.stream().filter(p -> p.kind() == kind).toList();
  }
}
