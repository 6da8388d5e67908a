package io.atoll.runtime.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atoll.protocol.node.LeakDetectionReply;
import io.atoll.protocol.node.ResourceReport;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON of {@code GET /leaks} and {@code POST /leak-detection}: one object per node with its
 * {@code address} and {@code status} ({@code ok}, {@code unreachable} or {@code refused}).
 */
final class LeakJson {
  private LeakJson() {}

  /**
   * {@code level}; {@code live}, {@code liveSize}, {@code leaks} and {@code doubleReleases} as
   * {@code {kind: n}}; {@code recentLeaks} oldest first, each with its {@code allocationSite} as an
   * array of frames (innermost first), or null when it was not recorded.
   */
  static ObjectNode node(ResourceReport r) {
    ObjectNode o = Json.object();
    o.put("address", r.node());
    o.put("status", "ok");
    o.put("level", r.level());
    counts(o.putObject("live"), r.live());
    counts(o.putObject("liveSize"), r.liveSize());
    counts(o.putObject("leaks"), r.leaks());
    counts(o.putObject("doubleReleases"), r.doubleReleases());
    ArrayNode leaks = o.putArray("recentLeaks");
    for (ResourceReport.Leak leak : r.recentLeaks()) {
      ObjectNode l = leaks.addObject();
      l.put("kind", leak.kind());
      l.put("owner", leak.owner());
      l.put("description", leak.description());
      l.put("size", leak.size());
      l.put("ageMillis", leak.ageMillis());
      if (leak.site().isEmpty()) {
        l.putNull("allocationSite");
      } else {
        leak.site().forEach(l.putArray("allocationSite")::add);
      }
      l.put("outcome", leak.outcome());
      l.put("how", leak.how());
      l.put("detectedAt", leak.detectedAt());
    }
    return o;
  }

  static ObjectNode level(LeakDetectionReply reply) {
    ObjectNode o = Json.object();
    o.put("address", reply.node());
    if (reply instanceof LeakDetectionReply.LevelSet set) {
      o.put("status", "ok");
      o.put("level", set.level());
      o.put("previous", set.previous());
    } else {
      o.put("status", "refused");
      o.put("message", ((LeakDetectionReply.LevelRefused) reply).reason());
    }
    return o;
  }

  static ObjectNode unreachable(String address, Throwable failure) {
    ObjectNode o = Json.object();
    o.put("address", address);
    o.put("status", "unreachable");
    o.put("message", JsonErrors.unwrap(failure).getMessage());
    return o;
  }

  private static void counts(ObjectNode into, Map<String, ? extends Number> byKind) {
    new TreeMap<>(byKind).forEach((kind, n) -> into.put(kind, n.longValue()));
  }
}
