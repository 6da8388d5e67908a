package io.atoll.protocol.node;

import io.atoll.protocol.WireMessage;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One node's resource tracker as its NodeMonitor read it: what is held now and what leaked, by
 * kind ({@code slot}, {@code classloader}, {@code thread}, {@code file}, {@code connection},
 * {@code temp-file}, {@code native-library}, ...), and the most recent leaks with their origin.
 *
 * @param node the node's cluster address
 * @param level the leak detection level now: {@code off}, {@code simple} or {@code paranoid}
 * @param live entries held now, by kind
 * @param liveSize the summed size of those entries (bytes where meaningful, else 0), by kind
 * @param leaks resources found still held when their owner ended, since the node started, by kind
 * @param doubleReleases releases of something no longer held, since the node started, by kind
 * @param recentLeaks the latest leaks the node keeps (a bounded list), oldest first
 */
public record ResourceReport(
    String node,
    String level,
    Map<String, Integer> live,
    Map<String, Long> liveSize,
    Map<String, Long> leaks,
    Map<String, Long> doubleReleases,
    List<Leak> recentLeaks)
    implements WireMessage {
  public ResourceReport {
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(level, "level");
    live = Map.copyOf(live);
    liveSize = Map.copyOf(liveSize);
    leaks = Map.copyOf(leaks);
    doubleReleases = Map.copyOf(doubleReleases);
    recentLeaks = List.copyOf(recentLeaks);
  }

  /**
   * A resource its owner still held when it ended.
   *
   * @param owner "job 7", "job 7 pipeline 1 task group 2 attempt 0" or "node"
   * @param size bytes or another measure where meaningful, else 0
   * @param ageMillis how long it had been held when its owner ended
   * @param site the allocation site, innermost frame first; empty when it was not recorded (leak
   *     detection off, or the acquisition not sampled)
   * @param outcome what the runtime did about it ("released by the runtime", "left as it is ...")
   * @param how how the owner ended ("job FINISHED", "node stopping", ...)
   * @param detectedAt when the leak was found, epoch milliseconds
   */
  public record Leak(
      String kind,
      String owner,
      String description,
      long size,
      long ageMillis,
      List<String> site,
      String outcome,
      String how,
      long detectedAt)
      implements WireMessage {
    public Leak {
      site = site == null ? List.of() : List.copyOf(site);
    }
  }
}
