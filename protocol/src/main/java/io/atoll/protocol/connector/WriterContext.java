package io.atoll.protocol.connector;

/** Where a {@link SinkWriter} runs. */
public interface WriterContext {
  JobContext job();

  int subtaskIndex();

  int parallelism();
}
