package io.atoll.protocol.resource;

import akka.actor.typed.ActorRef;
import io.atoll.protocol.WireMessage;
import io.atoll.protocol.execution.TaskExecutorProtocol;
import java.util.Objects;

/**
 * One slot of one worker incarnation. {@code sequence} is the worker's start sequence id: a slot of a
 * restarted worker is a different slot, even with the same number. {@code owner} is null while the
 * slot is free.
 *
 * <p>{@code executor} is the TaskExecutor of the worker incarnation that holds the slot, as that
 * worker handed it out: the only safe way to address it. The ref carries the actor's uid, so a
 * message for a dead incarnation goes to dead letters instead of reaching its restarted successor,
 * and it was made by a live actor, never resolved from a path before the actor existed (which Artery's
 * actor-ref compression can pin to an empty ref for good). Null only in slots built without a worker
 * (tests of bookkeeping).
 */
public record SlotProfile(
    String worker,
    long sequence,
    int slotId,
    ResourceProfile resource,
    JobId owner,
    ActorRef<TaskExecutorProtocol> executor)
    implements WireMessage {
  public SlotProfile {
    Objects.requireNonNull(worker, "worker");
    Objects.requireNonNull(resource, "resource");
    if (slotId < 0) {
      throw new IllegalArgumentException("slot id must not be negative, got " + slotId);
    }
  }

  /** A slot without its executor's ref, for code that only does bookkeeping. */
  public SlotProfile(String worker, long sequence, int slotId, ResourceProfile resource, JobId owner) {
    this(worker, sequence, slotId, resource, owner, null);
  }

  public static SlotProfile free(String worker, long sequence, int slotId, ResourceProfile resource) {
    return new SlotProfile(worker, sequence, slotId, resource, null, null);
  }

  public boolean assigned() {
    return owner != null;
  }

  public SlotProfile assignTo(JobId job) {
    return new SlotProfile(worker, sequence, slotId, resource, Objects.requireNonNull(job, "job"), executor);
  }

  public SlotProfile release() {
    return new SlotProfile(worker, sequence, slotId, resource, null, executor);
  }

  /** The same slot, addressed through {@code executor}. */
  public SlotProfile withExecutor(ActorRef<TaskExecutorProtocol> executor) {
    return new SlotProfile(worker, sequence, slotId, resource, owner, executor);
  }

  @Override
  public String toString() {
    return worker + "#" + slotId + (owner == null ? "" : "(job " + owner + ")");
  }
}
