package io.atoll.protocol.resource;

import io.atoll.protocol.WireMessage;
import java.util.List;
import java.util.Map;

/** The ResourceManager's answer to {@code RequestSlots}: all the slots asked for, or none. */
public sealed interface SlotReply extends WireMessage {
  JobId job();

  record SlotsAllocated(JobId job, List<SlotProfile> slots) implements SlotReply {
    public SlotsAllocated {
      slots = List.copyOf(slots);
    }
  }

  /**
   * Nothing was allocated. {@code free} is how many slots were free on the live workers matching the
   * tag filter when the request was decided; {@code reason} says why in words a user can act on.
   */
  record NotEnoughSlots(JobId job, int requested, int free, Map<String, String> tagFilter, String reason)
      implements SlotReply {
    public NotEnoughSlots {
      tagFilter = Map.copyOf(tagFilter);
    }
  }
}
