package io.atoll.runtime.master.monitor;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Where the REST API and the {@link ClusterMonitor} get job counts from. Until the JobCoordinator
 * exists this is {@link #none()}; the JobCoordinator's implementation will ask it (with its own
 * timeout) and must never block the caller.
 */
@FunctionalInterface
public interface JobCountsSource {

  /** The current counts; a failed stage means they are unknown right now. */
  CompletionStage<JobCounts> current();

  /** No job subsystem yet: every count is zero. */
  static JobCountsSource none() {
    return () -> CompletableFuture.completedFuture(JobCounts.ZERO);
  }
}
