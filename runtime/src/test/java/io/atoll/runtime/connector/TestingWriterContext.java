package io.atoll.runtime.connector;

import io.atoll.protocol.connector.JobContext;
import io.atoll.protocol.connector.WriterContext;
import java.util.List;

/** Where a sink writer runs in a test; {@code restoredState} as if restored from a checkpoint. */
public record TestingWriterContext(JobContext job, int subtaskIndex, int parallelism, List<String> restoredState)
    implements WriterContext {
  public TestingWriterContext(JobContext job, int subtaskIndex, int parallelism) {
    this(job, subtaskIndex, parallelism, List.of());
  }
}
