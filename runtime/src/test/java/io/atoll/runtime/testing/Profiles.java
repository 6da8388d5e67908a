package io.atoll.runtime.testing;

import io.atoll.protocol.resource.JobId;
import io.atoll.protocol.resource.ResourceProfile;
import io.atoll.protocol.resource.SlotProfile;
import io.atoll.protocol.resource.WorkerProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds worker profiles for tests: {@code slots} fixed slots, the first ones owned as given. */
public final class Profiles {
  public static final ResourceProfile SLOT = new ResourceProfile(1000, 128L << 20);

  private Profiles() {}

  public static WorkerProfile worker(
      String address, long sequence, long version, int slots, Map<String, String> tags, JobId... owners) {
    List<SlotProfile> assigned = new ArrayList<>();
    List<SlotProfile> unassigned = new ArrayList<>();
    for (int i = 0; i < slots; i++) {
      SlotProfile s = SlotProfile.free(address, sequence, i, SLOT);
      if (i < owners.length) {
        assigned.add(s.assignTo(owners[i]));
      } else {
        unassigned.add(s);
      }
    }
    return new WorkerProfile(
        address, sequence, version, SLOT.times(slots), SLOT.times(slots - owners.length),
        assigned, unassigned, tags, false);
  }
}
