package io.atoll.protocol.execution;

import io.atoll.protocol.WireMessage;
import io.atoll.protocol.connector.SourceSplit;
import java.util.List;

/** What an enumerator sends to a reader task group. */
public sealed interface ReaderProtocol extends WireMessage, ReaderCommand {
  record AssignSplits(List<SourceSplit> splits) implements ReaderProtocol {
    public AssignSplits {
      splits = List.copyOf(splits);
    }
  }

  enum NoMoreSplits implements ReaderProtocol {
    INSTANCE
  }

  /**
   * Take part in checkpoint {@code checkpointId}. Relayed by the enumerator right after it took its
   * own snapshot, on the same path as its split assignments, so every split assigned before the
   * enumerator's snapshot reaches the reader before this barrier and is in the reader's snapshot.
   */
  record CheckpointBarrier(long checkpointId) implements ReaderProtocol {}
}
