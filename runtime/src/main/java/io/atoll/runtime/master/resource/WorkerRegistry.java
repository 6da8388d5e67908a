package io.atoll.runtime.master.resource;

import akka.actor.typed.ActorRef;
import io.atoll.protocol.resource.ResourceProfile;
import io.atoll.protocol.resource.SlotProfile;
import io.atoll.protocol.resource.SlotServiceProtocol;
import io.atoll.protocol.resource.WorkerProfile;
import io.atoll.protocol.resource.WorkerStatus;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ResourceManager's view of the live workers, kept apart from the actor so the allocation rules
 * are plain code. Everything here is volatile: it is rebuilt from heartbeats after a failover.
 *
 * <p>Slots chosen for a request but not yet confirmed by their worker are held as reservations, so
 * two requests in flight never count the same free slot.
 */
final class WorkerRegistry {

  /** How a heartbeat changed the registry. */
  enum HeartbeatOutcome {
    /** A worker seen for the first time. */
    JOINED,
    /** A known worker's fresh report. */
    UPDATED,
    /** An older report of slot state than the one already known (it only proves liveness). */
    STALE,
    /** The address reports a new sequence id: the worker restarted and its old slots are gone. */
    RESTARTED
  }

  static final class Worker {
    private WorkerProfile profile;
    private ActorRef<SlotServiceProtocol> slotService;
    private long lastHeartbeatMillis;
    private long fencedReported;
    private final Map<Long, Integer> reservations = new HashMap<>();

    private Worker(WorkerProfile profile, ActorRef<SlotServiceProtocol> slotService, long now) {
      this.profile = profile;
      this.slotService = slotService;
      this.lastHeartbeatMillis = now;
    }

    WorkerProfile profile() {
      return profile;
    }

    ActorRef<SlotServiceProtocol> slotService() {
      return slotService;
    }

    int reserved() {
      return reservations.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Free slots not yet promised to a request in flight; unbounded for dynamic slots. */
    int available() {
      return profile.dynamicSlot()
          ? Integer.MAX_VALUE
          : Math.max(0, profile.unassignedSlots().size() - reserved());
    }

    int load() {
      return profile.assignedSlots().size() + reserved();
    }
  }

  /** The result of planning a request: slots per worker address, or how many were free. */
  record Plan(Map<String, Integer> perWorker, int free, int candidates) {
    boolean satisfied() {
      return !perWorker.isEmpty();
    }
  }

  private final Map<String, Worker> workers = new LinkedHashMap<>();

  /**
   * Applies a heartbeat. On {@link HeartbeatOutcome#RESTARTED} the previous incarnation's profile is
   * returned through {@code previous} so its slot owners can be told.
   */
  HeartbeatOutcome onHeartbeat(
      WorkerProfile profile,
      ActorRef<SlotServiceProtocol> slotService,
      long now,
      List<WorkerProfile> previous) {
    Worker known = workers.get(profile.address());
    if (known == null) {
      workers.put(profile.address(), new Worker(profile, slotService, now));
      return HeartbeatOutcome.JOINED;
    }
    known.lastHeartbeatMillis = now;
    if (known.profile.sequence() != profile.sequence()) {
      previous.add(known.profile);
      known.profile = profile;
      known.slotService = slotService;
      known.reservations.clear();
      known.fencedReported = 0;
      return HeartbeatOutcome.RESTARTED;
    }
    if (profile.stateVersion() < known.profile.stateVersion()) {
      return HeartbeatOutcome.STALE;
    }
    known.profile = profile;
    known.slotService = slotService;
    return HeartbeatOutcome.UPDATED;
  }

  Optional<Worker> get(String address) {
    return Optional.ofNullable(workers.get(address));
  }

  /**
   * The worker at a full address ({@code akka://atoll@10.0.0.1:25520}) or at {@code host:port}
   * ({@code 10.0.0.1:25520}), as an operator types it.
   */
  Optional<Worker> find(String address) {
    Worker exact = workers.get(address);
    if (exact != null) {
      return Optional.of(exact);
    }
    return workers.values().stream().filter(w -> w.profile.address().endsWith("@" + address)).findFirst();
  }

  /**
   * Takes a worker's count of fenced commands from a heartbeat; returns how much it grew since the
   * last report of this incarnation (reports may arrive out of order, so it never shrinks).
   */
  long recordFenced(String address, long reported) {
    Worker w = workers.get(address);
    if (w == null || reported <= w.fencedReported) {
      return 0;
    }
    long grown = reported - w.fencedReported;
    w.fencedReported = reported;
    return grown;
  }

  /**
   * A worker's own report outside a heartbeat (e.g. after it took new tags): kept unless the
   * incarnation is unknown or a newer report is already known.
   */
  boolean applyReport(WorkerProfile profile) {
    Worker w = workers.get(profile.address());
    if (w == null || w.profile.sequence() != profile.sequence() || profile.stateVersion() < w.profile.stateVersion()) {
      return false;
    }
    w.profile = profile;
    return true;
  }

