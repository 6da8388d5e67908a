package io.atoll.protocol.event;

import io.atoll.protocol.WireMessage;
import java.util.List;

/**
 * Events a node's EventForwarder hands to Akka's reliable delivery as one message: the master's
 * EventProcessor stores the whole batch, then confirms it. Batching keeps one journal write per
 * delivery however many events a burst produces.
 */
public record EventBatch(List<JobEvent> events) implements WireMessage {
  public EventBatch {
    events = List.copyOf(events);
  }
}
