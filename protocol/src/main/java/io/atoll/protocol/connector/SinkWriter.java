package io.atoll.protocol.connector;

import io.atoll.protocol.data.Row;

/**
 * Writes the rows of one subtask. {@link #finish()} runs once when a bounded input has ended and
 * must make everything written durable and visible (a transactional writer commits here) or throw;
 * {@link #abort()} runs instead when the task fails or is cancelled and must undo what is not
 * committed. {@link #close()} always runs last.
 */
public interface SinkWriter extends AutoCloseable {
  void write(Row row) throws Exception;

  default void finish() throws Exception {}

  default void abort() throws Exception {}

  @Override
  default void close() throws Exception {}
}
