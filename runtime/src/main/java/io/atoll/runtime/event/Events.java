package io.atoll.runtime.event;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.DispatcherSelector;
import akka.actor.typed.Extension;
import akka.actor.typed.ExtensionId;
import io.atoll.protocol.event.JobEvent;
import io.atoll.runtime.config.EventSettings;
import com.typesafe.config.Config;
import java.nio.file.Files;
import java.nio.file.Path;
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
 *
 * <p>With {@code atoll.events.spill-max-bytes} above 0, events that do not fit the in-memory buffer
 * go to {@code <atoll.data-dir>/events-spill/events.spill} ({@link EventSpill}), appended on the
 * publishing thread (one small write per event, only while the buffer is full); the file a previous
 * run of the node left there is replayed at start, before any new event. The file is closed, and
 * kept if it still holds events, when the ActorSystem terminates.
 */
public final class Events implements Extension {
  private static final Logger LOG = LoggerFactory.getLogger(Events.class);
  /** Under {@code atoll.data-dir}. */
  public static final String SPILL_DIR = "events-spill";

  private static final ExtensionId<Events> ID = new ExtensionId<>() {
    @Override
    public Events createExtension(ActorSystem<?> system) {
      Config atoll = system.settings().config().getConfig("atoll");
      return new Events(system, EventSettings.fromConfig(atoll), Path.of(atoll.getString("data-dir")));
    }
  };

  private final EventCounters counters = new EventCounters();
  private final EventBuffer buffer;
  private final String idPrefix = Long.toHexString(UUID.randomUUID().getMostSignificantBits());
  private final AtomicLong sequence = new AtomicLong();
  private final AtomicBoolean warnedShed = new AtomicBoolean();
  private final int capacity;
  private final long spillMaxBytes;
  private final ActorRef<EventForwarder.Command> forwarder;

  private Events(ActorSystem<?> system, EventSettings settings, Path dataDir) {
    this.capacity = settings.bufferSize();
    this.spillMaxBytes = settings.spillMaxBytes();
    EventSpill spill = null;
    Path spillDir = dataDir.resolve(SPILL_DIR);
    if (settings.spillMaxBytes() > 0 || Files.exists(spillDir.resolve(EventSpill.FILE))) {
      spill = new EventSpill(spillDir, settings.spillMaxBytes(), EventSpill.akka(system), counters);
    }
    this.buffer = new EventBuffer(settings.bufferSize(), counters, spill);
    // a termination hook runs before getWhenTerminated completes: a node restarting in the same
    // process (AtollNode) opens the spill file again only after this one has closed it
    system.classicSystem().registerOnTermination(buffer::close);
    String producerId = "events-" + system.address() + "-" + idPrefix;
    // the forwarder refills its buffer from the spill file: file reads, so not on the default dispatcher
    this.forwarder = system.systemActorOf(
        EventForwarder.create(buffer, settings.deliveryBatch(), counters, producerId), "event-forwarder",
        DispatcherSelector.blocking());
  }

  public static Events get(ActorSystem<?> system) {
    return ID.apply(system);
  }

  /**
   * Stamps the event and hands it to the forwarder, through the in-memory buffer or, while that is
   * full or the spill not yet drained, the spill file; answers empty, counting the event as shed,
   * when both are full ({@code atoll.events.buffer-size}, {@code atoll.events.spill-max-bytes};
   * logged once, then in totals).
   *
   * @return the event's id, or empty if it was shed
   */
  public Optional<String> publish(JobEvent event) {
    String[] id = new String[1];
    EventBuffer.Admission admission = buffer.add(event, e -> {
      id[0] = idPrefix + "-" + sequence.incrementAndGet();
      return e.stamped(id[0], System.currentTimeMillis());
    });
    switch (admission) {
      case QUEUED_FIRST -> forwarder.tell(EventForwarder.Published.INSTANCE);
      case QUEUED, SPILLED -> { }
      case SHED -> {
        if (warnedShed.compareAndSet(false, true)) {
          LOG.warn("event buffer ({} events) and spill ({} bytes) full: shedding {} of job {} and further events "
              + "until delivery catches up (counted; totals logged every few seconds)",
              capacity, spillMaxBytes, event.eventType(), event.jobId());
        }
        return Optional.empty();
      }
    }
    return Optional.of(id[0]);
  }

  public EventCounters counters() {
    return counters;
  }

  /** Events accepted and not yet handed to reliable delivery, in memory and spilled. */
  public long buffered() {
    return buffer.held();
  }
}
