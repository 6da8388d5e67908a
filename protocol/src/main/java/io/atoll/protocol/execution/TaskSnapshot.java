package io.atoll.protocol.execution;

import io.atoll.protocol.WireMessage;
import io.atoll.protocol.connector.SourceSplit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One task group's part of a checkpoint. For the enumerator: the splits not yet assigned. For a
 * reader: the splits it holds with their read offsets, the state of each of its sink writers (in
 * the pipeline's sink order), and whether its input had ended (a bounded reader waiting for its
 * final checkpoint).
 */
public record TaskSnapshot(List<SourceSplit> splits, List<List<String>> writerStates, boolean inputEnded)
    implements WireMessage {
  /** A reader with nothing left to read or commit: what a finished reader restores to. */
  public static final TaskSnapshot DONE = new TaskSnapshot(List.of(), List.of(), true);

  public TaskSnapshot {
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
