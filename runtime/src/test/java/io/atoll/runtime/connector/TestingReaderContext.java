package io.atoll.runtime.connector;

import io.atoll.protocol.connector.JobContext;
import io.atoll.protocol.connector.ReaderContext;

/** Counts a reader's split requests and remembers whether (and how often) it said it was done. */
public final class TestingReaderContext implements ReaderContext {
  private final JobContext job;
  private final int subtask;
  private final int parallelism;
  private int pendingRequests;
  private int noMoreElementSignals;

  public TestingReaderContext(JobContext job, int subtask, int parallelism) {
    this.job = job;
    this.subtask = subtask;
    this.parallelism = parallelism;
  }

  @Override
  public JobContext job() {
    return job;
  }

  @Override
  public int subtaskIndex() {
    return subtask;
  }

  @Override
  public int parallelism() {
    return parallelism;
  }

  @Override
  public void sendSplitRequest() {
    pendingRequests++;
  }

  @Override
  public void signalNoMoreElement() {
    noMoreElementSignals++;
  }

  /** Takes one undelivered split request, if any. */
  public boolean takeRequest() {
    if (pendingRequests == 0) {
      return false;
    }
    pendingRequests--;
    return true;
  }

  public boolean finished() {
    return noMoreElementSignals > 0;
  }

  public int noMoreElementSignals() {
    return noMoreElementSignals;
  }
}
