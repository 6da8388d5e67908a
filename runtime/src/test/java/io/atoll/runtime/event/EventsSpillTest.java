package io.atoll.runtime.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.actor.typed.delivery.ConsumerController;
import akka.actor.typed.delivery.ProducerController;
import akka.actor.typed.receptionist.Receptionist;
import com.typesafe.config.ConfigFactory;
import io.atoll.protocol.event.EventBatch;
import io.atoll.protocol.event.EventType;
import io.atoll.protocol.event.JobEvent;
import io.atoll.runtime.testing.TestConfigs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node whose in-memory event buffer holds 10 events and which has no consumer: what does not fit
 * goes to the spill file (Kryo-serialized) and reaches a consumer that turns up later, in order;
 * beyond spill-max-bytes events are shed, counted.
 */
class EventsSpillTest {
  @TempDir Path tmp;
  private ActorTestKit testKit;

  @AfterEach
  void shutdown() {
    if (testKit != null) {
      testKit.shutdownTestKit();
    }
  }

  private Events start(String spillMaxBytes) {
    // Delivery messages go straight to a probe here, so local messages are not serialized; the spill
    // still goes through the system's (Kryo) serialization.
    testKit = ActorTestKit.create("events-spill-test", ConfigFactory.parseString(
            "atoll.events.buffer-size = 10\natoll.events.delivery-batch = 4\n"
                + "akka.actor.serialize-messages = off\n"
                + "atoll.events.spill-max-bytes = " + spillMaxBytes + "\n"
                + "atoll.data-dir = \"" + tmp.toString().replace("\\", "/") + "\"")
        .withFallback(TestConfigs.base()).withFallback(ConfigFactory.load()));
    return Events.get(testKit.system());
  }

  private static List<String> publish(Events events, int count) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Optional<String> id = events.publish(JobEvent.pipeline(EventType.TASK_RUNNING, i, 1, "event " + i));
      id.ifPresent(ids::add);
    }
    return ids;
  }

  @SuppressWarnings("unchecked")
  private ActorRef<ProducerController.Command<EventBatch>> producer() {
    TestProbe<Receptionist.Listing> listings = testKit.createTestProbe();
    testKit.system().receptionist().tell(Receptionist.subscribe(EventForwarder.PRODUCERS, listings.ref()));
    while (true) {
      Receptionist.Listing listing = listings.receiveMessage(Duration.ofSeconds(10));
      if (!listing.getServiceInstances(EventForwarder.PRODUCERS).isEmpty()) {
        return listing.getServiceInstances(EventForwarder.PRODUCERS).iterator().next();
      }
    }
  }

  @Test
  void withoutAConsumerOverflowIsSpilledAndArrivesInOrderOnceOneRegisters() {
    Events events = start("64MiB");
    List<String> published = publish(events, 1000);
    EventCounters counters = events.counters();
    assertEquals(1000, published.size(), "none shed");
    assertEquals(0, counters.shed());
    assertEquals(1000, counters.buffered());
    assertTrue(counters.spilled() >= 1000 - 10 - 4, counters::toString);
    assertTrue(tmp.resolve(Events.SPILL_DIR).resolve(EventSpill.FILE).toFile().length() > 0);

    assertEquals(published, consume(1000), "every event, once, in publishing order");
    assertEquals(0, counters.inSpill());
    assertEquals(0, tmp.resolve(Events.SPILL_DIR).resolve(EventSpill.FILE).toFile().length(), "drained: truncated");
    assertEquals(0, counters.shed());
  }

  @Test
  void eventsSpilledBeforeAStopAreDeliveredAfterTheNextStart() {
    List<String> published = publish(start("64MiB"), 100);
    long spilled = Events.get(testKit.system()).counters().inSpill();
    assertTrue(spilled >= 100 - 10 - 4, "in spill: " + spilled);
    testKit.shutdownTestKit();

    Events events = start("64MiB");
    assertEquals(spilled, events.counters().inSpill() + Math.min(spilled, 10), "replayed, the first 10 in memory");
    List<String> later = publish(events, 5);
    List<String> expected = new ArrayList<>(published.subList(published.size() - (int) spilled, published.size()));
    expected.addAll(later);
    assertEquals(expected, consume(expected.size()), "the spilled events first, in order, then the new ones");
  }

  private List<String> consume(int count) {
    ActorRef<ConsumerController.Command<EventBatch>> consumer = testKit.spawn(ConsumerController.create());
    TestProbe<ConsumerController.Delivery<EventBatch>> deliveries = testKit.createTestProbe();
    consumer.tell(new ConsumerController.Start<>(deliveries.ref()));
    consumer.tell(new ConsumerController.RegisterToProducerController<>(producer()));
    List<String> received = new ArrayList<>();
    while (received.size() < count) {
      ConsumerController.Delivery<EventBatch> d = deliveries.receiveMessage(Duration.ofSeconds(10));
      d.message().events().forEach(e -> received.add(e.eventId()));
      d.confirmTo().tell(ConsumerController.confirmed());
    }
    return received;
  }

  @Test
  void beyondSpillMaxBytesEventsAreShedAndCounted() {
    Events events = start("2KiB");
    List<String> kept = publish(events, 1000);
    EventCounters counters = events.counters();
    assertFalse(kept.size() == 1000, "a 2 KiB spill cannot hold 1000 events");
    assertEquals(1000, counters.buffered() + counters.shed(), "every event is either kept or counted as shed");
    assertEquals(1000 - kept.size(), counters.shed());
    assertTrue(counters.spilled() > 0, counters::toString);
    assertTrue(tmp.resolve(Events.SPILL_DIR).resolve(EventSpill.FILE).toFile().length() <= 2048);
  }
}
