package io.atoll.runtime.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atoll.protocol.resource.ClusterResources;
import io.atoll.protocol.resource.ResourceProfile;
import io.atoll.protocol.resource.SlotProfile;
import io.atoll.protocol.resource.WorkerProfile;
import io.atoll.protocol.resource.WorkerStatus;
import io.atoll.runtime.master.monitor.JobCounts;
import java.time.Instant;
import java.util.Comparator;
import java.util.TreeMap;

/** The bodies of {@code GET /overview} and {@code GET /workers}. */
final class ClusterJson {
  private ClusterJson() {}

  /**
   * SeaTunnel REST API v2's overview: same field names, and like SeaTunnel every value is a JSON
   * string, so SeaTunnel clients and dashboards read it unchanged.
   */
  static ObjectNode overview(BuildInfo build, ClusterResources resources, JobCounts jobs) {
    ObjectNode o = Json.object();
    o.put("projectVersion", build.projectVersion());
    o.put("gitCommitAbbrev", build.gitCommitAbbrev());
    o.put("totalSlot", Integer.toString(resources.totalSlots()));
    o.put("unassignedSlot", Integer.toString(resources.unassignedSlots()));
    o.put("works", Integer.toString(resources.workers().size()));
    o.put("runningJobs", Long.toString(jobs.running()));
    o.put("pendingJobs", Long.toString(jobs.pending()));
    o.put("finishedJobs", Long.toString(jobs.finished()));
    o.put("failedJobs", Long.toString(jobs.failed()));
    o.put("cancelledJobs", Long.toString(jobs.cancelled()));
    return o;
  }

  /** One object per live worker, ordered by address. Job ids are strings, as in SeaTunnel. */
  static ArrayNode workers(ClusterResources resources) {
    ArrayNode array = Json.array();
    resources.workers().stream()
        .sorted(
            Comparator.comparing((WorkerStatus w) -> w.profile().address())
                .thenComparingLong(w -> w.profile().sequence()))
        .forEach(w -> array.add(worker(w)));
    return array;
  }

  private static ObjectNode worker(WorkerStatus status) {
    WorkerProfile p = status.profile();
    ObjectNode o = Json.object();
    o.put("address", p.address());
    o.put("sequence", p.sequence());
    o.put("dynamicSlot", p.dynamicSlot());
    ObjectNode tags = o.putObject("tags");
    new TreeMap<>(p.tags()).forEach(tags::put);
    o.put("totalSlot", p.totalSlots());
    o.put("assignedSlot", p.assignedSlots().size());
    o.put("unassignedSlot", p.unassignedSlots().size());
    resource(o.putObject("totalResource"), p.total());
    resource(o.putObject("unassignedResource"), p.unassigned());
    ArrayNode slots = o.putArray("assignedSlots");
    p.assignedSlots().stream()
        .sorted(Comparator.comparingInt(SlotProfile::slotId))
        .forEach(s -> slot(slots.addObject(), s));
    o.put("lastHeartbeat", Instant.ofEpochMilli(status.lastHeartbeatEpochMillis()).toString());
    o.put("heartbeatAgeMillis", status.heartbeatAgeMillis());
    return o;
  }

  private static void resource(ObjectNode o, ResourceProfile r) {
    o.put("cpuMillis", r.cpuMillis());
    o.put("heapBytes", r.heapBytes());
  }

  private static void slot(ObjectNode o, SlotProfile s) {
    o.put("slotId", s.slotId());
    if (s.owner() == null) {
      o.putNull("ownerJobId");
    } else {
      o.put("ownerJobId", s.owner().toString());
    }
  }
}
