package io.atoll.runtime.worker.slot;

import akka.actor.NoSerializationVerificationNeeded;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.PostStop;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import io.atoll.protocol.execution.TaskExecutorCommand;
import io.atoll.protocol.resource.JobId;
import io.atoll.protocol.resource.ResourceManagerProtocol;
import io.atoll.protocol.resource.SlotProfile;
import io.atoll.protocol.resource.SlotServiceCommand;
import io.atoll.protocol.resource.SlotServiceProtocol;
import io.atoll.protocol.resource.SlotServiceProtocol.AssignSlots;
import io.atoll.protocol.resource.SlotServiceProtocol.FreeSlots;
import io.atoll.protocol.resource.SlotServiceProtocol.GetStatus;
import io.atoll.protocol.resource.SlotServiceProtocol.UpdateTags;
import io.atoll.runtime.config.SlotServiceSettings;
import io.atoll.runtime.resource.ResourceOwner;
import io.atoll.runtime.resource.ResourceTracker;
import io.atoll.runtime.resource.ResourceTrackers;
import io.atoll.runtime.worker.execution.TaskExecutor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Owns this worker node's slots and reports them to the ResourceManager.
 *
 * <p>On a timer it sends a heartbeat with its {@link io.atoll.protocol.resource.WorkerProfile} to the
 * ResourceManager singleton's proxy (which buffers while the singleton moves). The ResourceManager
 * answers with {@link AssignSlots} and {@link FreeSlots}; each carries the sequence id of the worker
 * incarnation it was meant for, and anything fenced with another sequence id is refused and
 * counted; the count travels in every heartbeat. {@link UpdateTags} replaces the worker's tags at
 * runtime (the configured ones come back at the next start).
 *
 * <p>The sequence id is new at every start, so when this node crashes and comes back the
 * ResourceManager sees a new incarnation, drops the old slots and tells their owners.
 *
 * <p>This node's TaskExecutor (spawned first) fences deploys by what this service granted: it hears
 * of every grant before the ResourceManager does, and of every free, and it reports how many task
 * commands it refused, which this service adds to the count in its heartbeats. Every slot handed out
 * carries the TaskExecutor's ref, the only way job masters address it.
 */
public final class SlotService extends AbstractBehavior<SlotServiceCommand> {

  /** Its own messages: the heartbeat tick and the TaskExecutor's adapted refusal count. */
  private sealed interface Private extends SlotServiceCommand, NoSerializationVerificationNeeded {}

  private enum Tick implements Private {
    INSTANCE
  }

  private record TaskCommandsRefused(long total) implements Private {}

  /** The node's tracker found the slot still held by its job when the job ended: free it. */
  private record ReclaimSlot(JobId job, int slotId) implements Private {}

  private final SlotTable slots;
  private final ActorRef<ResourceManagerProtocol> resourceManager;
  private final ActorRef<TaskExecutor.Local> taskExecutor;
  private long fencedCommands;
  private long taskCommandsRefused;
  /** Each slot granted to a job, as the node's resource tracker holds it ("slot", owned by the job). */
  private final Map<Integer, ResourceTracker.Handle> tracked = new HashMap<>();

  public static Behavior<SlotServiceCommand> create(
      SlotServiceSettings settings,
      String selfAddress,
      ActorRef<ResourceManagerProtocol> resourceManager,
      ActorRef<TaskExecutorCommand> taskExecutor) {
    return create(settings, selfAddress, resourceManager, taskExecutor, newSequence());
  }

