package io.atoll.runtime.master.event;

import akka.actor.NoSerializationVerificationNeeded;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.SupervisorStrategy;
import akka.actor.typed.delivery.ConsumerController;
import akka.actor.typed.delivery.ProducerController;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.TimerScheduler;
import akka.actor.typed.receptionist.Receptionist;
import akka.persistence.typed.PersistenceId;
import akka.persistence.typed.RecoveryCompleted;
import akka.persistence.typed.javadsl.CommandHandler;
import akka.persistence.typed.javadsl.Effect;
import akka.persistence.typed.javadsl.EventHandler;
import akka.persistence.typed.javadsl.EventSourcedBehavior;
import akka.persistence.typed.javadsl.RetentionCriteria;
import akka.persistence.typed.javadsl.SignalHandler;
import io.atoll.persistence.event.EventStoreEvent;
import io.atoll.persistence.event.EventStoreState;
import io.atoll.protocol.event.EventBatch;
import io.atoll.protocol.event.JobEvent;
import io.atoll.runtime.config.EventSettings;
import io.atoll.runtime.event.EventCounters;
import io.atoll.runtime.event.EventForwarder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Receives the events every node's EventForwarder delivers, stores them in the journal, confirms
 * them, and posts them as JSON arrays to {@code atoll.event-report-http.url}. A cluster singleton on
 * master nodes, event-sourced: a delivery is confirmed only after its events are journalled, and
 * events leave the journal (snapshot + deleted events) only after the endpoint answered 2xx. After a
 * failover the new processor recovers the undelivered events and posts them from the first one on,
 * and the nodes resend whatever the old one had not confirmed (a message it stored but had not
 * confirmed is recognised by its producer's sequence number and not stored twice).
 *
 * <p>Delivery is Akka's point-to-point reliable delivery: the processor subscribes to the
 * Receptionist for the nodes' ProducerControllers ({@link EventForwarder#PRODUCERS}) and runs one
 * ConsumerController per node, registered to that node's producer — so every new processor
 * instance (after a move or a restart) registers again by itself.
 *
 * <p>Posting: one POST at a time, in order, of up to {@code batch-size} events; one goes out when
 * that many are stored, or every {@code batch-interval} with what there is. A non-2xx answer, a
 * refused connection or a timeout is counted and retried after a backoff doubling from
 * {@code min-backoff} to {@code max-backoff}; nothing is skipped. When {@code max-stored} events
 * wait, deliveries are held unconfirmed, so the backlog pushes back to the nodes' bounded buffers.
 *
 * <p>With no URL configured, deliveries are confirmed at once and their events counted as
 * discarded: nothing is stored. That is said once at INFO when the processor starts: a single node
 * (a local {@code run}, a standalone node) that reports no events loses nothing anyone set up to
 * receive. Events that other nodes forward here are different — those nodes buffered, spilled and
 * sent them for nobody — so the first delivery from another node's producer is a WARN, once per
 * processor start.
 */
public final class EventProcessor
    extends EventSourcedBehavior<EventProcessor.Command, EventStoreEvent, EventStoreState> {

  public static final PersistenceId PERSISTENCE_ID = PersistenceId.ofUniqueId("event-processor");

  /**
   * What the processor handles. Every message is its own: nodes reach it only through Akka's
   * reliable delivery (their ProducerControllers and its ConsumerControllers), whose deliveries
   * come in through a message adapter; none crosses the wire as a Command.
   */
  public sealed interface Command extends NoSerializationVerificationNeeded
      permits Producers, Delivered, Posted, Tick, Retry {}

  /** The Receptionist's current list of the nodes' ProducerControllers. */
  private record Producers(Receptionist.Listing listing) implements Command {}

  /** A batch of events from one node's producer, adapted from its ConsumerController. */
  private record Delivered(ConsumerController.Delivery<EventBatch> delivery) implements Command {}

  /** The outcome of a POST to the endpoint, piped back from the HTTP client. */
  private record Posted(int count, int status, Throwable failure) implements Command {}

  /** Timer: post what is stored even if it is less than a batch. */
  private enum Tick implements Command {
    INSTANCE
  }

  /** Timer: the backoff after a failed POST is over. */
  private enum Retry implements Command {
    INSTANCE
  }

  private final ActorContext<Command> context;
  private final EventSettings settings;
  private final EventCounters counters;
  /**
   * Made at the first post: without a URL there is none. (A JDK 17 HttpClient cannot be closed; its
   * selector thread waits in native code, which alone holds the JVM's exit for 300 ms.)
   */
  private HttpClient http;
  private final ActorRef<ConsumerController.Delivery<EventBatch>> deliveries;
  private final Map<ActorRef<ProducerController.Command<EventBatch>>, ActorRef<ConsumerController.Command<EventBatch>>>
      consumers = new HashMap<>();
  private final Map<ActorRef<?>, String> producerIds = new HashMap<>();
  private final List<ConsumerController.Delivery<EventBatch>> held = new ArrayList<>();
  private final TimerScheduler<Command> timers;
  private boolean posting;
  private boolean backingOff;
  private Duration backoff;
  private int consumerCount;
  /** The consumers of producers on other nodes: their events are the ones lost without a URL. */
  private final Map<ActorRef<ConsumerController.Command<EventBatch>>, String> remoteConsumers = new HashMap<>();
  private boolean warnedRemoteDiscarded;

  public static Behavior<Command> create(EventSettings settings, EventCounters counters) {
    return Behaviors.<Command>setup(context -> Behaviors.withTimers(timers -> {
      if (settings.reportUrl().isEmpty()) {
        context.getLog().info("atoll.event-report-http.url is not set: events are acknowledged and discarded "
            + "(counted), not stored or reported");
      } else {
        context.getLog().info("event processor starting: posting to {}", settings.reportUrl().get());
      }
      return new EventProcessor(context, settings, counters, timers);
    }));
  }

  private EventProcessor(
      ActorContext<Command> context, EventSettings settings, EventCounters counters, TimerScheduler<Command> timers) {
    super(PERSISTENCE_ID, SupervisorStrategy.restartWithBackoff(Duration.ofMillis(200), Duration.ofSeconds(10), 0.2));
    this.context = context;
    this.settings = settings;
    this.counters = counters;
    this.timers = timers;
    this.backoff = settings.minBackoff();
    this.deliveries = context.messageAdapter(ConsumerController.deliveryClass(), Delivered::new);
  }

  private HttpClient http() {
    if (http == null) {
      http = HttpClient.newBuilder().connectTimeout(settings.requestTimeout()).build();
    }
    return http;
  }

  @Override
  public EventStoreState emptyState() {
    return EventStoreState.EMPTY;
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(settings.snapshotEvery(), 2).withDeleteEventsOnSnapshot();
  }

  @Override
  public EventHandler<EventStoreState, EventStoreEvent> eventHandler() {
    return newEventHandlerBuilder().forAnyState().onAnyEvent(EventStoreState::apply);
  }

  @Override
  public SignalHandler<EventStoreState> signalHandler() {
    return newSignalHandlerBuilder().onSignal(RecoveryCompleted.instance(), this::onRecovered).build();
  }

  @Override
  public CommandHandler<Command, EventStoreEvent, EventStoreState> commandHandler() {
    return newCommandHandlerBuilder().forAnyState()
        .onCommand(Producers.class, this::onProducers)
        .onCommand(Delivered.class, this::onDelivered)
        .onCommand(Posted.class, this::onPosted)
        .onCommand(Tick.class, this::onTick)
        .onCommand(Retry.class, this::onRetry)
        .build();
  }

  private Effect<EventStoreEvent, EventStoreState> onTick(EventStoreState state, Tick tick) {
    post(state, true);
    return Effect().none();
  }

  private Effect<EventStoreEvent, EventStoreState> onRetry(EventStoreState state, Retry retry) {
    backingOff = false;
    post(state, true);
    return Effect().none();
  }

  private void onRecovered(EventStoreState state) {
    context.getLog().info("event processor recovered: {} event(s) to post", state.pending().size());
    context.getSystem().receptionist().tell(Receptionist.subscribe(EventForwarder.PRODUCERS,
        context.messageAdapter(Receptionist.Listing.class, Producers::new)));
    timers.startTimerWithFixedDelay(Tick.INSTANCE, settings.batchInterval());
  }

  private Effect<EventStoreEvent, EventStoreState> onProducers(EventStoreState state, Producers producers) {
    Set<ActorRef<ProducerController.Command<EventBatch>>> listed =
        new HashSet<>(producers.listing().getServiceInstances(EventForwarder.PRODUCERS));
    for (ActorRef<ProducerController.Command<EventBatch>> producer : listed) {
      if (!consumers.containsKey(producer)) {
        ActorRef<ConsumerController.Command<EventBatch>> consumer =
            context.spawn(ConsumerController.create(), "consumer-" + (++consumerCount));
        consumer.tell(new ConsumerController.Start<>(deliveries));
        consumer.tell(new ConsumerController.RegisterToProducerController<>(producer));
        consumers.put(producer, consumer);
        if (!producer.path().address().hasLocalScope()) {
          remoteConsumers.put(consumer, producer.path().address().toString());
        }
        context.getLog().debug("consuming events of {}", producer.path());
      }
    }
    List<EventStoreEvent> forgotten = new ArrayList<>();
    for (var it = consumers.entrySet().iterator(); it.hasNext(); ) {
      var entry = it.next();
      if (!listed.contains(entry.getKey())) {
        context.stop(entry.getValue());
        remoteConsumers.remove(entry.getValue());
        String producerId = producerIds.remove(entry.getValue());
        if (producerId != null && state.lastSeqNrs().containsKey(producerId)) {
          forgotten.add(new EventStoreEvent.ProducerForgotten(producerId));
        }
        it.remove();
      }
    }
    return forgotten.isEmpty() ? Effect().none() : Effect().persist(forgotten);
  }

  private Effect<EventStoreEvent, EventStoreState> onDelivered(EventStoreState state, Delivered delivered) {
    ConsumerController.Delivery<EventBatch> d = delivered.delivery();
    producerIds.put(d.confirmTo(), d.producerId());
    List<JobEvent> events = d.message().events();
    if (settings.reportUrl().isEmpty()) {
      String from = remoteConsumers.get(d.confirmTo());
      if (from != null && !warnedRemoteDiscarded) {
        warnedRemoteDiscarded = true;
        context.getLog().warn("events forwarded by {} (and any other node) are discarded: atoll.event-report-http.url "
            + "is not set on this master; they are only counted (atoll_events_discarded_total)", from);
      }
      counters.addDiscarded(events.size());
      d.confirmTo().tell(ConsumerController.confirmed());
      return Effect().none();
    }
    if (state.isStored(d.producerId(), d.seqNr())) {
      context.getLog().debug("message {} of {} was stored before the failover; confirming it", d.seqNr(), d.producerId());
      d.confirmTo().tell(ConsumerController.confirmed());
      return Effect().none();
    }
    if (state.pending().size() >= settings.maxStored()) {
      if (held.isEmpty()) {
        context.getLog().warn("{} events wait for {}: holding deliveries until it accepts some",
            state.pending().size(), settings.reportUrl().get());
      }
      held.add(d);
      return Effect().none();
    }
    return Effect().persist(new EventStoreEvent.EventsStored(d.producerId(), d.seqNr(), events)).thenRun(after -> {
      counters.addDelivered(events.size());
      d.confirmTo().tell(ConsumerController.confirmed());
      post(after, false);
    });
  }

  /** Posts the oldest stored events unless a POST is out or backing off; a partial batch only if forced. */
  private void post(EventStoreState state, boolean partial) {
    int count = Math.min(settings.batchSize(), state.pending().size());
    if (posting || backingOff || count == 0 || (!partial && count < settings.batchSize())) {
      return;
    }
    posting = true;
    HttpRequest.Builder request = HttpRequest.newBuilder(settings.reportUrl().get())
        .timeout(settings.requestTimeout())
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(EventJson.array(state.pending().subList(0, count))));
    settings.headers().forEach(request::header);
    context.pipeToSelf(http().sendAsync(request.build(), HttpResponse.BodyHandlers.discarding()),
        (response, failure) -> new Posted(count, response == null ? 0 : response.statusCode(), failure));
  }

  private Effect<EventStoreEvent, EventStoreState> onPosted(EventStoreState state, Posted posted) {
    posting = false;
    if (posted.failure() == null && posted.status() >= 200 && posted.status() < 300) {
      backoff = settings.minBackoff();
      return Effect().persist(new EventStoreEvent.EventsReported(posted.count())).thenRun(after -> {
        counters.addPosted(posted.count());
        releaseHeld(after);
        post(after, false);
      });
    }
    counters.addPostFailure();
    String why = posted.failure() != null ? posted.failure().toString() : "HTTP " + posted.status();
    context.getLog().warn("posting {} event(s) to {} failed ({}); {} stored, retrying in {} ms",
        posted.count(), settings.reportUrl().get(), why, state.pending().size(), backoff.toMillis());
    backingOff = true;
    timers.startSingleTimer(Retry.INSTANCE, backoff);
    Duration doubled = backoff.multipliedBy(2);
    backoff = doubled.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : doubled;
    return Effect().none();
  }

  /** Deliveries held at the bound go through again now that some events left. */
  private void releaseHeld(EventStoreState state) {
    if (!held.isEmpty() && state.pending().size() < settings.maxStored()) {
      List<ConsumerController.Delivery<EventBatch>> again = List.copyOf(held);
      held.clear();
      again.forEach(d -> context.getSelf().tell(new Delivered(d)));
    }
  }
}
