package io.atoll.protocol.execution;

import io.atoll.protocol.WireMessage;
import io.atoll.protocol.connector.SourceSplit;
import java.util.List;

/** What an enumerator sends to a reader task group. */
public sealed interface ReaderProtocol extends WireMessage {
  record AssignSplits(List<SourceSplit> splits) implements ReaderProtocol {
    public AssignSplits {
      splits = List.copyOf(splits);
    }
  }

  enum NoMoreSplits implements ReaderProtocol {
    INSTANCE
  }
}
