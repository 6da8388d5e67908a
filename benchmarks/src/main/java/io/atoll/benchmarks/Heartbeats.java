package io.atoll.benchmarks;

import akka.actor.typed.ActorRef;
import io.atoll.protocol.resource.JobId;
import io.atoll.protocol.resource.ResourceManagerProtocol;
import io.atoll.protocol.resource.ResourceProfile;
import io.atoll.protocol.resource.SlotProfile;
import io.atoll.protocol.resource.SlotServiceProtocol;
import io.atoll.protocol.resource.WorkerProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Realistic heartbeats: a worker with {@code slots} slots, half of them owned by jobs. */
final class Heartbeats {
  private Heartbeats() {}

  static ResourceManagerProtocol.Heartbeat of(
      String address, long version, int slots, ActorRef<SlotServiceProtocol> slotService) {
    ResourceProfile perSlot = new ResourceProfile(250, 256L << 20);
    List<SlotProfile> assigned = new ArrayList<>();
    List<SlotProfile> free = new ArrayList<>();
    for (int i = 0; i < slots; i++) {
      SlotProfile slot = SlotProfile.free(address, 1_732_000_000_000L << 12, i, perSlot);
      if (i % 2 == 0) {
        assigned.add(slot.assignTo(JobId.of(1_000 + i)));
      } else {
        free.add(slot);
      }
    }
    WorkerProfile profile = new WorkerProfile(
        address, 1_732_000_000_000L << 12, version, perSlot.times(slots), perSlot.times(free.size()),
        assigned, free, Map.of("zone", "eu-1a", "disk", "ssd"), false);
    return new ResourceManagerProtocol.Heartbeat(profile, slotService);
  }
}
