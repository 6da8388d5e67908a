package io.atoll.protocol.connector;

import io.atoll.protocol.data.Row;
import java.util.List;

/**
 * Writes the rows of one subtask, with a two-phase commit tied to checkpoints:
 *
 * <ol>
 *   <li>{@link #write} rows;
 *   <li>at a checkpoint, {@link #snapshotState} makes everything written so far ready to commit
 *       (flushed, but not yet visible) and returns what a restored writer needs to finish that
 *       commit;
 *   <li>once the checkpoint is durable on the master, {@link #notifyCheckpointComplete} makes it
 *       visible. It must be idempotent: after a failure it may run again, or a restored writer
 *       may do it (see {@link WriterContext#restoredState()}).
 * </ol>
 *
 * {@link #finish()} runs once when a bounded input has ended, before the final checkpoint;
 * {@link #abort()} runs instead when the task fails or is cancelled and must undo what no
 * checkpoint covers yet. {@link #close()} always runs last. A writer without transactions may
 * ignore the checkpoint calls (its output is then at-least-once after a restore).
 */
public interface SinkWriter extends AutoCloseable {
  void write(Row row) throws Exception;

  /** Prepares the rows written so far for commit; returns what committing them needs (may be empty). */
  default List<String> snapshotState(long checkpointId) throws Exception {
    return List.of();
  }

  /** Checkpoint {@code checkpointId} is durable: commit everything prepared up to it. Idempotent. */
  default void notifyCheckpointComplete(long checkpointId) throws Exception {}

  default void finish() throws Exception {}

  default void abort() throws Exception {}

  @Override
  default void close() throws Exception {}
}
