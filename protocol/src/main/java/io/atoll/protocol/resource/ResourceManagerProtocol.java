package io.atoll.protocol.resource;

import akka.actor.typed.ActorRef;
import io.atoll.protocol.WireMessage;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Messages of the ResourceManager cluster singleton. */
public sealed interface ResourceManagerProtocol extends WireMessage {

  /** A worker's periodic report, sent by its SlotService through the singleton proxy. */
  record Heartbeat(WorkerProfile profile, ActorRef<SlotServiceProtocol> slotService)
      implements ResourceManagerProtocol {
    public Heartbeat {
      Objects.requireNonNull(profile, "profile");
      Objects.requireNonNull(slotService, "slotService");
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
