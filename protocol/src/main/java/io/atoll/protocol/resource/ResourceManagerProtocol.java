package io.atoll.protocol.resource;

import akka.actor.typed.ActorRef;
import io.atoll.protocol.WireMessage;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Messages of the ResourceManager cluster singleton. Its mailbox type is
 * {@link ResourceManagerCommand}, which these extend.
 */
public sealed interface ResourceManagerProtocol extends ResourceManagerCommand, WireMessage {

  /**
   * A worker's periodic report, sent by its SlotService through the singleton proxy.
   *
   * @param fencedCommands how many commands this worker incarnation refused so far (it only grows):
   *     slot commands for a wrong sequence id and task commands its TaskExecutor fenced, so the master
   *     can count them without asking every worker
   */
  record Heartbeat(WorkerProfile profile, ActorRef<SlotServiceProtocol> slotService, long fencedCommands)
      implements ResourceManagerProtocol {
    public Heartbeat {
      Objects.requireNonNull(profile, "profile");
      Objects.requireNonNull(slotService, "slotService");
    }

    public Heartbeat(WorkerProfile profile, ActorRef<SlotServiceProtocol> slotService) {
      this(profile, slotService, 0);
    }
  }

  /**
   * Ask for {@code count} slots for a job on live workers whose tags match every key of
   * {@code tagFilter}. Answered with {@link SlotReply}: all of them, confirmed by their workers, or
   * none.
   */
  record RequestSlots(JobId job, int count, Map<String, String> tagFilter, ActorRef<SlotReply> replyTo)
      implements ResourceManagerProtocol {
    public RequestSlots {
      Objects.requireNonNull(job, "job");
      Objects.requireNonNull(replyTo, "replyTo");
      tagFilter = Map.copyOf(tagFilter);
    }
  }

  /** Give slots back; slots the job does not own are ignored (and logged). */
  record ReleaseSlots(JobId job, List<SlotProfile> slots) implements ResourceManagerProtocol {
    public ReleaseSlots {
      Objects.requireNonNull(job, "job");
      slots = List.copyOf(slots);
    }
  }

  /** Every live worker, answered with {@link ClusterResources}. */
  record GetClusterResources(ActorRef<ClusterResources> replyTo) implements ResourceManagerProtocol {}

  /**
   * Every live worker's slots, and whether the ResourceManager has run long enough to have heard
   * from all of them; answered with {@link SlotCapacity}. The JobCoordinator asks it to refuse a job
   * the cluster can never hold and to admit queued jobs that fit.
   */
  record GetSlotCapacity(ActorRef<SlotCapacity> replyTo) implements ResourceManagerProtocol {}

  /** The ResourceManager's counters since it started, answered with {@link ResourceCounters}. */
  record GetCounters(ActorRef<ResourceCounters> replyTo) implements ResourceManagerProtocol {}

  /**
   * Replace the tags of the live worker at {@code worker} (its full address, or {@code host:port}).
   * The worker's SlotService takes the tags first; the ResourceManager records them before it
   * answers with {@link TagsReply}, so the next slot request already honours them.
   */
  record UpdateWorkerTags(String worker, Map<String, String> tags, ActorRef<TagsReply> replyTo)
      implements ResourceManagerProtocol {
    public UpdateWorkerTags {
      Objects.requireNonNull(worker, "worker");
      Objects.requireNonNull(replyTo, "replyTo");
      tags = Map.copyOf(tags);
    }
  }

  /** A SlotService's confirmation of {@link SlotServiceProtocol.AssignSlots}. */
  record SlotsAssigned(long requestId, String worker, long sequence, long stateVersion, List<SlotProfile> slots)
      implements ResourceManagerProtocol {
    public SlotsAssigned {
      slots = List.copyOf(slots);
    }
  }

  /** A SlotService's refusal of {@link SlotServiceProtocol.AssignSlots}, with the reason. */
  record SlotsRefused(long requestId, String worker, String reason) implements ResourceManagerProtocol {}
}
