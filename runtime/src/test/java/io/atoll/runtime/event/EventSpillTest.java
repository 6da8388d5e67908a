package io.atoll.runtime.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.atoll.protocol.event.EventType;
import io.atoll.protocol.event.JobEvent;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spill file alone: bounded, replayed after a restart, robust against a crash mid-write. */
class EventSpillTest {
  /** Only the id travels, which is all these tests look at. */
  static final EventSpill.Codec CODEC = new EventSpill.Codec() {
    @Override
    public byte[] encode(JobEvent event) {
      return event.eventId().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public JobEvent decode(byte[] bytes) {
      return event(new String(bytes, StandardCharsets.UTF_8));
    }
  };

  @TempDir Path tmp;

  private static JobEvent event(String id) {
    return JobEvent.job(EventType.JOB_SUBMITTED, 1, null).stamped(id, 1);
  }

  private static List<String> ids(List<JobEvent> events) {
    return events.stream().map(JobEvent::eventId).toList();
  }

  private EventSpill spillOf(EventCounters counters, int events) {
    EventSpill spill = new EventSpill(tmp, 1 << 20, CODEC, counters);
    for (int i = 0; i < events; i++) {
      assertTrue(spill.append(event("e" + i)));
    }
    return spill;
  }

  @Test
  void itHoldsNoMoreThanItsBytes() {
    EventCounters counters = new EventCounters();
    EventSpill spill = new EventSpill(tmp, 3 * (8 + 2), CODEC, counters);
    assertTrue(spill.append(event("e0")));
    assertTrue(spill.append(event("e1")));
    assertTrue(spill.append(event("e2")));
    assertFalse(spill.append(event("e3")), "a fourth 10-byte record exceeds 30 bytes");
    assertEquals(30, tmp.resolve(EventSpill.FILE).toFile().length());
    assertEquals(List.of("e0", "e1", "e2"), ids(spill.read(10)));
    assertTrue(spill.append(event("e4")), "drained and truncated: room again");
    spill.close();
  }

  @Test
  void eventsLeftByAStoppedNodeAreReplayedAtItsNextStart() {
    spillOf(new EventCounters(), 5).close();
    EventCounters counters = new EventCounters();
    EventSpill again = new EventSpill(tmp, 1 << 20, CODEC, counters);
    assertEquals(5, counters.inSpill());
    assertEquals(5, counters.buffered());
    assertEquals(List.of("e0", "e1", "e2", "e3", "e4"), ids(again.read(10)));
    again.close();
    assertFalse(Files.exists(tmp.resolve(EventSpill.FILE)), "an empty spill is removed when closed");
  }

  @Test
  void aPartialLastRecordFromACrashIsCutOffAndCountedAsShed() throws IOException {
    spillOf(new EventCounters(), 5).close();
    Path file = tmp.resolve(EventSpill.FILE);
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.setLength(raf.length() - 1);
    }
    EventCounters counters = new EventCounters();
    EventSpill again = new EventSpill(tmp, 1 << 20, CODEC, counters);
    assertEquals(1, counters.shed());
    assertEquals(4, counters.inSpill());
    assertTrue(again.append(event("e5")), "appends after the cut");
    assertEquals(List.of("e0", "e1", "e2", "e3", "e5"), ids(again.read(10)));
    assertEquals(1, counters.shed());
    again.close();
  }

  @Test
  void aRecordFailingItsChecksumIsSkippedAndCountedAsShed() throws IOException {
    spillOf(new EventCounters(), 3).close();
    try (RandomAccessFile raf = new RandomAccessFile(tmp.resolve(EventSpill.FILE).toFile(), "rw")) {
      raf.seek(10 + 8); // the payload of the second record
      raf.write('X');
    }
    EventCounters counters = new EventCounters();
    EventSpill again = new EventSpill(tmp, 1 << 20, CODEC, counters);
    assertEquals(List.of("e0", "e2"), ids(again.read(10)));
    assertEquals(1, counters.shed());
    assertEquals(0, counters.inSpill());
    again.close();
  }

  @Test
  void aGarbledLengthLosesTheRestOfTheFileCounted() throws IOException {
    EventCounters counters = new EventCounters();
    EventSpill spill = spillOf(counters, 4);
    try (RandomAccessFile raf = new RandomAccessFile(tmp.resolve(EventSpill.FILE).toFile(), "rw")) {
      raf.seek(10); // the length of the second record
      raf.writeInt(1_000_000);
    }
    assertEquals(List.of("e0"), ids(spill.read(10)));
    assertEquals(3, counters.shed());
    assertEquals(0, counters.inSpill());
    spill.close();
  }
}