  /** With a given sequence id, for tests that need to know it. */
  public static Behavior<SlotServiceCommand> create(
      SlotServiceSettings settings,
      String selfAddress,
      ActorRef<ResourceManagerProtocol> resourceManager,
      ActorRef<TaskExecutorCommand> taskExecutor,
      long sequence) {
    return Behaviors.setup(
        context ->
            Behaviors.withTimers(
                timers -> {
                  timers.startTimerWithFixedDelay(Tick.INSTANCE, settings.heartbeatInterval());
                  SlotTable table = new SlotTable(selfAddress, sequence, settings, taskExecutor.narrow());
                  SlotService service = new SlotService(context, table, resourceManager, taskExecutor.narrow());
                  // Before the first heartbeat, so the TaskExecutor fences with this sequence before
                  // the ResourceManager can grant anything.
                  service.taskExecutor.tell(new TaskExecutor.SlotServiceStarted(selfAddress, sequence,
                      context.messageAdapter(TaskExecutor.CommandsRefused.class,
                          refused -> new TaskCommandsRefused(refused.total()))));
                  context.getLog().info(
                      "slot service started: {} slots, sequence {}, heartbeat every {}",
                      settings.dynamicSlot() ? "dynamic" : Integer.toString(settings.slotNum()),
                      sequence, settings.heartbeatInterval());
                  service.sendHeartbeat();
                  return service;
                }));
  }

  /** Start time in the high bits so sequences grow across restarts; random low bits break ties. */
  static long newSequence() {
    return (System.currentTimeMillis() << 12) | ThreadLocalRandom.current().nextInt(1 << 12);
  }

  private SlotService(
      ActorContext<SlotServiceCommand> context,
      SlotTable slots,
      ActorRef<ResourceManagerProtocol> resourceManager,
      ActorRef<TaskExecutor.Local> taskExecutor) {
    super(context);
    this.slots = slots;
    this.resourceManager = resourceManager;
    this.taskExecutor = taskExecutor;
  }

  @Override
  public Receive<SlotServiceCommand> createReceive() {
    return newReceiveBuilder()
        .onMessageEquals(Tick.INSTANCE, this::onTick)
        .onMessage(TaskCommandsRefused.class, this::onTaskCommandsRefused)
        .onMessage(ReclaimSlot.class, this::onReclaim)
        .onMessage(AssignSlots.class, this::onAssign)
        .onMessage(FreeSlots.class, this::onFree)
        .onMessage(GetStatus.class, this::onGetStatus)
        .onMessage(UpdateTags.class, this::onUpdateTags)
        .onSignal(PostStop.class, signal -> onPostStop())
        .build();
  }

  private Behavior<SlotServiceCommand> onTick() {
    sendHeartbeat();
    return this;
  }

  private void sendHeartbeat() {
    resourceManager.tell(
        new ResourceManagerProtocol.Heartbeat(slots.profile(), getContext().getSelf().narrow(), refusedCommands()));
  }

  /** Everything this incarnation refused: slot commands for another sequence, and task commands. */
  private long refusedCommands() {
    return fencedCommands + taskCommandsRefused;
  }

  private Behavior<SlotServiceCommand> onTaskCommandsRefused(TaskCommandsRefused refused) {
    taskCommandsRefused = Math.max(taskCommandsRefused, refused.total());
    return this;
  }

  private Behavior<SlotServiceCommand> onAssign(AssignSlots assign) {
    String self = slots.profile().address();
    if (fenced(assign.sequence(), "assign " + assign.count() + " slot(s) to job " + assign.job())) {
      assign.replyTo().tell(new ResourceManagerProtocol.SlotsRefused(
          assign.requestId(), self,
          "request fenced with sequence " + assign.sequence() + ", this worker runs sequence " + slots.sequence()));
      return this;
    }
    Optional<List<SlotProfile>> taken = slots.assign(assign.job(), assign.count());
    if (taken.isEmpty()) {
      assign.replyTo().tell(new ResourceManagerProtocol.SlotsRefused(
          assign.requestId(), self, assign.count() + " slot(s) asked, " + slots.free() + " free"));
      return this;
    }
    getContext().getLog().info("assigned slots {} to job {}", taken.get(), assign.job());
    taken.get().forEach(slot -> track(assign.job(), slot.slotId()));
    // First to the TaskExecutor: a deploy into these slots can only follow the reply below.
    taskExecutor.tell(new TaskExecutor.SlotsGranted(
        slots.sequence(), assign.job(), taken.get().stream().map(SlotProfile::slotId).toList()));
    assign.replyTo().tell(new ResourceManagerProtocol.SlotsAssigned(
        assign.requestId(), self, slots.sequence(), slots.profile().stateVersion(), taken.get()));
    return this;
  }

