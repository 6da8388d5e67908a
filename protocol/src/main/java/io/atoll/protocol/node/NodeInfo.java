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
    Map<String, Long> eventCounters)
    implements WireMessage {
  public NodeInfo {
    Objects.requireNonNull(address, "address");
    roles = List.copyOf(roles);
    eventCounters = Map.copyOf(eventCounters);
  }
}
