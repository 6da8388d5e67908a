package io.atoll.protocol.execution;

import io.atoll.protocol.WireMessage;
import io.atoll.protocol.connector.SourceSplit;
import io.atoll.protocol.job.JobMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One task group's part of a checkpoint. For the enumerator: the splits not yet assigned. For a
 * reader: the splits it holds with their read offsets, the state of each of its sink writers (in
 * the pipeline's sink order), whether its input had ended (a bounded reader waiting for its final
 * checkpoint), and its row and byte counters at the snapshot — a restored reader counts on from
 * them, so rows read again after a restore are not counted twice.
 */
public record TaskSnapshot(List<SourceSplit> splits, List<List<String>> writerStates, boolean inputEnded,
    JobMetrics metrics)
    implements WireMessage {
  /** A reader with nothing left to read or commit and nothing counted. */
  public static final TaskSnapshot DONE = new TaskSnapshot(List.of(), List.of(), true);

  /** A snapshot with no counters (an enumerator's). */
  public TaskSnapshot(List<SourceSplit> splits, List<List<String>> writerStates, boolean inputEnded) {
    this(splits, writerStates, inputEnded, JobMetrics.ZERO);
  }

  public TaskSnapshot {
    Objects.requireNonNull(metrics, "metrics");
    splits = List.copyOf(splits);
    List<List<String>> copies = new ArrayList<>();
    for (List<String> state : writerStates) {
      copies.add(List.copyOf(Objects.requireNonNull(state, "writer state")));
    }
    writerStates = List.copyOf(copies);
  }

  /** The restored state of sink writer {@code sink} (0-based), empty if it had none. */
  public List<String> writerState(int sink) {
    return sink < writerStates.size() ? writerStates.get(sink) : List.of();
  }
}
