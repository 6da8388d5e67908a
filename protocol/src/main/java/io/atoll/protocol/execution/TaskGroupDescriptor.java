package io.atoll.protocol.execution;

import akka.actor.typed.ActorRef;
import io.atoll.protocol.WireMessage;
import io.atoll.protocol.job.PluginDefinition;
import io.atoll.protocol.resource.SlotProfile;
import java.util.List;
import java.util.Objects;

/**
 * Everything a worker needs to run one task group: which plugins, where it sits in the pipeline,
 * and (for readers) the enumerator to ask for splits.
 *
 * @param enumerator null for the enumerator itself
 * @param readLimitRowsPerSecond 0 = unlimited
 * @param restore the task group's part of the checkpoint the pipeline is restored from; null on a
 *     fresh start (no checkpoint completed yet)
 */
public record TaskGroupDescriptor(
    TaskGroupId id,
    String jobName,
    boolean streaming,
    int parallelism,
    PluginDefinition source,
    List<PluginDefinition> transforms,
    List<PluginDefinition> sinks,
    long readLimitRowsPerSecond,
    SlotProfile slot,
    ActorRef<SplitProtocol> enumerator,
    TaskSnapshot restore)
    implements WireMessage {
  public TaskGroupDescriptor {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(slot, "slot");
    transforms = List.copyOf(transforms);
    sinks = List.copyOf(sinks);
  }

  public int subtask() {
    return id.index() - 1;
  }
}
