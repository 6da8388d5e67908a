package io.atoll.runtime.event;


import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The node's event counters, for the operator (the REST API's /metrics reads them). Forwarder side:
 * events {@code buffered} (accepted for delivery, including those replayed from a spill file a
 * previous run left), {@code spilled} (of those, written to the spill file because the in-memory
 * buffer was full), {@code forwarded} (handed to reliable delivery) and {@code shed} (refused
 * because buffer and spill were full, or lost from a corrupt spill file); the gauge
 * {@code inSpill} holds the events waiting in the spill now. Processor side, on the master running
 * the EventProcessor: events {@code delivered} (stored in the journal and acknowledged),
 * {@code discarded} (acknowledged without storing: no report URL), {@code posted} (accepted by the
 * endpoint) and {@code postFailures} (POSTs that failed and are retried). All are totals since the
 * node started.
 */
public final class EventCounters {
  final LongAdder buffered = new LongAdder();
  final LongAdder forwarded = new LongAdder();
  final LongAdder shed = new LongAdder();
  final LongAdder spilled = new LongAdder();
  final AtomicLong inSpill = new AtomicLong();
  private final LongAdder delivered = new LongAdder();
  private final LongAdder discarded = new LongAdder();
  private final LongAdder posted = new LongAdder();
  private final LongAdder postFailures = new LongAdder();

  public long buffered() {
    return buffered.sum();
  }

  public long forwarded() {
    return forwarded.sum();
  }

  public long shed() {
    return shed.sum();
  }

  public long spilled() {
    return spilled.sum();
  }

  /** Events in the spill file now, not yet read back for delivery. */
  public long inSpill() {
    return inSpill.get();
  }

  public long delivered() {
    return delivered.sum();
  }

  public long discarded() {
    return discarded.sum();
  }

  public long posted() {
    return posted.sum();
  }

  public long postFailures() {
    return postFailures.sum();
  }

  public void addDelivered(int n) {
    delivered.add(n);
  }

  public void addDiscarded(int n) {
    discarded.add(n);
  }

  public void addPosted(int n) {
    posted.add(n);
  }

  public void addPostFailure() {
    postFailures.increment();
  }

  @Override
  public String toString() {
    return "buffered=" + buffered() + " forwarded=" + forwarded() + " shed=" + shed() + " spilled=" + spilled()
        + " inSpill=" + inSpill() + " delivered=" + delivered()
        + " discarded=" + discarded() + " posted=" + posted() + " postFailures=" + postFailures();
  }

  /**
   * Events accepted on this node and not yet posted (nor discarded for want of a URL). Meaningful
   * where the node also runs the EventProcessor, i.e. a single node such as {@code run}'s.
   */
  public long notYetPosted() {
    return buffered() - discarded() - posted();
  }

  /**
   * Every counter by its metric name (Prometheus: {@code atoll_events_<name>_total}, and the gauge
   * {@code atoll_events_in_spill}), in a fixed order; the node's NodeMonitor reports them so
   * {@code GET /metrics} shows every node's.
   */
  public Map<String, Long> asMap() {
    Map<String, Long> all = new LinkedHashMap<>();
    all.put("buffered", buffered());
    all.put("forwarded", forwarded());
    all.put("shed", shed());
    all.put("spilled", spilled());
    all.put("in_spill", inSpill()); // a gauge: events in the spill file now
    all.put("delivered", delivered());
    all.put("discarded", discarded());
    all.put("posted", posted());
    all.put("post_failures", postFailures());
    return all;
  }

}