  Optional<WorkerProfile> remove(String address) {
    return Optional.ofNullable(workers.remove(address)).map(w -> w.profile);
  }

  Collection<Worker> all() {
    return workers.values();
  }

  /**
   * Spreads {@code count} slots over the live workers matching the filter, one slot at a time to
   * the least-loaded worker (fewest assigned + reserved slots; ties go to the one with more free
   * slots, then by address), so a job's task groups land on as many workers as possible.
   */
  Plan plan(int count, Map<String, String> tagFilter) {
    List<Worker> candidates =
        workers.values().stream().filter(w -> w.profile.matches(tagFilter)).toList();
    long free = candidates.stream().mapToLong(Worker::available).sum();
    int freeShown = (int) Math.min(Integer.MAX_VALUE, free);
    if (count <= 0 || free < count) {
      return new Plan(Map.of(), freeShown, candidates.size());
    }
    Map<String, Integer> taken = new LinkedHashMap<>();
    Comparator<Worker> leastLoaded =
        Comparator.<Worker>comparingInt(w -> w.load() + taken.getOrDefault(w.profile.address(), 0))
            .thenComparing(
                w -> -(long) (w.available() - taken.getOrDefault(w.profile.address(), 0)))
            .thenComparing(w -> w.profile.address());
    for (int i = 0; i < count; i++) {
      Worker next =
          candidates.stream()
              .filter(w -> w.available() > taken.getOrDefault(w.profile.address(), 0))
              .min(leastLoaded)
              .orElseThrow();
      taken.merge(next.profile.address(), 1, Integer::sum);
    }
    return new Plan(taken, freeShown, candidates.size());
  }

  void reserve(long requestId, Map<String, Integer> perWorker) {
    perWorker.forEach((address, n) -> workers.get(address).reservations.put(requestId, n));
  }

  void unreserve(long requestId, String address) {
    Worker w = workers.get(address);
    if (w != null) {
      w.reservations.remove(requestId);
    }
  }

  /**
   * Records slots a worker confirmed, unless the confirmation is older than what is known. Returns
   * false when the worker or incarnation is unknown, i.e. the slots belong to nobody we track.
   */
  boolean applyAssigned(String address, long sequence, long stateVersion, List<SlotProfile> slots) {
    Worker w = workers.get(address);
    if (w == null || w.profile.sequence() != sequence) {
      return false;
    }
    if (stateVersion <= w.profile.stateVersion()) {
      return true; // a heartbeat already carried this (or a later) state
    }
    List<SlotProfile> assigned = new ArrayList<>(w.profile.assignedSlots());
    List<SlotProfile> unassigned = new ArrayList<>(w.profile.unassignedSlots());
    for (SlotProfile s : slots) {
      unassigned.removeIf(u -> u.slotId() == s.slotId());
      assigned.removeIf(a -> a.slotId() == s.slotId());
      assigned.add(s);
    }
    w.profile = withSlots(w.profile, stateVersion, assigned, unassigned);
    return true;
  }

  /** Whether the slot is assigned to its owner in this registry now (its worker incarnation still known). */
  boolean assigned(SlotProfile slot) {
    Worker w = workers.get(slot.worker());
    return w != null && w.profile.sequence() == slot.sequence() && w.profile.assignedSlots().stream()
        .anyMatch(s -> s.slotId() == slot.slotId() && slot.owner().equals(s.owner()));
  }

  /** Marks slots free at once; the worker's next heartbeat confirms it. */
  void applyFreed(String address, List<SlotProfile> slots) {
    Worker w = workers.get(address);
    if (w == null) {
      return;
    }
    List<SlotProfile> assigned = new ArrayList<>(w.profile.assignedSlots());
    List<SlotProfile> unassigned = new ArrayList<>(w.profile.unassignedSlots());
    for (SlotProfile s : slots) {
      if (assigned.removeIf(a -> a.slotId() == s.slotId()) && !w.profile.dynamicSlot()) {
        unassigned.add(s.release());
      }
    }
    unassigned.sort(Comparator.comparingInt(SlotProfile::slotId));
    w.profile = withSlots(w.profile, w.profile.stateVersion(), assigned, unassigned);
  }

  List<WorkerStatus> snapshot(long now) {
    return workers.values().stream()
        .map(w -> new WorkerStatus(w.profile, w.lastHeartbeatMillis, Math.max(0, now - w.lastHeartbeatMillis)))
        .toList();
  }

  int size() {
    return workers.size();
  }

  private static WorkerProfile withSlots(
      WorkerProfile p, long stateVersion, List<SlotProfile> assigned, List<SlotProfile> unassigned) {
    var used = assigned.stream().map(SlotProfile::resource).reduce(ResourceProfile.ZERO, ResourceProfile::plus);
    return new WorkerProfile(
        p.address(), p.sequence(), stateVersion, p.total(), p.total().minus(used),
        assigned, unassigned, p.tags(), p.dynamicSlot());
  }
}
