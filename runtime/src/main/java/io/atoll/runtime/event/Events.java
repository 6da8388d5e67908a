package io.atoll.runtime.event;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.Extension;
import akka.actor.typed.ExtensionId;
import akka.actor.typed.Props;
import io.atoll.protocol.event.JobEvent;
import io.atoll.runtime.config.EventSettings;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How code on a node publishes events: {@code Events.get(system).publish(JobEvent.job(...))}, from
 * any thread. The extension starts the node's {@link EventForwarder} when first used, stamps each
 * event with an id unique across the cluster and restarts (64 random bits per node start, then a
 * sequence) and its creation time, and holds the node's {@link EventCounters}.
 */
public final class Events implements Extension {
  private static final Logger LOG = LoggerFactory.getLogger(Events.class);

  private static final ExtensionId<Events> ID = new ExtensionId<>() {
    @Override
    public Events createExtension(ActorSystem<?> system) {
      return new Events(system, EventSettings.fromConfig(system.settings().config().getConfig("atoll")));
    }
  };

  private final EventCounters counters = new EventCounters();
  private final EventBuffer buffer;
  private final String idPrefix = Long.toHexString(UUID.randomUUID().getMostSignificantBits());
  private final AtomicLong sequence = new AtomicLong();
  private final AtomicBoolean warnedShed = new AtomicBoolean();
  private final int capacity;
  private final ActorRef<EventForwarder.Command> forwarder;

  private Events(ActorSystem<?> system, EventSettings settings) {
    this.capacity = settings.bufferSize();
    this.buffer = new EventBuffer(settings.bufferSize(), counters);
    String producerId = "events-" + system.address() + "-" + idPrefix;
    this.forwarder = system.systemActorOf(
        EventForwarder.create(buffer, settings.deliveryBatch(), counters, producerId), "event-forwarder", Props.empty());
  }

  public static Events get(ActorSystem<?> system) {
    return ID.apply(system);
  }

  /**
   * Stamps the event and hands it to the forwarder; answers false, counting the event as shed, when
   * the node's buffer ({@code atoll.events.buffer-size}) is full (logged once, then in totals).
   *
   * @return the event's id, or empty if it was shed
   */
  public Optional<String> publish(JobEvent event) {
    if (!buffer.admit()) {
      if (warnedShed.compareAndSet(false, true)) {
        LOG.warn("event buffer full ({} events): shedding {} of job {} and further events until delivery "
            + "catches up (counted; totals logged every few seconds)", capacity, event.eventType(), event.jobId());
      }
      return Optional.empty();
    }
    String id = idPrefix + "-" + sequence.incrementAndGet();
    forwarder.tell(new EventForwarder.Publish(event.stamped(id, System.currentTimeMillis())));
    return Optional.of(id);
  }

  public EventCounters counters() {
    return counters;
  }

  /** Events admitted and not yet handed to reliable delivery. */
  public int buffered() {
    return buffer.held();
  }
}
