package io.atoll.protocol.node;

import io.atoll.protocol.WireMessage;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One node's JVM and host figures at {@code timeMillis}, as its NodeMonitor read them. Sizes are in
 * bytes, times in milliseconds, loads between 0 and 1; a figure the JVM does not offer is -1.
 *
 * @param address the node's cluster address
 * @param roles its cluster roles ({@code master}, {@code worker})
 * @param processLoad recent CPU use of this JVM; {@code systemLoad} of the whole host
 * @param systemLoadAverage the host's one-minute load average (not a fraction)
 * @param eventCounters the node's event counters (buffered, forwarded, shed, ...: totals since it
 *     started), by name
 * @param restarts how often the node's process started its ActorSystem again to rejoin the cluster
 *     after the cluster had removed it (a total over the process's life, not reset by the restarts)
 */
public record NodeInfo(
    String address,
    List<String> roles,
    long timeMillis,
    long uptimeMillis,
    int processors,
    long physicalMemoryTotal,
    long physicalMemoryFree,
    long swapSpaceTotal,
    long swapSpaceFree,
    long heapUsed,
    long heapCommitted,
    long heapMax,
    long nonHeapUsed,
    long nonHeapCommitted,
    long metaspaceUsed,
    long minorGcCount,
    long minorGcMillis,
    long majorGcCount,
    long majorGcMillis,
    double processLoad,
    double systemLoad,
    double systemLoadAverage,
    int threadCount,
    int peakThreadCount,
    Map<String, Long> eventCounters,
    long restarts)
    implements WireMessage {
  public NodeInfo {
    Objects.requireNonNull(address, "address");
    roles = List.copyOf(roles);
    eventCounters = Map.copyOf(eventCounters);
  }
}
