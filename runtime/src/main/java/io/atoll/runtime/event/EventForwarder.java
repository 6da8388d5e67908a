package io.atoll.runtime.event;

import akka.actor.NoSerializationVerificationNeeded;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.delivery.ProducerController;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.receptionist.Receptionist;
import akka.actor.typed.receptionist.ServiceKey;
import io.atoll.protocol.event.EventBatch;
import java.time.Duration;
import java.util.Optional;

/**
 * One per node (started by the node's {@link Events} extension): takes the events produced on the
 * node and hands them, in batches of at most {@code atoll.events.delivery-batch}, to a local Akka
 * {@link ProducerController}. That controller delivers them point to point to the ConsumerController
 * the master's EventProcessor runs for this node, keeps each message until the processor confirms
 * it has stored it, and resends what is unconfirmed when a new ConsumerController registers — which
 * is what happens after a master failover: the new EventProcessor finds this node's controller
 * through the Receptionist ({@link #PRODUCERS}) and registers to it.
 *
 * <p>Events wait in the node's bounded {@link EventBuffer} while delivery has no demand (the master
 * is down, or slower than the producers): in memory up to {@code atoll.events.buffer-size}, then in
 * the node's {@link EventSpill} file up to {@code atoll.events.spill-max-bytes}; taking a batch
 * refills memory from the spill. What fits in neither is shed, counted and logged by
 * {@link Events#publish}. Events in memory are lost if the node crashes; spilled ones are replayed
 * when it starts again.
 */
public final class EventForwarder extends AbstractBehavior<EventForwarder.Command> {

  /** Every node's ProducerController, for the EventProcessor to register to. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static final ServiceKey<ProducerController.Command<EventBatch>> PRODUCERS =
      ServiceKey.create((Class) ProducerController.Command.class, "atoll-event-producers");

  static final Duration SHED_REPORT_INTERVAL = Duration.ofSeconds(5);

  /** Local messages only. */
  public interface Command extends NoSerializationVerificationNeeded {}

  /** The buffer's queue, empty until now, holds an event. */
  enum Published implements Command {
    INSTANCE
  }

  private record Demand(ProducerController.RequestNext<EventBatch> next) implements Command {}

  private enum ReportShed implements Command {
    INSTANCE
  }

  private final EventBuffer buffer;
  private final int deliveryBatch;
  private final EventCounters counters;
  private ActorRef<EventBatch> demand;
  private long shedReported;

  static Behavior<Command> create(EventBuffer buffer, int deliveryBatch, EventCounters counters, String producerId) {
    return Behaviors.setup(context -> Behaviors.withTimers(timers -> {
      timers.startTimerWithFixedDelay(ReportShed.INSTANCE, SHED_REPORT_INTERVAL);
      ActorRef<ProducerController.Command<EventBatch>> producer = context.spawn(
          ProducerController.create(EventBatch.class, producerId, Optional.empty()), "producer-controller");
      producer.tell(new ProducerController.Start<>(
          context.messageAdapter(ProducerController.requestNextClass(), Demand::new)));
      context.getSystem().receptionist().tell(Receptionist.register(PRODUCERS, producer));
      context.getLog().debug("event forwarder {} started", producerId);
      return new EventForwarder(context, buffer, deliveryBatch, counters);
    }));
  }

  private EventForwarder(ActorContext<Command> context, EventBuffer buffer, int deliveryBatch, EventCounters counters) {
    super(context);
    this.buffer = buffer;
    this.deliveryBatch = deliveryBatch;
    this.counters = counters;
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessageEquals(Published.INSTANCE, this::sendIfDemanded)
        .onMessage(Demand.class, this::onDemand)
        .onMessageEquals(ReportShed.INSTANCE, this::onReportShed)
        .build();
  }

  private Behavior<Command> onDemand(Demand next) {
    demand = next.next().sendNextTo();
    return sendIfDemanded();
  }

  private Behavior<Command> sendIfDemanded() {
    if (demand != null && !buffer.isEmpty()) {
      demand.tell(new EventBatch(buffer.take(deliveryBatch)));
      demand = null;
    }
    return this;
  }

  private Behavior<Command> onReportShed() {
    long shed = counters.shed();
    if (shed > shedReported) {
      getContext().getLog().warn("event buffer and spill full: {} event(s) shed in the last {} s ({} in all); "
              + "is the master's EventProcessor reachable? raise atoll.events.spill-max-bytes for longer outages",
          shed - shedReported, SHED_REPORT_INTERVAL.toSeconds(), shed);
      shedReported = shed;
    }
    return this;
  }
}
