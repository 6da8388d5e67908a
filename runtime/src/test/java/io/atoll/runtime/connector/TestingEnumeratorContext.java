package io.atoll.runtime.connector;

import io.atoll.protocol.connector.EnumeratorContext;
import io.atoll.protocol.connector.JobContext;
import io.atoll.protocol.connector.SourceSplit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Records what an enumerator tells its readers, per reader and in order, for the harness to deliver
 * the way the runtime will: an assignment is a list of splits, "no more splits" is an empty marker.
 */
public final class TestingEnumeratorContext implements EnumeratorContext {
  /** One message to a reader: splits, or (when {@code noMoreSplits}) the end of them. */
  public record Event(List<SourceSplit> splits, boolean noMoreSplits) {}

  private final JobContext job;
  private final int parallelism;
  private final List<Deque<Event>> events = new ArrayList<>();
  private final List<List<String>> assigned = new ArrayList<>();

  public TestingEnumeratorContext(JobContext job, int parallelism) {
    this.job = job;
    this.parallelism = parallelism;
    for (int i = 0; i < parallelism; i++) {
      events.add(new ArrayDeque<>());
      assigned.add(new ArrayList<>());
    }
  }

  @Override
  public JobContext job() {
    return job;
  }

  @Override
  public int parallelism() {
    return parallelism;
  }

  @Override
  public void assignSplits(int subtask, List<SourceSplit> splits) {
    events.get(subtask).add(new Event(List.copyOf(splits), false));
    splits.forEach(s -> assigned.get(subtask).add(s.splitId()));
  }

  @Override
  public void signalNoMoreSplits(int subtask) {
    events.get(subtask).add(new Event(List.of(), true));
  }

  /** The next undelivered message to a reader, or null. */
  public Event poll(int subtask) {
    return events.get(subtask).poll();
  }

  /** Ids of every split ever assigned to a reader, in order. */
  public List<String> assigned(int subtask) {
    return List.copyOf(assigned.get(subtask));
  }
}
