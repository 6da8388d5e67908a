package io.atoll.runtime.master.resource;

import akka.actor.NoSerializationVerificationNeeded;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.javadsl.TimerScheduler;
import akka.cluster.ClusterEvent;
import akka.cluster.typed.Cluster;
import akka.cluster.typed.Subscribe;
import io.atoll.protocol.resource.ClusterResources;
import io.atoll.protocol.resource.JobId;
import io.atoll.protocol.resource.ResourceManagerCommand;
import io.atoll.protocol.resource.ResourceManagerProtocol;
import io.atoll.protocol.resource.ResourceCounters;
import io.atoll.protocol.resource.ResourceManagerProtocol.GetClusterResources;
import io.atoll.protocol.resource.ResourceManagerProtocol.GetCounters;
import io.atoll.protocol.resource.ResourceManagerProtocol.GetSlotCapacity;
import io.atoll.protocol.resource.ResourceManagerProtocol.Heartbeat;
import io.atoll.protocol.resource.ResourceManagerProtocol.ReleaseSlots;
import io.atoll.protocol.resource.ResourceManagerProtocol.RequestSlots;
import io.atoll.protocol.resource.ResourceManagerProtocol.SlotsAssigned;
import io.atoll.protocol.resource.ResourceManagerProtocol.SlotsRefused;
import io.atoll.protocol.resource.ResourceManagerProtocol.UpdateWorkerTags;
import io.atoll.protocol.resource.SlotCapacity;
import io.atoll.protocol.resource.SlotProfile;
import io.atoll.protocol.resource.SlotReply;
import io.atoll.protocol.resource.SlotServiceProtocol;
import io.atoll.protocol.resource.SlotServiceProtocol.SlotServiceStatus;
import io.atoll.protocol.resource.TagsReply;
import io.atoll.protocol.resource.WorkerLost;
import io.atoll.protocol.resource.WorkerProfile;
import io.atoll.runtime.config.ResourceManagerSettings;
import io.atoll.runtime.resource.ResourceTrackers;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * The cluster's slot registry and allocator, run as a cluster singleton on master nodes.
 *
 * <p>Workers' SlotServices send it heartbeats through the singleton proxy; job masters ask it for
 * slots ({@link RequestSlots}, all or nothing, confirmed by each worker) and give them back
 * ({@link ReleaseSlots}); the HTTP API and the ClusterMonitor read {@link GetClusterResources} and
 * {@link GetCounters}; the JobCoordinator reads {@link GetSlotCapacity} to refuse jobs the cluster
 * can never hold and to admit queued jobs that fit. The HTTP API changes a worker's tags through {@link UpdateWorkerTags}: the
 * worker's SlotService takes them, then the registry, so the next request already sees them.
 *
 * <p>A worker silent for the heartbeat timeout, or removed from the cluster, is lost: its slots are
 * dropped and each owning job gets a {@link WorkerLost} notice. Silence is measured with one actor
 * timer per worker, restarted by every heartbeat.
 *
 * <p>It persists nothing. When its node crashes the singleton starts on another master node with an
 * empty registry, and within one heartbeat interval every worker has reported its slots and owners
 * again. Requests in flight at the crash get no answer; their senders retry on their own timeout.
 */
public final class ResourceManager extends AbstractBehavior<ResourceManagerCommand> {

  /** Messages to itself: timers and adapted replies. Local only, never on the wire. */
  private sealed interface Internal extends ResourceManagerCommand, NoSerializationVerificationNeeded {}

  private record WorkerSilent(String address, long sequence) implements Internal {}

  private record AllocationTimedOut(long requestId) implements Internal {}

  private record MemberGone(String address) implements Internal {}

  /** The node's tracker found the slot still assigned to its job when the job ended. */
  private record ReclaimAssignment(SlotProfile slot) implements Internal {}

  /** A heartbeat timeout since the start: every live worker has reported by now (or is lost). */
  private enum ViewComplete implements Internal {
    INSTANCE
  }

  /** A worker's answer (or none) to the tags of an {@link UpdateWorkerTags}. */
  private record TagsConfirmed(
      UpdateWorkerTags update, String address, long sequence, SlotServiceStatus status, Throwable failure)
      implements Internal {}

