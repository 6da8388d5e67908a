package io.atoll.runtime.http;

import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import io.atoll.protocol.resource.ClusterResources;
import io.atoll.protocol.resource.JobId;
import io.atoll.protocol.resource.ResourceCounters;
import io.atoll.protocol.resource.ResourceManagerProtocol;
import io.atoll.protocol.resource.ResourceProfile;
import io.atoll.protocol.resource.SlotProfile;
import io.atoll.protocol.resource.WorkerProfile;
import io.atoll.protocol.resource.WorkerStatus;
import java.util.List;
import java.util.Map;

/** A ResourceManager that answers {@code GetClusterResources} with a fixed cluster. */
final class TestingResourceManager {
  static final String WORKER_A = "akka://atoll@10.0.0.1:25520";
  static final String WORKER_B = "akka://atoll@10.0.0.2:25520";
  static final long HEARTBEAT_A = 1_700_000_000_000L; // 2023-11-14T22:13:20Z
  static final ResourceProfile SLOT = new ResourceProfile(1000, 512L * 1024 * 1024);

  /**
   * Worker A (zone=a, disk=ssd): slot 0 runs job 42, slot 1 free. Worker B (zone=b, dynamic
   * slots): two free slots. So 2 workers, 4 slots, 3 free.
   */
  static final ClusterResources TWO_WORKERS =
      new ClusterResources(
          List.of(
              // B first: /workers must sort by address.
              new WorkerStatus(
                  new WorkerProfile(
                      WORKER_B,
                      7,
                      1,
                      SLOT.times(2),
                      SLOT.times(2),
                      List.of(),
                      List.of(SlotProfile.free(WORKER_B, 7, 0, SLOT), SlotProfile.free(WORKER_B, 7, 1, SLOT)),
                      Map.of("zone", "b"),
                      true),
                  HEARTBEAT_A + 100,
                  150),
              new WorkerStatus(
                  new WorkerProfile(
                      WORKER_A,
                      1,
                      5,
                      SLOT.times(2),
                      SLOT,
                      List.of(SlotProfile.free(WORKER_A, 1, 0, SLOT).assignTo(JobId.of(42))),
                      List.of(SlotProfile.free(WORKER_A, 1, 1, SLOT)),
                      Map.of("zone", "a", "disk", "ssd"),
                      false),
                  HEARTBEAT_A,
                  250)));

  /** What {@link #answering} reports for {@code GetCounters}. */
  static final ResourceCounters COUNTERS = new ResourceCounters(120, 3, 9, 2, 1, 4);

  private TestingResourceManager() {}

  static Behavior<ResourceManagerProtocol> answering(ClusterResources resources) {
    return Behaviors.receive(ResourceManagerProtocol.class)
        .onMessage(
            ResourceManagerProtocol.GetClusterResources.class,
            get -> {
              get.replyTo().tell(resources);
              return Behaviors.same();
            })
        .onMessage(
            ResourceManagerProtocol.GetCounters.class,
            get -> {
              get.replyTo().tell(COUNTERS);
              return Behaviors.same();
            })
        .build();
  }
}
