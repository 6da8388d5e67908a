package io.atoll.runtime.worker.execution;

import io.atoll.protocol.data.Row;
import io.atoll.protocol.job.JobMetrics;

/** Row and byte counters of one task group; touched only by its actor. */
final class TaskCounters {
  private long rowsRead;
  private long bytesRead;
  private long rowsWritten;
  private long bytesWritten;
  private Row lastRead;
  private long lastReadSize;

  TaskCounters() {}

  /** Counting on from {@code start}: a reader restored from a checkpoint starts at its counters there. */
  TaskCounters(JobMetrics start) {
    rowsRead = start.rowsRead();
    bytesRead = start.bytesRead();
    rowsWritten = start.rowsWritten();
    bytesWritten = start.bytesWritten();
  }

  void read(Row row) {
    rowsRead++;
    lastRead = row;
    lastReadSize = RowSizes.estimate(row);
    bytesRead += lastReadSize;
  }

  /** A row that reaches a sink unchanged (the common case) is not measured twice. */
  void written(Row row) {
    rowsWritten++;
    bytesWritten += row == lastRead ? lastReadSize : RowSizes.estimate(row);
  }

  JobMetrics snapshot() {
    return new JobMetrics(rowsRead, bytesRead, rowsWritten, bytesWritten);
  }
}