  private static final class Pending {
    final RequestSlots request;
    final Map<String, Integer> awaiting;
    final List<SlotProfile> granted = new ArrayList<>();

    Pending(RequestSlots request, Map<String, Integer> perWorker) {
      this.request = request;
      this.awaiting = new LinkedHashMap<>(perWorker);
    }
  }

  private final ResourceManagerSettings settings;
  private final SlotOwnerNotifier notifier;
  private final TimerScheduler<ResourceManagerCommand> timers;
  private final LongSupplier clock;
  private boolean viewComplete;
  private final WorkerRegistry registry = new WorkerRegistry();
  private final SlotAssignments assignments;
  private final Map<Long, Pending> pending = new HashMap<>();
  private long nextRequestId = 1;
  private long heartbeats;
  private long staleHeartbeats;
  private long slotRequestsGranted;
  private long slotRequestsRefused;
  private long workersLost;
  private long fencedCommands;

  /**
   * @param watchCluster subscribe to cluster membership so a removed member's worker is lost at once
   *     (off in single-ActorSystem tests that run without the cluster provider)
   */
  public static Behavior<ResourceManagerProtocol> create(
      ResourceManagerSettings settings, SlotOwnerNotifier notifier, boolean watchCluster) {
    return Behaviors.<ResourceManagerCommand>setup(
            context ->
                Behaviors.withTimers(
                    timers -> {
                      if (watchCluster) {
                        ActorRef<ClusterEvent.MemberRemoved> adapter =
                            context.messageAdapter(
                                ClusterEvent.MemberRemoved.class,
                                e -> new MemberGone(e.member().address().toString()));
                        Cluster.get(context.getSystem())
                            .subscriptions()
                            .tell(Subscribe.create(adapter, ClusterEvent.MemberRemoved.class));
                      }
                      context.getLog().info(
                          "resource manager started (heartbeat timeout {})", settings.heartbeatTimeout());
                      return new ResourceManager(
                          context, settings, notifier, timers, System::currentTimeMillis);
                    }))
        .narrow();
  }

  private ResourceManager(
      ActorContext<ResourceManagerCommand> context,
      ResourceManagerSettings settings,
      SlotOwnerNotifier notifier,
      TimerScheduler<ResourceManagerCommand> timers,
      LongSupplier clock) {
    super(context);
    this.settings = settings;
    this.notifier = notifier;
    this.timers = timers;
    this.clock = clock;
    ActorRef<ResourceManagerCommand> self = context.getSelf();
    this.assignments = new SlotAssignments(ResourceTrackers.get(context.getSystem()),
        slot -> self.tell(new ReclaimAssignment(slot)));
    timers.startSingleTimer(ViewComplete.INSTANCE, settings.heartbeatTimeout());
  }

  @Override
  public Receive<ResourceManagerCommand> createReceive() {
    return newReceiveBuilder()
        .onMessage(Heartbeat.class, this::onHeartbeat)
        .onMessage(RequestSlots.class, this::onRequestSlots)
        .onMessage(SlotsAssigned.class, this::onSlotsAssigned)
        .onMessage(SlotsRefused.class, this::onSlotsRefused)
        .onMessage(AllocationTimedOut.class, this::onAllocationTimedOut)
        .onMessage(ReleaseSlots.class, this::onReleaseSlots)
        .onMessage(GetClusterResources.class, this::onGetClusterResources)
        .onMessage(GetCounters.class, this::onGetCounters)
        .onMessage(GetSlotCapacity.class, this::onGetSlotCapacity)
        .onMessageEquals(ViewComplete.INSTANCE, this::onViewComplete)
        .onMessage(UpdateWorkerTags.class, this::onUpdateWorkerTags)
        .onMessage(TagsConfirmed.class, this::onTagsConfirmed)
        .onMessage(WorkerSilent.class, this::onWorkerSilent)
        .onMessage(MemberGone.class, this::onMemberGone)
        .onMessage(ReclaimAssignment.class, this::onReclaim)
        .build();
  }

