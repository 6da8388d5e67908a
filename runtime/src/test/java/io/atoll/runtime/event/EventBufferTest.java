package io.atoll.runtime.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.atoll.protocol.event.EventType;
import io.atoll.protocol.event.JobEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventBufferTest {

  private static JobEvent event(String id) {
    return JobEvent.job(EventType.JOB_SUBMITTED, 1, null).stamped(id, 1);
  }

  @Test
  void aFullBufferShedsAndCountsWhatItCannotKeep() {
    EventCounters counters = new EventCounters();
    EventBuffer buffer = new EventBuffer(3, counters);
    int admitted = 0;
    for (int i = 0; i < 5; i++) {
      if (buffer.admit()) {
        buffer.add(event("e" + i));
        admitted++;
      }
    }
    assertEquals(3, admitted);
    assertEquals(3, counters.buffered());
    assertEquals(2, counters.shed());
    assertEquals(3, buffer.held());
  }

  @Test
  void takingForDeliveryFreesRoomInOrder() {
    EventCounters counters = new EventCounters();
    EventBuffer buffer = new EventBuffer(2, counters);
    assertTrue(buffer.admit());
    buffer.add(event("a"));
    assertTrue(buffer.admit());
    buffer.add(event("b"));
    assertFalse(buffer.admit());
    assertEquals(List.of("a"), buffer.take(1).stream().map(JobEvent::eventId).toList());
    assertTrue(buffer.admit(), "one taken, one free");
    buffer.add(event("c"));
    assertEquals(List.of("b", "c"), buffer.take(10).stream().map(JobEvent::eventId).toList());
    assertEquals(0, buffer.held());
    assertEquals(3, counters.forwarded());
    assertEquals(1, counters.shed());
  }
}
