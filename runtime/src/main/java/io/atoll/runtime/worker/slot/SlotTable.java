package io.atoll.runtime.worker.slot;

import akka.actor.typed.ActorRef;
import io.atoll.protocol.execution.TaskExecutorProtocol;
import io.atoll.protocol.resource.JobId;
import io.atoll.protocol.resource.ResourceProfile;
import io.atoll.protocol.resource.SlotProfile;
import io.atoll.protocol.resource.WorkerProfile;
import io.atoll.runtime.config.SlotServiceSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The slots of one worker incarnation and who owns them; plain code owned by the SlotService.
 * Fixed slots exist from the start; dynamic slots are created when assigned and removed when freed.
 * Every change (slots or tags) bumps {@code stateVersion} so the ResourceManager can order reports.
 * Every slot it hands out carries this worker's TaskExecutor ref, the one way job masters address it.
 */
final class SlotTable {
  private final String address;
  private final long sequence;
  private final SlotServiceSettings settings;
  private final ActorRef<TaskExecutorProtocol> executor;
  private final ResourceProfile total;
  private final ResourceProfile perSlot;
  private final TreeMap<Integer, JobId> owners = new TreeMap<>();
  private final TreeMap<Integer, Boolean> fixed = new TreeMap<>();
  private Map<String, String> tags;
  private int nextDynamicId;
  private long stateVersion;

  SlotTable(String address, long sequence, SlotServiceSettings settings, ActorRef<TaskExecutorProtocol> executor) {
    this.address = address;
    this.sequence = sequence;
    this.settings = settings;
    this.executor = executor;
    this.tags = settings.tags();
    this.total = new ResourceProfile(settings.cpuMillis(), settings.heapBytes());
    int shares = Math.max(1, settings.slotNum());
    this.perSlot = new ResourceProfile(settings.cpuMillis() / shares, settings.heapBytes() / shares);
    if (!settings.dynamicSlot()) {
      for (int i = 0; i < settings.slotNum(); i++) {
        fixed.put(i, Boolean.TRUE);
      }
    }
  }

  long sequence() {
    return sequence;
  }

  String address() {
    return address;
  }

  int free() {
    return settings.dynamicSlot() ? Integer.MAX_VALUE : fixed.size() - owners.size();
  }

  /** Takes {@code count} slots for the job, or returns empty and changes nothing. */
  Optional<List<SlotProfile>> assign(JobId job, int count) {
    if (count <= 0 || count > free()) {
      return Optional.empty();
    }
    List<SlotProfile> taken = new ArrayList<>(count);
    if (settings.dynamicSlot()) {
      for (int i = 0; i < count; i++) {
        int id = nextDynamicId++;
        owners.put(id, job);
        taken.add(slot(id, job));
      }
    } else {
      for (Integer id : fixed.keySet()) {
        if (taken.size() == count) {
          break;
        }
        if (!owners.containsKey(id)) {
          owners.put(id, job);
          taken.add(slot(id, job));
        }
      }
    }
    stateVersion++;
    return Optional.of(taken);
  }

  /** Frees the job's slots among {@code slotIds}; returns the ids that were the job's (and are free now). */
  List<Integer> free(JobId job, List<Integer> slotIds) {
    List<Integer> freed = new ArrayList<>();
    for (Integer id : slotIds) {
      if (owners.remove(id, job)) {
        freed.add(id);
      }
    }
    if (!freed.isEmpty()) {
      stateVersion++;
    }
    return freed;
  }

  /** Replaces every tag; job tag filters see the new ones from the next report on. */
  void updateTags(Map<String, String> newTags) {
    tags = Map.copyOf(newTags);
    stateVersion++;
  }

  WorkerProfile profile() {
    List<SlotProfile> assigned = new ArrayList<>();
    for (Map.Entry<Integer, JobId> e : owners.entrySet()) {
      assigned.add(slot(e.getKey(), e.getValue()));
    }
    List<SlotProfile> unassigned = new ArrayList<>();
    for (Integer id : fixed.keySet()) {
      if (!owners.containsKey(id)) {
        unassigned.add(slot(id, null));
      }
    }
    ResourceProfile used = perSlot.times(assigned.size());
    return new WorkerProfile(
        address, sequence, stateVersion, total, total.minus(used), assigned, unassigned,
        tags, settings.dynamicSlot());
  }

  private SlotProfile slot(int id, JobId owner) {
    return new SlotProfile(address, sequence, id, perSlot, owner, executor);
  }
}
