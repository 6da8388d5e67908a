package io.atoll.runtime.master.job;

import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import io.atoll.protocol.resource.ResourceManagerProtocol;
import io.atoll.protocol.resource.ResourceProfile;
import io.atoll.protocol.resource.SlotCapacity;
import io.atoll.protocol.resource.SlotProfile;
import io.atoll.protocol.resource.WorkerProfile;
import io.atoll.runtime.config.CoordinatorSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

/** What JobCoordinator tests share: settings, and a ResourceManager that answers a set capacity. */
final class JobCoordinatorTesting {
  private JobCoordinatorTesting() {}

  static final CoordinatorSettings SETTINGS = new CoordinatorSettings(Duration.ofSeconds(1), Duration.ofMinutes(3), 10,
      Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofSeconds(60), 3);

  /** A view of a ResourceManager that has not heard from every worker yet: every job is admitted in order. */
  static final SlotCapacity UNKNOWN = new SlotCapacity(List.of(), false);

  /** A ResourceManager answering capacity queries with whatever {@code capacity} holds at the time. */
  static Behavior<ResourceManagerProtocol> resources(AtomicReference<SlotCapacity> capacity) {
    return Behaviors.receive(ResourceManagerProtocol.class)
        .onMessage(ResourceManagerProtocol.GetSlotCapacity.class, query -> {
          query.replyTo().tell(capacity.get());
          return Behaviors.same();
        })
        .build();
  }

  static Behavior<ResourceManagerProtocol> resources(SlotCapacity capacity) {
    return resources(new AtomicReference<>(capacity));
  }

  /** A live worker with {@code total} fixed slots, {@code free} of them unassigned. */
  static WorkerProfile worker(String name, int total, int free) {
    ResourceProfile one = new ResourceProfile(1, 1);
    List<SlotProfile> slots = IntStream.range(0, total).mapToObj(i -> SlotProfile.free(name, 1, i, one)).toList();
    return new WorkerProfile(name, 1, 1, ResourceProfile.ZERO, ResourceProfile.ZERO,
        slots.subList(0, total - free), slots.subList(total - free, total), Map.of(), false);
  }
}
