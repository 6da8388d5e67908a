package io.atoll.runtime.worker.execution;

import io.atoll.protocol.data.Row;
import io.atoll.protocol.job.JobMetrics;

/** Row and byte counters of one task group; touched only by its actor. */
final class TaskCounters {
  private long rowsRead;
  private long bytesRead;
  private long rowsWritten;
  private long bytesWritten;

  void read(Row row) {
    rowsRead++;
    bytesRead += RowSizes.estimate(row);
  }

  void written(Row row) {
    rowsWritten++;
    bytesWritten += RowSizes.estimate(row);
  }

  JobMetrics snapshot() {
    return new JobMetrics(rowsRead, bytesRead, rowsWritten, bytesWritten);
  }
}
