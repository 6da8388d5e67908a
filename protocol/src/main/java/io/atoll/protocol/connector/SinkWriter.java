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
 * {@link #abort()} runs instead when the task fails, {@link #cancel()} when it is cancelled; both
 * must undo what no checkpoint covers yet. {@link #close()} always runs last. A writer without transactions may
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

  /**
   * The task failed. Undo what no checkpoint covers, but keep what {@link #snapshotState} prepared:
   * its checkpoint may have completed although {@link #notifyCheckpointComplete} has not arrived
   * yet, and then a restored writer commits it.
   */
  default void abort() throws Exception {}

  /**
   * The task is cancelled (the job is cancelled, or its pipeline is stopped to be restored). Every
   * checkpoint that completed before the cancel was sent has been notified to this writer first
   * (the runtime delivers a task's notices and its cancel in order), so whatever it prepared and
   * was not told to commit belongs to no completed checkpoint: it may be deleted with the rest.
   * By default the same as {@link #abort()}.
   */
  default void cancel() throws Exception {
    abort();
  }

  @Override
  default void close() throws Exception {}
}
