package io.atoll.runtime.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atoll.protocol.node.NodeInfo;
import java.util.Locale;

/**
 * One node of {@code GET /system-monitoring-information}. Where SeaTunnel has a field, it has the
 * same name and, like SeaTunnel's, a string value with its unit ({@code "135.7M"}, {@code "23.54%"},
 * {@code "110ms"}); Atoll adds the node's address and roles, non-heap and metaspace use and uptime.
 * A figure the node's JVM does not offer is {@code "n/a"}.
 */
final class NodeJson {
  private static final String[] UNITS = {"", "K", "M", "G", "T", "P", "E"};

  private NodeJson() {}

  static ObjectNode node(NodeInfo n) {
    ObjectNode o = Json.object();
    o.put("address", n.address());
    o.put("roles", String.join(",", n.roles()));
    o.put("isMaster", Boolean.toString(n.roles().contains("master")));
    o.put("processors", Integer.toString(n.processors()));
    o.put("physical.memory.total", bytes(n.physicalMemoryTotal()));
    o.put("physical.memory.free", bytes(n.physicalMemoryFree()));
    o.put("swap.space.total", bytes(n.swapSpaceTotal()));
    o.put("swap.space.free", bytes(n.swapSpaceFree()));
    o.put("heap.memory.used", bytes(n.heapUsed()));
    o.put("heap.memory.free", bytes(n.heapCommitted() - n.heapUsed()));
    o.put("heap.memory.total", bytes(n.heapCommitted()));
    o.put("heap.memory.max", bytes(n.heapMax()));
    o.put("heap.memory.used/total", percent(n.heapUsed(), n.heapCommitted()));
    o.put("heap.memory.used/max", percent(n.heapUsed(), n.heapMax()));
    o.put("nonheap.memory.used", bytes(n.nonHeapUsed()));
    o.put("nonheap.memory.total", bytes(n.nonHeapCommitted()));
    o.put("metaspace.used", bytes(n.metaspaceUsed()));
    o.put("minor.gc.count", Long.toString(n.minorGcCount()));
    o.put("minor.gc.time", n.minorGcMillis() + "ms");
    o.put("major.gc.count", Long.toString(n.majorGcCount()));
    o.put("major.gc.time", n.majorGcMillis() + "ms");
    o.put("load.process", load(n.processLoad()));
    o.put("load.system", load(n.systemLoad()));
    o.put("load.systemAverage", n.systemLoadAverage() < 0 ? "n/a"
        : String.format(Locale.ROOT, "%.2f", n.systemLoadAverage()));
    o.put("thread.count", Integer.toString(n.threadCount()));
    o.put("thread.peakCount", Integer.toString(n.peakThreadCount()));
    o.put("uptime", n.uptimeMillis() + "ms");
    o.put("timeMillis", Long.toString(n.timeMillis()));
    return o;
  }

  /** As SeaTunnel (Hazelcast) writes sizes: one decimal and a binary unit, plain below 1K. */
  static String bytes(long bytes) {
    if (bytes < 0) {
      return "n/a";
    }
    for (int i = UNITS.length - 1; i > 0; i--) {
      double step = Math.pow(1024, i);
      if (bytes >= step) {
        return String.format(Locale.ROOT, "%.1f%s", bytes / step, UNITS[i]);
      }
    }
    return Long.toString(bytes);
  }

  private static String percent(long part, long whole) {
    return part < 0 || whole <= 0 ? "n/a" : String.format(Locale.ROOT, "%.2f%%", 100.0 * part / whole);
  }

  private static String load(double fraction) {
    return fraction < 0 || Double.isNaN(fraction) ? "n/a" : String.format(Locale.ROOT, "%.2f%%", 100 * fraction);
  }
}
