package io.atoll.persistence;

import akka.actor.NoSerializationVerificationNeeded;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import akka.persistence.typed.DeleteEventsCompleted;
import akka.persistence.typed.DeleteEventsFailed;
import akka.persistence.typed.DeleteSnapshotsCompleted;
import akka.persistence.typed.PersistenceId;
import akka.persistence.typed.RecoveryCompleted;
import akka.persistence.typed.RecoveryFailed;
import akka.persistence.typed.SnapshotCompleted;
import akka.persistence.typed.SnapshotFailed;
import akka.persistence.typed.javadsl.CommandHandler;
import akka.persistence.typed.javadsl.EventHandler;
import akka.persistence.typed.javadsl.EventSourcedBehavior;
import akka.persistence.typed.javadsl.RetentionCriteria;
import akka.persistence.typed.javadsl.SignalHandler;
import io.atoll.protocol.resource.JobId;

/**
 * Test actor for the journal and snapshot store: sums the ids of the jobs it is told about.
 *
 * <p>Events are {@link JobId}s and the state is a {@code Long}, so both reach the journal through
 * real serializers (Atoll's Kryo binding and Akka's primitive one) with Java serialization off.
 * Commands only travel inside one test JVM, hence {@link NoSerializationVerificationNeeded}.
 *
 * <p>Persistence signals are reported to a probe as strings. {@code applied} counts the events the
 * event handler has seen since this incarnation started, so "recovered" tells how many events were
 * replayed, which is how a test sees that recovery started from a snapshot.
 */
final class JobTally extends EventSourcedBehavior<JobTally.Command, JobId, Long> {

  sealed interface Command extends NoSerializationVerificationNeeded {}

  record Add(JobId job, ActorRef<Long> replyTo) implements Command {}

  record Get(ActorRef<Long> replyTo) implements Command {}

  private final ActorRef<String> signals;
  private final int snapshotEvery;
  private long applied;

  private JobTally(String persistenceId, int snapshotEvery, ActorRef<String> signals) {
    super(PersistenceId.ofUniqueId(persistenceId));
    this.snapshotEvery = snapshotEvery;
    this.signals = signals;
  }

  /** @param snapshotEvery 0 for no snapshots; else snapshot every n events, delete older events */
  static Behavior<Command> create(String persistenceId, int snapshotEvery, ActorRef<String> signals) {
    return Behaviors.setup(context -> new JobTally(persistenceId, snapshotEvery, signals));
  }

  @Override
  public Long emptyState() {
    return 0L;
  }

  @Override
  public CommandHandler<Command, JobId, Long> commandHandler() {
    return newCommandHandlerBuilder()
        .forAnyState()
        .onCommand(Add.class, (state, add) ->
            Effect().persist(add.job()).thenReply(add.replyTo(), sum -> sum))
        .onCommand(Get.class, (state, get) -> Effect().reply(get.replyTo(), state))
        .build();
  }

  @Override
  public EventHandler<Long, JobId> eventHandler() {
    return newEventHandlerBuilder()
        .forAnyState()
        .onEvent(JobId.class, (sum, job) -> apply(sum, job))
        .build();
  }

  private Long apply(Long sum, JobId job) {
    applied++;
    return sum + job.value();
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return snapshotEvery == 0
        ? RetentionCriteria.disabled()
        : RetentionCriteria.snapshotEvery(snapshotEvery, 1).withDeleteEventsOnSnapshot();
  }

  @Override
  public SignalHandler<Long> signalHandler() {
    return newSignalHandlerBuilder()
        .onSignal(RecoveryCompleted.instance(),
            sum -> signals.tell("recovered sum=" + sum + " replayed=" + applied))
        .onSignal(RecoveryFailed.class,
            (sum, failed) -> signals.tell("recovery failed: " + failed.getFailure()))
        .onSignal(SnapshotCompleted.class,
            (sum, done) -> signals.tell("snapshot " + done.metadata().sequenceNr()))
        .onSignal(SnapshotFailed.class,
            (sum, failed) -> signals.tell("snapshot failed: " + failed.getFailure()))
        .onSignal(DeleteEventsCompleted.class,
            (sum, done) -> signals.tell("events deleted to " + done.toSequenceNr()))
        .onSignal(DeleteEventsFailed.class,
            (sum, failed) -> signals.tell("event deletion failed: " + failed.getFailure()))
        .onSignal(DeleteSnapshotsCompleted.class,
            (sum, done) -> signals.tell("snapshots deleted: " + done.target()))
        .build();
  }
}
