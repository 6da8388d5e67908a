package io.atoll.persistence.event;

import io.atoll.persistence.event.EventStoreEvent.EventsReported;
import io.atoll.persistence.event.EventStoreEvent.EventsStored;
import io.atoll.persistence.event.EventStoreEvent.ProducerForgotten;
import io.atoll.protocol.WireMessage;
import io.atoll.protocol.event.JobEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The EventProcessor's durable state: the events stored and not yet accepted by the report
 * endpoint, oldest first, and per reliable-delivery producer the last message stored, so a message
 * redelivered after a master failover (stored by the old master, not yet confirmed) is not stored
 * twice. Immutable; {@link #apply} is pure.
 *
 * @param reported how many events the endpoint accepted in all (for the log and tests)
 */
public record EventStoreState(List<JobEvent> pending, Map<String, Long> lastSeqNrs, long reported)
    implements WireMessage {

  public static final EventStoreState EMPTY = new EventStoreState(List.of(), Map.of(), 0);

  public EventStoreState {
    pending = List.copyOf(pending);
    lastSeqNrs = Map.copyOf(lastSeqNrs);
  }

  /** True if message {@code seqNr} of {@code producerId} is stored already. */
  public boolean isStored(String producerId, long seqNr) {
    Long last = lastSeqNrs.get(producerId);
    return last != null && seqNr <= last;
  }

  public EventStoreState apply(EventStoreEvent event) {
    if (event instanceof EventsStored e) {
      if (isStored(e.producerId(), e.seqNr())) {
        return this;
      }
      List<JobEvent> more = new ArrayList<>(pending.size() + e.events().size());
      more.addAll(pending);
      more.addAll(e.events());
      Map<String, Long> seqNrs = new HashMap<>(lastSeqNrs);
      seqNrs.put(e.producerId(), e.seqNr());
      return new EventStoreState(more, seqNrs, reported);
    }
    if (event instanceof EventsReported e) {
      int count = Math.min(Math.max(e.count(), 0), pending.size());
      return new EventStoreState(pending.subList(count, pending.size()), lastSeqNrs, reported + count);
    }
    if (event instanceof ProducerForgotten e) {
      Map<String, Long> seqNrs = new HashMap<>(lastSeqNrs);
      seqNrs.remove(e.producerId());
      return new EventStoreState(pending, seqNrs, reported);
    }
    throw new IllegalArgumentException("unknown event " + event);
  }
}
