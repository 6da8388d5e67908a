package io.atoll.runtime.worker.slot;

import akka.actor.NoSerializationVerificationNeeded;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import io.atoll.protocol.resource.ResourceManagerProtocol;
import io.atoll.protocol.resource.SlotProfile;
import io.atoll.protocol.resource.SlotServiceProtocol;
import io.atoll.protocol.resource.SlotServiceProtocol.AssignSlots;
import io.atoll.protocol.resource.SlotServiceProtocol.FreeSlots;
import io.atoll.protocol.resource.SlotServiceProtocol.GetStatus;
import io.atoll.protocol.resource.SlotServiceProtocol.UpdateTags;
import io.atoll.runtime.config.SlotServiceSettings;
import java.util.List;
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
 */
public final class SlotService extends AbstractBehavior<Object> {

  private enum Tick implements NoSerializationVerificationNeeded {
    INSTANCE
  }

  private final SlotTable slots;
  private final ActorRef<ResourceManagerProtocol> resourceManager;
  private long fencedCommands;

  public static Behavior<SlotServiceProtocol> create(
      SlotServiceSettings settings, String selfAddress, ActorRef<ResourceManagerProtocol> resourceManager) {
    return create(settings, selfAddress, resourceManager, newSequence());
  }

  /** With a given sequence id, for tests that need to know it. */
  public static Behavior<SlotServiceProtocol> create(
      SlotServiceSettings settings,
      String selfAddress,
      ActorRef<ResourceManagerProtocol> resourceManager,
      long sequence) {
    return Behaviors.<Object>setup(
            context ->
                Behaviors.withTimers(
                    timers -> {
                      timers.startTimerWithFixedDelay(Tick.INSTANCE, settings.heartbeatInterval());
                      SlotService service =
                          new SlotService(context, new SlotTable(selfAddress, sequence, settings), resourceManager);
                      context.getLog().info(
                          "slot service started: {} slots, sequence {}, heartbeat every {}",
                          settings.dynamicSlot() ? "dynamic" : Integer.toString(settings.slotNum()),
                          sequence, settings.heartbeatInterval());
                      service.sendHeartbeat();
                      return service;
                    }))
        .narrow();
  }

  /** Start time in the high bits so sequences grow across restarts; random low bits break ties. */
  static long newSequence() {
    return (System.currentTimeMillis() << 12) | ThreadLocalRandom.current().nextInt(1 << 12);
  }

  private SlotService(
      ActorContext<Object> context, SlotTable slots, ActorRef<ResourceManagerProtocol> resourceManager) {
    super(context);
    this.slots = slots;
    this.resourceManager = resourceManager;
  }

  @Override
  public Receive<Object> createReceive() {
    return newReceiveBuilder()
        .onMessageEquals(Tick.INSTANCE, this::onTick)
        .onMessage(AssignSlots.class, this::onAssign)
        .onMessage(FreeSlots.class, this::onFree)
        .onMessage(GetStatus.class, this::onGetStatus)
        .onMessage(UpdateTags.class, this::onUpdateTags)
        .build();
  }

  private Behavior<Object> onTick() {
    sendHeartbeat();
    return this;
  }

  private void sendHeartbeat() {
    resourceManager.tell(
        new ResourceManagerProtocol.Heartbeat(slots.profile(), getContext().getSelf().narrow(), fencedCommands));
  }

  private Behavior<Object> onAssign(AssignSlots assign) {
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
    assign.replyTo().tell(new ResourceManagerProtocol.SlotsAssigned(
        assign.requestId(), self, slots.sequence(), slots.profile().stateVersion(), taken.get()));
    return this;
  }

  private Behavior<Object> onFree(FreeSlots free) {
    if (fenced(free.sequence(), "free slots " + free.slotIds() + " of job " + free.job())) {
      return this;
    }
    List<Integer> notOwned = slots.free(free.job(), free.slotIds());
    if (!notOwned.isEmpty()) {
      getContext().getLog().warn(
          "job {} asked to free slots {} it does not own; left as they are", free.job(), notOwned);
    }
    getContext().getLog().info("freed slots {} of job {}", free.slotIds(), free.job());
    sendHeartbeat();
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
  private Behavior<Object> onUpdateTags(UpdateTags update) {
    if (!fenced(update.sequence(), "update tags to " + update.tags())) {
      getContext().getLog().info("tags changed from {} to {}", slots.profile().tags(), update.tags());
      slots.updateTags(update.tags());
    }
    update.replyTo().tell(new SlotServiceProtocol.SlotServiceStatus(slots.profile(), fencedCommands));
    return this;
  }

  private Behavior<Object> onGetStatus(GetStatus query) {
    query.replyTo().tell(new SlotServiceProtocol.SlotServiceStatus(slots.profile(), fencedCommands));
    return this;
  }
}
