package io.atoll.runtime.event;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.atoll.runtime.http.MetricsWriter;
import org.junit.jupiter.api.Test;

/** What {@code GET /metrics} shows of the event pipeline. */
class EventCountersTest {
  @Test
  void theCountersAppearInPrometheusFormat() {
    EventCounters counters = new EventCounters();
    counters.shed.add(3);
    counters.spilled.add(7);
    counters.inSpill.set(5);
    counters.addPosted(40);
    counters.addPostFailure();
    MetricsWriter w = new MetricsWriter();
    counters.writeTo(w);
    String text = w.text();
    assertTrue(text.contains("# TYPE atoll_events_shed_total counter\natoll_events_shed_total 3\n"), text);
    assertTrue(text.contains("atoll_events_posted_total 40\n"), text);
    assertTrue(text.contains("# TYPE atoll_events_spilled_total counter\natoll_events_spilled_total 7\n"), text);
    assertTrue(text.contains("# TYPE atoll_events_in_spill gauge\natoll_events_in_spill 5"), text);
    assertTrue(text.contains("atoll_event_post_failures_total 1\n"), text);
    assertTrue(text.contains("# TYPE atoll_events_buffered_total counter\natoll_events_buffered_total 0\n"), text);
  }
}
