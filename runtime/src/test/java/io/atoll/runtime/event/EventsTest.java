package io.atoll.runtime.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import com.typesafe.config.ConfigFactory;
import io.atoll.protocol.event.EventType;
import io.atoll.protocol.event.JobEvent;
import io.atoll.runtime.testing.TestConfigs;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** A node whose events have nowhere to go (no EventProcessor): its buffer fills, then sheds, counted. */
class EventsTest {
  private static final ActorTestKit testKit = ActorTestKit.create("events-test",
      ConfigFactory.parseString("atoll.events.buffer-size = 10\natoll.events.delivery-batch = 4\natoll.events.spill-max-bytes = 0")
          .withFallback(TestConfigs.base()).withFallback(ConfigFactory.load()));

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  @Test
  void withoutAConsumerTheBoundedBufferShedsEveryEventItCannotKeep() {
    Events events = Events.get(testKit.system());
    Set<String> ids = new HashSet<>();
    int shed = 0;
    for (int i = 0; i < 100; i++) {
      Optional<String> id = events.publish(JobEvent.job(EventType.JOB_SUBMITTED, i, null));
      if (id.isPresent()) {
        assertTrue(ids.add(id.get()), "ids are unique");
      } else {
        shed++;
      }
    }
    EventCounters counters = events.counters();
    assertEquals(100, counters.buffered() + counters.shed(), "every event is either buffered or counted as shed");
    assertEquals(shed, counters.shed());
    // at most the buffer plus the one message reliable delivery takes before any consumer asks
    assertTrue(ids.size() <= 10 + 4, "kept " + ids.size());
    assertTrue(shed >= 100 - 14, "shed " + shed);
  }
}
