package io.atoll.runtime.http;

import io.atoll.runtime.resource.ResourceTracker;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The resource tracker of the node serving {@code GET /metrics}: live entries, leaks and double
 * releases by kind, and its leak detection level. The kinds the runtime tracks are always written
 * (0 until the first one), so a rate over them works from the node's start.
 */
final class ResourceMetrics {
  /** Written even before the node holds or leaked any. */
  static final List<String> KINDS = List.of("slot", "slot-assignment", "classloader", "thread", "file", "connection",
      "temp-file", "native-library");

  private ResourceMetrics() {}

  static MetricsSource node(ResourceTracker tracker) {
    return MetricsSource.of("resources", w -> {
      ResourceTracker.Report r = tracker.report();
      TreeSet<String> kinds = new TreeSet<>(KINDS);
      kinds.addAll(r.liveByKind().keySet());
      kinds.addAll(r.leaksByKind().keySet());
      kinds.addAll(r.doubleReleasesByKind().keySet());
      byKind(w.gauges("atoll_resources_live", "Tracked resources held now on this node, by kind"),
          kinds, r.liveByKind());
      byKind(w.counters("atoll_resource_leaks_total",
              "Resources still held when their owner (job, task group, node) ended, by kind; see GET /leaks"),
          kinds, r.leaksByKind());
      byKind(w.counters("atoll_resource_double_releases_total",
              "Releases of a resource that was released already, by kind"),
          kinds, r.doubleReleasesByKind());
      w.gauge("atoll_leak_detection_level", "Leak detection level of this node: 0 off, 1 simple, 2 paranoid",
          r.level().ordinal());
    });
  }

  private static void byKind(MetricsWriter.Family family, TreeSet<String> kinds, Map<String, ? extends Number> n) {
    kinds.forEach(kind -> family.sample(n.containsKey(kind) ? n.get(kind).doubleValue() : 0, "kind", kind));
  }
}