  private Behavior<ResourceManagerCommand> onHeartbeat(Heartbeat heartbeat) {
    WorkerProfile profile = heartbeat.profile();
    List<WorkerProfile> previous = new ArrayList<>(1);
    WorkerRegistry.HeartbeatOutcome outcome =
        registry.onHeartbeat(profile, heartbeat.slotService(), clock.getAsLong(), previous);
    heartbeats++;
    fencedCommands += registry.recordFenced(profile.address(), heartbeat.fencedCommands());
    timers.startSingleTimer(
        profile.address(), new WorkerSilent(profile.address(), profile.sequence()), settings.heartbeatTimeout());
    switch (outcome) {
      case JOINED -> getContext().getLog().info(
          "worker {} registered: {} slots ({} free), tags {}",
          profile.address(), profile.totalSlots(), profile.unassignedSlots().size(), profile.tags());
      case RESTARTED -> {
        getContext().getLog().warn(
            "worker {} restarted (sequence {} -> {}); slots of its previous run are lost",
            profile.address(), previous.get(0).sequence(), profile.sequence());
        workerGone(previous.get(0), "worker restarted");
      }
      case STALE -> {
        staleHeartbeats++;
        getContext().getLog().debug(
            "stale heartbeat from {} ({} so far): slot state older than known", profile.address(), staleHeartbeats);
      }
      case UPDATED -> {}
    }
    sync(profile.address(), true);
    return this;
  }

  private Behavior<ResourceManagerCommand> onRequestSlots(RequestSlots request) {
    WorkerRegistry.Plan plan = registry.plan(request.count(), request.tagFilter());
    if (!plan.satisfied()) {
      String reason =
          request.count() <= 0
              ? "slot count must be positive, got " + request.count()
              : request.count() + " slot(s) requested, " + plan.free() + " free on "
                  + plan.candidates() + " live worker(s)"
                  + (request.tagFilter().isEmpty() ? "" : " matching tags " + request.tagFilter());
      getContext().getLog().info("job {}: not enough slots: {}", request.job(), reason);
      slotRequestsRefused++;
      request.replyTo().tell(
          new SlotReply.NotEnoughSlots(request.job(), request.count(), plan.free(), request.tagFilter(), reason));
      return this;
    }
    long requestId = nextRequestId++;
    registry.reserve(requestId, plan.perWorker());
    pending.put(requestId, new Pending(request, plan.perWorker()));
    ActorRef<ResourceManagerProtocol> self = getContext().getSelf().narrow();
    plan.perWorker().forEach((address, n) -> {
      WorkerRegistry.Worker w = registry.get(address).orElseThrow();
      w.slotService().tell(
          new SlotServiceProtocol.AssignSlots(requestId, w.profile().sequence(), request.job(), n, self));
    });
    timers.startSingleTimer(requestId, new AllocationTimedOut(requestId), settings.slotRequestTimeout());
    return this;
  }

  private Behavior<ResourceManagerCommand> onSlotsAssigned(SlotsAssigned assigned) {
    registry.unreserve(assigned.requestId(), assigned.worker());
    boolean tracked =
        registry.applyAssigned(assigned.worker(), assigned.sequence(), assigned.stateVersion(), assigned.slots());
    sync(assigned.worker(), false);
    Pending p = pending.get(assigned.requestId());
    if (p == null || !tracked) {
      // The request already failed (refusal, timeout, lost worker): give the late slots back.
      getContext().getLog().info(
          "freeing {} late-confirmed slot(s) on {} of request {}",
          assigned.slots().size(), assigned.worker(), assigned.requestId());
      freeOnWorker(assigned.worker(), assigned.sequence(), assigned.slots());
      return this;
    }
    p.awaiting.remove(assigned.worker());
    p.granted.addAll(assigned.slots());
    if (p.awaiting.isEmpty()) {
      pending.remove(assigned.requestId());
      timers.cancel(assigned.requestId());
      slotRequestsGranted++;
      getContext().getLog().info(
          "job {}: allocated {} slot(s) {}", p.request.job(), p.granted.size(), p.granted);
      p.request.replyTo().tell(new SlotReply.SlotsAllocated(p.request.job(), p.granted));
    }
    return this;
  }

