package io.atoll.protocol.resource;

import io.atoll.protocol.WireMessage;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a worker reports in every heartbeat: who it is, which incarnation ({@code sequence}, new at
 * every start), a {@code stateVersion} that grows with every slot change (so the ResourceManager can
 * tell a stale heartbeat from a fresh one), its resources, its slots and its tags.
 */
public record WorkerProfile(
    String address,
    long sequence,
    long stateVersion,
    ResourceProfile total,
    ResourceProfile unassigned,
    List<SlotProfile> assignedSlots,
    List<SlotProfile> unassignedSlots,
    Map<String, String> tags,
    boolean dynamicSlot)
    implements WireMessage {

  public WorkerProfile {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(total, "total");
    Objects.requireNonNull(unassigned, "unassigned");
    assignedSlots = List.copyOf(assignedSlots);
    unassignedSlots = List.copyOf(unassignedSlots);
    tags = Map.copyOf(tags);
  }

  public int totalSlots() {
    return assignedSlots.size() + unassignedSlots.size();
  }

  /** True when every key of the filter is a tag of this worker with the same value. */
  public boolean matches(Map<String, String> tagFilter) {
    for (Map.Entry<String, String> wanted : tagFilter.entrySet()) {
      if (!wanted.getValue().equals(tags.get(wanted.getKey()))) {
        return false;
      }
    }
    return true;
  }
}
