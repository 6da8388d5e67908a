package io.atoll.runtime.master.job;

import io.atoll.protocol.connector.SinkEnd;
import io.atoll.protocol.job.PluginDefinition;
import io.atoll.runtime.connector.PluginRegistry;
import io.atoll.runtime.job.config.PluginOptions;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Settles each sink through its factory from the node's plugin registry; one sink's failure does not stop the others. */
public final class PluginSinkSettler implements SinkSettler {
  private static final Logger log = LoggerFactory.getLogger(PluginSinkSettler.class);

  private final PluginRegistry plugins;

  public PluginSinkSettler(PluginRegistry plugins) {
    this.plugins = plugins;
  }

  @Override
  public void settle(List<PluginDefinition> sinks, SinkEnd end) {
    for (PluginDefinition sink : sinks) {
      try {
        plugins.sink(sink.name()).settleAfterEnd(PluginOptions.config(sink), end);
      } catch (Exception | LinkageError e) {
        log.warn("job {} pipeline {} ended {}: settling what {} prepared failed, so output it prepared may be left"
            + " uncommitted (e.g. prepared transactions): {}", end.jobId(), end.pipelineId(), end.status(),
            sink.label(), e.toString());
      }
    }
  }
}
