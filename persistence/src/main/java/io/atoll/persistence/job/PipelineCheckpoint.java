package io.atoll.persistence.job;

import io.atoll.protocol.WireMessage;
import io.atoll.protocol.execution.TaskSnapshot;
import java.util.Map;
import java.util.Objects;

/**
 * A completed checkpoint of one pipeline: what its enumerator had not assigned and what each
 * reader (by task group index, 1..parallelism) held and had prepared to commit. A reader missing
 * here had finished before the checkpoint began: it restores to {@link TaskSnapshot#DONE}.
 */
public record PipelineCheckpoint(long checkpointId, TaskSnapshot enumerator, Map<Integer, TaskSnapshot> readers)
    implements WireMessage {
  public PipelineCheckpoint {
    Objects.requireNonNull(enumerator, "enumerator");
    readers = Map.copyOf(readers);
  }

  /** What task group {@code index} restores from (0 = the enumerator). */
  public TaskSnapshot restoreOf(int index) {
    return index == 0 ? enumerator : readers.getOrDefault(index, TaskSnapshot.DONE);
  }
}
