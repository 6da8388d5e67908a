package io.atoll.runtime.event;

import io.atoll.runtime.http.MetricsWriter;

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
   * For {@code GET /metrics}: this node's forwarder (accepted, forwarded, shed, spilled, in spill) and, on the master
   * running the EventProcessor, the processor's (stored, discarded, posted, post failures).
   */
  public void writeTo(MetricsWriter w) {
    w.counter("atoll_events_buffered_total", "Events this node accepted for delivery", buffered());
    w.counter("atoll_events_forwarded_total", "Events this node handed to reliable delivery", forwarded());
    w.counter("atoll_events_shed_total",
        "Events this node refused because its buffer and spill were full, or lost from a corrupt spill (logged)", shed());
    w.counter("atoll_events_spilled_total", "Events this node wrote to its spill file while its buffer was full", spilled());
    w.gauge("atoll_events_in_spill", "Events waiting in this node's spill file", inSpill());
    w.counter("atoll_events_delivered_total", "Events the processor on this node journalled and confirmed", delivered());
    w.counter("atoll_events_discarded_total", "Events confirmed without storing: no event-report-http.url", discarded());
    w.counter("atoll_events_posted_total", "Events posted to the endpoint and answered 2xx", posted());
    w.counter("atoll_event_post_failures_total", "Event POSTs that failed or got a non-2xx answer", postFailures());
  }
}
