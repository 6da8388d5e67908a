package io.atoll.persistence.event;

import io.atoll.protocol.WireMessage;
import io.atoll.protocol.event.JobEvent;
import java.util.List;
import java.util.Objects;

/**
 * What the master's EventProcessor journals, applied by {@link EventStoreState#apply}. Journalled
 * (Kryo ids in PersistenceWireRegistrations): append-only, never change one, add a new one.
 */
public sealed interface EventStoreEvent extends WireMessage {

  /** Message {@code seqNr} of reliable-delivery producer {@code producerId} was stored. */
  record EventsStored(String producerId, long seqNr, List<JobEvent> events) implements EventStoreEvent {
    public EventsStored {
      Objects.requireNonNull(producerId, "producerId");
      events = List.copyOf(events);
    }
  }

  /** The first {@code count} stored events were accepted (2xx) by the report endpoint. */
  record EventsReported(int count) implements EventStoreEvent {}

  /** A producer left the cluster: its last sequence number need not be remembered any more. */
  record ProducerForgotten(String producerId) implements EventStoreEvent {}
}