  private Behavior<ResourceManagerCommand> onSlotsRefused(SlotsRefused refused) {
    registry.unreserve(refused.requestId(), refused.worker());
    failRequest(refused.requestId(), "worker " + refused.worker() + " refused: " + refused.reason());
    return this;
  }

  private Behavior<ResourceManagerCommand> onAllocationTimedOut(AllocationTimedOut timeout) {
    Pending p = pending.get(timeout.requestId());
    if (p != null) {
      failRequest(
          timeout.requestId(),
          "worker(s) " + p.awaiting.keySet() + " did not confirm within " + settings.slotRequestTimeout());
    }
    return this;
  }

  /** All or nothing: slots already granted to a failed request are freed again. */
  private void failRequest(long requestId, String reason) {
    Pending p = pending.remove(requestId);
    if (p == null) {
      return;
    }
    timers.cancel(requestId);
    p.awaiting.keySet().forEach(address -> registry.unreserve(requestId, address));
    p.granted.stream()
        .collect(Collectors.groupingBy(SlotProfile::worker))
        .forEach((address, slots) -> freeOnWorker(address, slots.get(0).sequence(), slots));
    getContext().getLog().warn("job {}: slot request failed: {}", p.request.job(), reason);
    slotRequestsRefused++;
    p.request.replyTo().tell(
        new SlotReply.NotEnoughSlots(p.request.job(), p.request.count(), 0, p.request.tagFilter(), reason));
  }

  private Behavior<ResourceManagerCommand> onReleaseSlots(ReleaseSlots release) {
    release.slots().stream()
        .collect(Collectors.groupingBy(SlotProfile::worker))
        .forEach((address, slots) -> {
          List<SlotProfile> owned = slots.stream().filter(s -> release.job().equals(s.owner())).toList();
          if (owned.size() < slots.size()) {
            getContext().getLog().warn(
                "job {} released {} slot(s) on {} it does not own; ignored",
                release.job(), slots.size() - owned.size(), address);
          }
          if (!owned.isEmpty()) {
            freeOnWorker(address, owned.get(0).sequence(), owned);
          }
        });
    return this;
  }

  private void freeOnWorker(String address, long sequence, List<SlotProfile> slots) {
    registry.get(address).ifPresentOrElse(
        w -> {
          if (w.profile().sequence() != sequence) {
            return; // that incarnation is gone, and its slots with it
          }
          JobId job = slots.get(0).owner();
          w.slotService().tell(
              new SlotServiceProtocol.FreeSlots(sequence, job, slots.stream().map(SlotProfile::slotId).toList()));
          registry.applyFreed(address, slots);
          assignments.freed(slots);
          sync(address, false);
        },
        () -> getContext().getLog().debug("slots {} of unknown worker {}: nothing to free", slots, address));
  }

  private Behavior<ResourceManagerCommand> onGetClusterResources(GetClusterResources query) {
    query.replyTo().tell(new ClusterResources(registry.snapshot(clock.getAsLong())));
    return this;
  }

  /**
   * Complete once it has run for a heartbeat timeout: by then every live worker has reported (or
   * has been lost), so a job too big for this view is too big for the cluster.
   */
  private Behavior<ResourceManagerCommand> onGetSlotCapacity(GetSlotCapacity query) {
    query.replyTo().tell(new SlotCapacity(
        registry.all().stream().map(WorkerRegistry.Worker::profile).toList(), viewComplete));
    return this;
  }

  private Behavior<ResourceManagerCommand> onViewComplete() {
    viewComplete = true;
    return this;
  }

  private Behavior<ResourceManagerCommand> onGetCounters(GetCounters query) {
    query.replyTo().tell(new ResourceCounters(
        heartbeats, staleHeartbeats, slotRequestsGranted, slotRequestsRefused, workersLost, fencedCommands));
    return this;
  }