  private Behavior<SlotServiceCommand> onFree(FreeSlots free) {
    if (fenced(free.sequence(), "free slots " + free.slotIds() + " of job " + free.job())) {
      return this;
    }
    List<Integer> freed = slots.free(free.job(), free.slotIds());
    untrack(freed);
    if (freed.size() < free.slotIds().size()) {
      List<Integer> notOwned = free.slotIds().stream().filter(id -> !freed.contains(id)).toList();
      getContext().getLog().warn(
          "job {} asked to free slots {} it does not own; left as they are", free.job(), notOwned);
    }
    getContext().getLog().info("freed slots {} of job {}", freed, free.job());
    if (!freed.isEmpty()) {
      // A task group still running in a freed slot is cancelled there.
      taskExecutor.tell(new TaskExecutor.SlotsFreed(slots.sequence(), free.job(), freed));
    }
    sendHeartbeat();
    return this;
  }

  /**
   * Registers the slot with the node's tracker under its job. If the job ends on this node still
   * holding it, the tracker reclaims it through this actor (it may call from any thread).
   */
  private void track(JobId job, int slotId) {
    ActorRef<SlotServiceCommand> self = getContext().getSelf();
    ResourceTracker.Handle handle = ResourceTrackers.get(getContext().getSystem()).acquire("slot",
        ResourceOwner.job(job.value()), "slot #" + slotId + " of worker " + slots.address() + " (sequence "
            + slots.sequence() + ")", 0, () -> self.tell(new ReclaimSlot(job, slotId)));
    ResourceTracker.Handle earlier = tracked.put(slotId, handle);
    if (earlier != null) {
      earlier.release(); // cannot happen: a slot is assigned only when free; keeps the tracker exact if it did
    }
  }

  private void untrack(List<Integer> freed) {
    for (Integer id : freed) {
      ResourceTracker.Handle handle = tracked.remove(id);
      if (handle != null) {
        handle.release();
      }
    }
  }

  /** Frees a slot its ended job still held, as a FreeSlots from the ResourceManager would. */
  private Behavior<SlotServiceCommand> onReclaim(ReclaimSlot reclaim) {
    List<Integer> freed = slots.free(reclaim.job(), List.of(reclaim.slotId()));
    if (freed.isEmpty()) {
      return this; // freed meanwhile
    }
    tracked.remove(reclaim.slotId()); // the tracker dropped the entry when it reported the leak
    getContext().getLog().warn("freed slot {} of job {}: the job ended on this node still holding it",
        reclaim.slotId(), reclaim.job());
    taskExecutor.tell(new TaskExecutor.SlotsFreed(slots.sequence(), reclaim.job(), freed));
    sendHeartbeat();
    return this;
  }

  /** This incarnation's slots end with it: the ResourceManager drops them when it sees the next one. */
  private Behavior<SlotServiceCommand> onPostStop() {
    untrack(List.copyOf(tracked.keySet()));
    return this;
  }

  private boolean fenced(long sequence, String what) {
    if (sequence == slots.sequence()) {
      return false;
    }
    fencedCommands++;
    getContext().getLog().warn(
        "refused to {}: fenced with sequence {}, this worker runs {} ({} refused so far)",
        what, sequence, slots.sequence(), fencedCommands);
    return true;
  }

  /** Tags change at runtime (REST {@code POST /update-tags}); they last until this node restarts. */
  private Behavior<SlotServiceCommand> onUpdateTags(UpdateTags update) {
    if (!fenced(update.sequence(), "update tags to " + update.tags())) {
      getContext().getLog().info("tags changed from {} to {}", slots.profile().tags(), update.tags());
      slots.updateTags(update.tags());
    }
    update.replyTo().tell(new SlotServiceProtocol.SlotServiceStatus(slots.profile(), refusedCommands()));
    return this;
  }

  private Behavior<SlotServiceCommand> onGetStatus(GetStatus query) {
    query.replyTo().tell(new SlotServiceProtocol.SlotServiceStatus(slots.profile(), refusedCommands()));
    return this;
  }
}
