package io.atoll.protocol.job;

import io.atoll.protocol.WireMessage;

/**
 * Row and byte counters of a task group, a pipeline or a whole job. Bytes are the in-memory size
 * estimate of the rows' values (strings by their UTF-16 length, numbers by their width).
 */
public record JobMetrics(long rowsRead, long bytesRead, long rowsWritten, long bytesWritten)
    implements WireMessage {
  public static final JobMetrics ZERO = new JobMetrics(0, 0, 0, 0);

  public JobMetrics plus(JobMetrics other) {
    return new JobMetrics(
        rowsRead + other.rowsRead, bytesRead + other.bytesRead,
        rowsWritten + other.rowsWritten, bytesWritten + other.bytesWritten);
  }
}