  /** The worker takes the tags first; the registry records them from its confirmation. */
  private Behavior<ResourceManagerCommand> onUpdateWorkerTags(UpdateWorkerTags update) {
    Optional<WorkerRegistry.Worker> found = registry.find(update.worker());
    if (found.isEmpty()) {
      update.replyTo().tell(new TagsReply.TagsNotUpdated(true, "no live worker at " + update.worker()
          + "; GET /workers lists the live workers' addresses"));
      return this;
    }
    WorkerProfile profile = found.get().profile();
    getContext().ask(
        SlotServiceStatus.class,
        found.get().slotService(),
        settings.slotRequestTimeout(),
        replyTo -> new SlotServiceProtocol.UpdateTags(profile.sequence(), update.tags(), replyTo),
        (status, failure) -> new TagsConfirmed(update, profile.address(), profile.sequence(), status, failure));
    return this;
  }

  private Behavior<ResourceManagerCommand> onTagsConfirmed(TagsConfirmed confirmed) {
    ActorRef<TagsReply> replyTo = confirmed.update().replyTo();
    if (confirmed.failure() != null) {
      replyTo.tell(new TagsReply.TagsNotUpdated(false, "worker " + confirmed.address()
          + " did not confirm its new tags within " + settings.slotRequestTimeout() + "; it may be overloaded or "
          + "gone, check GET /workers and retry"));
      return this;
    }
    WorkerProfile reported = confirmed.status().profile();
    if (reported.sequence() != confirmed.sequence() || !reported.tags().equals(confirmed.update().tags())) {
      replyTo.tell(new TagsReply.TagsNotUpdated(false, "worker " + confirmed.address()
          + " restarted before it took the tags; its tags are " + reported.tags() + ", retry"));
      return this;
    }
    registry.applyReport(reported);
    getContext().getLog().info("worker {} now has tags {}", reported.address(), reported.tags());
    replyTo.tell(new TagsReply.TagsUpdated(reported));
    return this;
  }

  private Behavior<ResourceManagerCommand> onWorkerSilent(WorkerSilent silent) {
    registry.get(silent.address())
        .filter(w -> w.profile().sequence() == silent.sequence())
        .ifPresent(w -> loseWorker(silent.address(), "no heartbeat for " + settings.heartbeatTimeout()));
    return this;
  }

  private Behavior<ResourceManagerCommand> onMemberGone(MemberGone gone) {
    loseWorker(gone.address(), "removed from the cluster");
    return this;
  }

  private void loseWorker(String address, String reason) {
    registry.remove(address).ifPresent(profile -> {
      sync(address, true);
      timers.cancel(address);
      workersLost++;
      getContext().getLog().warn(
          "worker {} lost ({}): dropping {} slot(s), {} assigned", address, reason,
          profile.totalSlots(), profile.assignedSlots().size());
      workerGone(profile, reason);
      List<Long> affected = pending.entrySet().stream()
          .filter(e -> e.getValue().awaiting.containsKey(address))
          .map(Map.Entry::getKey)
          .toList();
      affected.forEach(id -> failRequest(id, "worker " + address + " lost: " + reason));
    });
  }

  /** The tracker's slot-assignment entries follow the registry's view of the worker. */
  private void sync(String address, boolean reported) {
    assignments.sync(address, registry.get(address).map(w -> w.profile().assignedSlots()).orElse(List.of()),
        reported);
  }

  /** A job ended still owning the slot: free it on its worker, as its release would have. */
  private Behavior<ResourceManagerCommand> onReclaim(ReclaimAssignment reclaim) {
    SlotProfile slot = reclaim.slot();
    if (registry.assigned(slot)) {
      getContext().getLog().warn("freeing slot {} on {}: job {} ended still owning it", slot.slotId(), slot.worker(),
          slot.owner());
      freeOnWorker(slot.worker(), slot.sequence(), List.of(slot));
    }
    return this;
  }

  /** Tells the owner of every slot an ended worker incarnation held. */
  private void workerGone(WorkerProfile profile, String reason) {
    profile.assignedSlots().stream()
        .collect(Collectors.groupingBy(SlotProfile::owner, LinkedHashMap::new, Collectors.toList()))
        .forEach((job, slots) -> notifier.workerLost(new WorkerLost(job, profile.address(), slots, reason)));
  }
}
