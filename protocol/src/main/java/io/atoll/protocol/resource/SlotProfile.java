package io.atoll.protocol.resource;

import io.atoll.protocol.WireMessage;
import java.util.Objects;

/**
 * One slot of one worker incarnation. {@code sequence} is the worker's start sequence id: a slot of a
 * restarted worker is a different slot, even with the same number. {@code owner} is null while the
 * slot is free.
 */
public record SlotProfile(String worker, long sequence, int slotId, ResourceProfile resource, JobId owner)
    implements WireMessage {
  public SlotProfile {
    Objects.requireNonNull(worker, "worker");
    Objects.requireNonNull(resource, "resource");
    if (slotId < 0) {
      throw new IllegalArgumentException("slot id must not be negative, got " + slotId);
    }
  }

  public static SlotProfile free(String worker, long sequence, int slotId, ResourceProfile resource) {
    return new SlotProfile(worker, sequence, slotId, resource, null);
  }

  public boolean assigned() {
    return owner != null;
  }

  public SlotProfile assignTo(JobId job) {
    return new SlotProfile(worker, sequence, slotId, resource, Objects.requireNonNull(job, "job"));
  }

  public SlotProfile release() {
    return new SlotProfile(worker, sequence, slotId, resource, null);
  }

  @Override
  public String toString() {
    return worker + "#" + slotId + (owner == null ? "" : "(job " + owner + ")");
  }
}
