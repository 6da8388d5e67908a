package io.atoll.protocol.connector;

import java.util.List;

/**
 * A pipeline that ended without finishing (its job FAILED, was CANCELED or stopped with a savepoint,
 * SAVEPOINT_DONE): none of its writers
 * will run again, so nothing will commit or discard what they prepared but were not told about.
 * Given to {@link SinkFactory#settleAfterEnd} once, on the master, after the job's end.
 *
 * @param status how the job ended: FAILED, CANCELED or SAVEPOINT_DONE (a restore of the job starts
 *     from that last completed checkpoint, so what it lists is committed and the rest discarded alike)
 * @param committedStates every {@link SinkWriter#snapshotState} of the pipeline's writers (all
 *     sinks, all subtasks) at its last completed checkpoint, empty when none completed: what they
 *     list belongs to a completed checkpoint and must be committed; anything else they prepared
 *     must be discarded. A sink picks out its own entries.
 */
public record SinkEnd(long jobId, int pipelineId, String status, List<String> committedStates) {
  public SinkEnd {
    committedStates = List.copyOf(committedStates);
  }
}
