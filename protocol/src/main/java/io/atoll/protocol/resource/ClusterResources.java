package io.atoll.protocol.resource;

import io.atoll.protocol.WireMessage;
import java.util.List;
import java.util.Map;

/** The ResourceManager's answer to {@code GetClusterResources}: every live worker. */
public record ClusterResources(List<WorkerStatus> workers) implements WireMessage {
  public ClusterResources {
    workers = List.copyOf(workers);
  }

  /** Only the workers whose tags match every key of the filter. */
  public ClusterResources filter(Map<String, String> tagFilter) {
    return new ClusterResources(
        workers.stream().filter(w -> w.profile().matches(tagFilter)).toList());
  }

  public int totalSlots() {
    return workers.stream().mapToInt(w -> w.profile().totalSlots()).sum();
  }

  public int unassignedSlots() {
    return workers.stream().mapToInt(w -> w.profile().unassignedSlots().size()).sum();
  }
}
