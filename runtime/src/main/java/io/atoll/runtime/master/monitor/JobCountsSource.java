package io.atoll.runtime.master.monitor;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Where the REST API and the {@link ClusterMonitor} get job counts from: on a master node
 * {@link CoordinatorJobCounts}, which asks the JobCoordinator with its own timeout; {@link #none()}
 * where no job subsystem is wired. Implementations must never block the caller.
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
