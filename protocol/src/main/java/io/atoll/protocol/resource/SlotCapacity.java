package io.atoll.protocol.resource;

import io.atoll.protocol.WireMessage;
import java.util.List;
import java.util.Map;

/**
 * The ResourceManager's answer to {@code GetSlotCapacity}: every live worker's profile, and whether
 * the view is complete. A ResourceManager that started less than one heartbeat timeout ago may not
 * have heard from every live worker yet ({@code complete} false), so a caller must not conclude from
 * it that the cluster is too small.
 */
public record SlotCapacity(List<WorkerProfile> workers, boolean complete) implements WireMessage {
  public SlotCapacity {
    workers = List.copyOf(workers);
  }

  /** Slots of the workers matching the filter; {@link Long#MAX_VALUE} if one has dynamic slots. */
  public long totalSlots(Map<String, String> tagFilter) {
    return sum(tagFilter, false);
  }

  /** Unassigned slots of the workers matching the filter; {@link Long#MAX_VALUE} if one has dynamic slots. */
  public long freeSlots(Map<String, String> tagFilter) {
    return sum(tagFilter, true);
  }

  /** How many live workers match the filter. */
  public int workers(Map<String, String> tagFilter) {
    return (int) workers.stream().filter(w -> w.matches(tagFilter)).count();
  }

  private long sum(Map<String, String> tagFilter, boolean freeOnly) {
    long sum = 0;
    for (WorkerProfile w : workers) {
      if (!w.matches(tagFilter)) {
        continue;
      }
      if (w.dynamicSlot()) {
        return Long.MAX_VALUE; // slots are made on demand: no job is too big for this worker
      }
      sum += freeOnly ? w.unassignedSlots().size() : w.totalSlots();
    }
    return sum;
  }
}
