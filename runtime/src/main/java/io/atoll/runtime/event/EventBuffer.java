package io.atoll.runtime.event;

import io.atoll.protocol.event.JobEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The bounded buffer of a node's events before reliable delivery takes them: an in-memory queue of
 * at most {@code capacity} events and, behind it, an optional {@link EventSpill} on disk. Publishers
 * ({@link #add}, any thread) and the forwarder ({@link #take}) share one lock, so a single order
 * holds: an event goes to memory only while the spill is empty, otherwise to the spill, and the
 * forwarder moves spilled events into memory (oldest first) whenever it frees room — no event
 * overtakes an older one. What fits in neither is shed and counted. Invariant: the queue is empty
 * only when the spill is, so the forwarder needs waking only when the queue stops being empty.
 */
final class EventBuffer implements AutoCloseable {

  /** What became of a published event. */
  enum Admission {
    /** Queued in memory, and the queue was empty: the forwarder must be told. */
    QUEUED_FIRST,
    QUEUED,
    SPILLED,
    SHED
  }

  private final int capacity;
  private final EventCounters counters;
  private final EventSpill spill;
  private final ArrayDeque<JobEvent> queue = new ArrayDeque<>();

  /** A buffer without spill: a full queue sheds. */
  EventBuffer(int capacity, EventCounters counters) {
    this(capacity, counters, null);
  }

  /** @param spill where events go while the queue is full; null: nowhere, they are shed */
  EventBuffer(int capacity, EventCounters counters, EventSpill spill) {
    this.capacity = capacity;
    this.counters = counters;
    this.spill = spill;
    refill();
  }

  /**
   * Thread-safe: stamps the event (only if it is kept, so kept events have gapless, ordered
   * stamps) and queues or spills it; counts it as buffered (and spilled) or shed.
   */
  synchronized Admission add(JobEvent event, UnaryOperator<JobEvent> stamp) {
    boolean spilling = spill != null && !spill.isEmpty();
    if (!spilling && queue.size() < capacity) {
      queue.add(stamp.apply(event));
      counters.buffered.increment();
      return queue.size() == 1 ? Admission.QUEUED_FIRST : Admission.QUEUED;
    }
    if (spill != null && spill.append(stamp.apply(event))) {
      counters.buffered.increment();
      return Admission.SPILLED;
    }
    counters.shed.increment();
    return Admission.SHED;
  }

  /** Events accepted and not yet taken for delivery, in memory and spilled. */
  synchronized long held() {
    return queue.size() + (spill == null ? 0 : spill.size());
  }

  synchronized boolean isEmpty() {
    return queue.isEmpty();
  }

  /** Forwarder only: removes up to {@code max} events, oldest first, then refills from the spill. */
  synchronized List<JobEvent> take(int max) {
    List<JobEvent> batch = new ArrayList<>(Math.min(max, queue.size()));
    while (batch.size() < max && !queue.isEmpty()) {
      batch.add(queue.poll());
    }
    counters.forwarded.add(batch.size());
    refill();
    return batch;
  }

  /** Closes the spill; events still in it stay on disk for the node's next start. */
  @Override
  public synchronized void close() {
    if (spill != null) {
      spill.close();
    }
  }

  private void refill() {
    if (spill != null && queue.size() < capacity && !spill.isEmpty()) {
      queue.addAll(spill.read(capacity - queue.size()));
    }
  }
}
