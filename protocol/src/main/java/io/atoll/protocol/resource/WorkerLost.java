package io.atoll.protocol.resource;

import io.atoll.protocol.WireMessage;
import java.util.List;
import java.util.Objects;

/**
 * Sent by the ResourceManager to the owner of slots that disappeared with their worker (heartbeats
 * stopped, the member left the cluster, or the worker restarted under a new sequence id). The owning
 * job's master reacts by failing and restarting the affected pipeline.
 */
public record WorkerLost(JobId job, String worker, List<SlotProfile> lostSlots, String reason)
    implements WireMessage {
  public WorkerLost {
    Objects.requireNonNull(job, "job");
    Objects.requireNonNull(worker, "worker");
    lostSlots = List.copyOf(lostSlots);
  }
}
