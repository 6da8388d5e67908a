package io.atoll.runtime.master.job;

import io.atoll.protocol.connector.SinkEnd;
import io.atoll.protocol.job.PluginDefinition;
import java.util.List;

/**
 * Runs {@link io.atoll.protocol.connector.SinkFactory#settleAfterEnd} for the sinks of a pipeline
 * that ended without finishing. Called by the JobMaster off its actor thread; reports what it did
 * and what failed in the log. {@link #NONE} settles nothing (job masters without plugins, in tests).
 */
@FunctionalInterface
public interface SinkSettler {
  SinkSettler NONE = (sinks, end) -> {};

  void settle(List<PluginDefinition> sinks, SinkEnd end);
}
