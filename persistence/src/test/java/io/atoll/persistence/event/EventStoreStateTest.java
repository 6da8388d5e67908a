package io.atoll.persistence.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.atoll.persistence.event.EventStoreEvent.EventsReported;
import io.atoll.persistence.event.EventStoreEvent.EventsStored;
import io.atoll.persistence.event.EventStoreEvent.ProducerForgotten;
import io.atoll.protocol.event.EventType;
import io.atoll.protocol.event.JobEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventStoreStateTest {

  private static JobEvent event(String id) {
    return JobEvent.job(EventType.JOB_SUBMITTED, 1, null).stamped(id, 1);
  }

  private static List<String> ids(EventStoreState state) {
    return state.pending().stream().map(JobEvent::eventId).toList();
  }

  @Test
  void storedEventsQueueInOrderAcrossProducers() {
    EventStoreState state = EventStoreState.EMPTY
        .apply(new EventsStored("a", 1, List.of(event("a1"), event("a2"))))
        .apply(new EventsStored("b", 1, List.of(event("b1"))))
        .apply(new EventsStored("a", 2, List.of(event("a3"))));
    assertEquals(List.of("a1", "a2", "b1", "a3"), ids(state));
    assertTrue(state.isStored("a", 2));
    assertFalse(state.isStored("a", 3));
  }

  @Test
  void aRedeliveredMessageIsNotStoredTwice() {
    EventStoreState once = EventStoreState.EMPTY.apply(new EventsStored("a", 5, List.of(event("a5"))));
    assertSame(once, once.apply(new EventsStored("a", 5, List.of(event("a5")))));
    assertSame(once, once.apply(new EventsStored("a", 4, List.of(event("a4")))));
    assertEquals(List.of("a5"), ids(once));
  }

  @Test
  void reportedEventsLeaveTheFrontAndAreCounted() {
    EventStoreState state = EventStoreState.EMPTY
        .apply(new EventsStored("a", 1, List.of(event("1"), event("2"), event("3"))))
        .apply(new EventsReported(2));
    assertEquals(List.of("3"), ids(state));
    assertEquals(2, state.reported());
    EventStoreState more = state.apply(new EventsReported(10)); // never more than are pending
    assertEquals(List.of(), ids(more));
    assertEquals(3, more.reported());
  }

  @Test
  void aForgottenProducerStartsAfresh() {
    EventStoreState state = EventStoreState.EMPTY
        .apply(new EventsStored("a", 3, List.of(event("x"))))
        .apply(new ProducerForgotten("a"));
    assertFalse(state.isStored("a", 1));
    assertEquals(List.of("x"), ids(state));
  }
}
