package io.atoll.runtime.connector;

import io.atoll.protocol.connector.JobContext;
import io.atoll.protocol.connector.ResourceScope;
import io.atoll.protocol.connector.WriterContext;
import java.util.List;

/**
 * Where a sink writer runs in a test; {@code restoredState} as if restored from a checkpoint,
 * {@code writerIndex} as the writer's place in its task, {@code resources} where it registers what it holds.
 */
public record TestingWriterContext(JobContext job, int subtaskIndex, int parallelism, List<String> restoredState,
    int writerIndex, ResourceScope resources) implements WriterContext {
  public TestingWriterContext(JobContext job, int subtaskIndex, int parallelism, List<String> restoredState) {
    this(job, subtaskIndex, parallelism, restoredState, 0, ResourceScope.UNTRACKED);
  }

  public TestingWriterContext(JobContext job, int subtaskIndex, int parallelism) {
    this(job, subtaskIndex, parallelism, List.of());
  }

  public TestingWriterContext withWriterIndex(int index) {
    return new TestingWriterContext(job, subtaskIndex, parallelism, restoredState, index, resources);
  }

  public TestingWriterContext withResources(ResourceScope scope) {
    return new TestingWriterContext(job, subtaskIndex, parallelism, restoredState, writerIndex, scope);
  }
}
