package io.atoll.runtime.master.resource;

import io.atoll.protocol.resource.JobId;
import io.atoll.protocol.resource.SlotProfile;
import io.atoll.runtime.resource.ResourceOwner;
import io.atoll.runtime.resource.ResourceTracker;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The ResourceManager's slot assignments as its node's {@link ResourceTracker} holds them: one
 * "slot-assignment" entry per slot a job owns in the registry, owned by that job. Kept in step with
 * the registry after every change ({@link #sync}), whichever way the change came (a grant, a
 * release, a heartbeat, a lost worker), so an entry lives exactly as long as the assignment. When
 * the job ends (its JobCoordinator checks the kind on this node) what is left is a leak, reclaimed
 * through {@code reclaim}: the ResourceManager frees the slot on its worker. Plain code owned by the
 * ResourceManager.
 */
final class SlotAssignments {
  static final String KIND = "slot-assignment";

  private record Key(String worker, long sequence, int slotId) {}

  private record Held(JobId job, ResourceTracker.Handle handle) {}

  private final ResourceTracker tracker;
  private final Consumer<SlotProfile> reclaim;
  private final Map<Key, Held> held = new HashMap<>();
  /**
   * Slots the ResourceManager freed whose worker has not confirmed it yet: a heartbeat it sent
   * before it freed them still shows them assigned, and must not bring their entries back.
   */
  private final Map<Key, JobId> freeing = new HashMap<>();

  /** @param reclaim frees a leaked slot; called from any thread, so it should only send a message */
  SlotAssignments(ResourceTracker tracker, Consumer<SlotProfile> reclaim) {
    this.tracker = tracker;
    this.reclaim = reclaim;
  }

  /** The ResourceManager freed these slots: their entries go now, whatever the worker still reports. */
  void freed(List<SlotProfile> slots) {
    for (SlotProfile slot : slots) {
      Key key = new Key(slot.worker(), slot.sequence(), slot.slotId());
      Held h = held.remove(key);
      if (h != null) {
        h.handle().release();
        freeing.put(key, h.job());
      }
    }
  }

  /**
   * The worker's assigned slots now, as the registry has them (empty when the worker is gone):
   * entries follow.
   *
   * @param reported whether the registry just took them from the worker (a heartbeat, or its loss):
   *     only then does a slot shown free confirm a free this ResourceManager sent, not when the
   *     registry shows it free because this ResourceManager marked it so
   */
  void sync(String worker, List<SlotProfile> assigned, boolean reported) {
    Set<Key> now = new HashSet<>();
    for (SlotProfile slot : assigned) {
      if (slot.owner() == null) {
        continue;
      }
      Key key = new Key(slot.worker(), slot.sequence(), slot.slotId());
      if (slot.owner().equals(freeing.get(key))) {
        continue; // freed here, not yet on the worker
      }
      now.add(key);
      Held h = held.get(key);
      if (h != null && h.job().equals(slot.owner())) {
        continue;
      }
      if (h != null) {
        h.handle().release();
      }
      held.put(key, new Held(slot.owner(), tracker.acquire(KIND, ResourceOwner.job(slot.owner().value()),
          "slot #" + slot.slotId() + " of worker " + slot.worker() + " (sequence " + slot.sequence() + ")", 0,
          () -> reclaim.accept(slot))));
    }
    Set<Key> stillAssigned = new HashSet<>();
    assigned.forEach(slot -> stillAssigned.add(new Key(slot.worker(), slot.sequence(), slot.slotId())));
    freeing.entrySet().removeIf(e -> e.getKey().worker().equals(worker)
        && (reported && !stillAssigned.contains(e.getKey()) || now.contains(e.getKey())));
    held.entrySet().removeIf(e -> {
      if (e.getKey().worker().equals(worker) && !now.contains(e.getKey())) {
        e.getValue().handle().release();
        return true;
      }
      return false;
    });
  }

  /** Entries held now, for tests. */
  int size() {
    return held.size();
  }
}
