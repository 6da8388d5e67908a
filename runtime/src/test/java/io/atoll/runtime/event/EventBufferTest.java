package io.atoll.runtime.event;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.atoll.protocol.event.EventType;
import io.atoll.protocol.event.JobEvent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventBufferTest {
  @TempDir Path tmp;

  private static JobEvent event(String id) {
    return JobEvent.job(EventType.JOB_SUBMITTED, 1, null).stamped(id, 1);
  }

  private static final UnaryOperator<JobEvent> AS_IS = UnaryOperator.identity();

  private static List<String> ids(List<JobEvent> events) {
    return events.stream().map(JobEvent::eventId).toList();
  }

  @Test
  void aFullBufferWithoutSpillShedsAndCountsWhatItCannotKeep() {
    EventCounters counters = new EventCounters();
    EventBuffer buffer = new EventBuffer(3, counters);
    List<EventBuffer.Admission> admissions = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      admissions.add(buffer.add(event("e" + i), AS_IS));
    }
    assertEquals(List.of(EventBuffer.Admission.QUEUED_FIRST, EventBuffer.Admission.QUEUED, EventBuffer.Admission.QUEUED,
        EventBuffer.Admission.SHED, EventBuffer.Admission.SHED), admissions);
    assertEquals(3, counters.buffered());
    assertEquals(2, counters.shed());
    assertEquals(3, buffer.held());
  }

  @Test
  void takingForDeliveryFreesRoomInOrder() {
    EventCounters counters = new EventCounters();
    EventBuffer buffer = new EventBuffer(2, counters);
    buffer.add(event("a"), AS_IS);
    buffer.add(event("b"), AS_IS);
    assertEquals(EventBuffer.Admission.SHED, buffer.add(event("x"), AS_IS));
    assertEquals(List.of("a"), ids(buffer.take(1)));
    assertEquals(EventBuffer.Admission.QUEUED, buffer.add(event("c"), AS_IS), "one taken, one free");
    assertEquals(List.of("b", "c"), ids(buffer.take(10)));
    assertEquals(0, buffer.held());
    assertEquals(3, counters.forwarded());
    assertEquals(1, counters.shed());
  }

  @Test
  void overflowGoesToTheSpillAndLaterEventsFollowItUntilItHasDrained() {
    EventCounters counters = new EventCounters();
    EventBuffer buffer = new EventBuffer(3, counters, new EventSpill(tmp, 1 << 20, EventSpillTest.CODEC, counters));
    for (int i = 0; i < 10; i++) {
      buffer.add(event("e" + i), AS_IS);
    }
    assertEquals(7, counters.spilled());
    assertEquals(7, counters.inSpill());
    // two taken, two refilled from the spill: the next event must still queue behind e9
    assertEquals(List.of("e0", "e1"), ids(buffer.take(2)));
    assertEquals(EventBuffer.Admission.SPILLED, buffer.add(event("e10"), AS_IS));
    List<String> rest = new ArrayList<>();
    while (!buffer.isEmpty()) {
      rest.addAll(ids(buffer.take(2)));
    }
    assertEquals(IntStream.rangeClosed(2, 10).mapToObj(i -> "e" + i).toList(), rest);
    assertEquals(0, counters.inSpill());
    assertEquals(0, counters.shed());
    assertEquals(0, tmp.resolve(EventSpill.FILE).toFile().length(), "a drained spill is truncated");
    assertEquals(EventBuffer.Admission.QUEUED_FIRST, buffer.add(event("e11"), AS_IS), "drained: memory again");
    buffer.close();
  }
}
