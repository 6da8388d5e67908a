package io.atoll.runtime.event;

import io.atoll.protocol.event.JobEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bounded buffer of a node's events before reliable delivery takes them. Admission is counted
 * at the publisher, on the caller's thread, so the bound holds for the forwarder's mailbox too:
 * {@link #admit} refuses (and counts as shed) an event that would exceed the capacity. The queue
 * itself ({@link #add}, {@link #take}) belongs to the forwarder actor.
 */
final class EventBuffer {
  private final int capacity;
  private final EventCounters counters;
  private final AtomicInteger held = new AtomicInteger();
  private final ArrayDeque<JobEvent> queue = new ArrayDeque<>();

  EventBuffer(int capacity, EventCounters counters) {
    this.capacity = capacity;
    this.counters = counters;
  }

  /** Thread-safe: reserves room for one event, or counts it as shed and answers false. */
  boolean admit() {
    if (held.incrementAndGet() > capacity) {
      held.decrementAndGet();
      counters.shed.increment();
      return false;
    }
    counters.buffered.increment();
    return true;
  }

  /** Events admitted and not yet taken for delivery (mailbox included). */
  int held() {
    return held.get();
  }

  /** Forwarder only: queues an admitted event. */
  void add(JobEvent event) {
    queue.add(event);
  }

  boolean isEmpty() {
    return queue.isEmpty();
  }

  /** Forwarder only: removes up to {@code max} events, oldest first, and frees their room. */
  List<JobEvent> take(int max) {
    List<JobEvent> batch = new ArrayList<>(Math.min(max, queue.size()));
    while (batch.size() < max && !queue.isEmpty()) {
      batch.add(queue.poll());
    }
    held.addAndGet(-batch.size());
    counters.forwarded.add(batch.size());
    return batch;
  }
}
