package io.atoll.runtime.master.monitor;

/**
 * How many jobs the cluster has in each state, as shown by {@code GET /overview} and the
 * {@link ClusterMonitor} summary line.
 */
public record JobCounts(long running, long pending, long finished, long failed, long cancelled) {
  public static final JobCounts ZERO = new JobCounts(0, 0, 0, 0, 0);

  public JobCounts {
    if (running < 0 || pending < 0 || finished < 0 || failed < 0 || cancelled < 0) {
      throw new IllegalArgumentException(
          "job counts cannot be negative: running=" + running + ", pending=" + pending
              + ", finished=" + finished + ", failed=" + failed + ", cancelled=" + cancelled);
    }
  }
}
