package io.atoll.protocol.resource;

import akka.actor.typed.ActorRef;
import io.atoll.protocol.WireMessage;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Messages of a worker's SlotService. Every command from the ResourceManager carries the sequence id
 * of the worker incarnation it was meant for; a SlotService refuses (and counts) commands fenced with
 * any other sequence id, so a command aimed at a worker's previous life cannot touch its new slots.
 */
public sealed interface SlotServiceProtocol extends WireMessage, SlotServiceCommand {

  /**
   * Take {@code count} free slots (or, for a dynamic-slot worker, create them) for {@code job}.
   * Answered with {@link ResourceManagerProtocol.SlotsAssigned} or
   * {@link ResourceManagerProtocol.SlotsRefused}.
   */
  record AssignSlots(
      long requestId, long sequence, JobId job, int count, ActorRef<ResourceManagerProtocol> replyTo)
      implements SlotServiceProtocol {
    public AssignSlots {
      Objects.requireNonNull(job, "job");
      Objects.requireNonNull(replyTo, "replyTo");
      if (count <= 0) {
        throw new IllegalArgumentException("count must be positive, got " + count);
      }
    }
  }

  /** Free these slots of {@code job}; slots owned by another job are left alone. */
  record FreeSlots(long sequence, JobId job, List<Integer> slotIds) implements SlotServiceProtocol {
    public FreeSlots {
      Objects.requireNonNull(job, "job");
      slotIds = List.copyOf(slotIds);
    }
  }

  /**
   * Replace this worker's tags (all of them; an empty map clears them). Answered with the
   * {@link SlotServiceStatus} after the change, or before it when the command is fenced.
   */
  record UpdateTags(long sequence, Map<String, String> tags, ActorRef<SlotServiceStatus> replyTo)
      implements SlotServiceProtocol {
    public UpdateTags {
      Objects.requireNonNull(replyTo, "replyTo");
      tags = Map.copyOf(tags);
    }
  }

  /** This worker's current profile and counters, answered with {@link SlotServiceStatus}. */
  record GetStatus(ActorRef<SlotServiceStatus> replyTo) implements SlotServiceProtocol {}

  /**
   * Answer to {@link GetStatus}. {@code fencedCommands} counts the commands this worker incarnation
   * refused: slot commands fenced with a wrong sequence id, and task commands its TaskExecutor
   * refused (a deploy into a slot it does not hold for the job, a stale attempt, a command for a task
   * group that does not run here).
   */
  record SlotServiceStatus(WorkerProfile profile, long fencedCommands) implements WireMessage {}
}
