package io.atoll.runtime.master.job;

import akka.actor.NoSerializationVerificationNeeded;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.SupervisorStrategy;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.TimerScheduler;
import akka.persistence.typed.PersistenceId;
import akka.persistence.typed.RecoveryCompleted;
import akka.persistence.typed.javadsl.CommandHandler;
import akka.persistence.typed.javadsl.Effect;
import akka.persistence.typed.javadsl.EventHandler;
import akka.persistence.typed.javadsl.EventSourcedBehavior;
import akka.persistence.typed.javadsl.RetentionCriteria;
import akka.persistence.typed.javadsl.SignalHandler;
import io.atoll.persistence.job.CoordinatorEvent;
import io.atoll.persistence.job.CoordinatorState;
import io.atoll.protocol.event.EventType;
import io.atoll.protocol.event.JobEvent;
import io.atoll.protocol.execution.JobMasterProtocol;
import io.atoll.protocol.execution.JobMasterProtocol.JobMasterStatus;
import io.atoll.protocol.job.JobCoordinatorCommand;
import io.atoll.protocol.job.JobCoordinatorProtocol;
import io.atoll.protocol.job.JobCoordinatorProtocol.AwaitJob;
import io.atoll.protocol.job.JobCoordinatorProtocol.CancelJob;
import io.atoll.protocol.job.JobCoordinatorProtocol.CancelReply;
import io.atoll.protocol.job.JobCoordinatorProtocol.StopJobWithSavepoint;
import io.atoll.protocol.job.JobCoordinatorProtocol.GetJob;
import io.atoll.protocol.job.JobCoordinatorProtocol.JobLookup;
import io.atoll.protocol.job.JobCoordinatorProtocol.JobMetricsUpdated;
import io.atoll.protocol.job.JobCoordinatorProtocol.JobStatusChanged;
import io.atoll.protocol.job.JobCoordinatorProtocol.ListJobs;
import io.atoll.protocol.job.JobCoordinatorProtocol.SubmitJob;
import io.atoll.protocol.job.JobMetrics;
import io.atoll.protocol.job.JobStatus;
import io.atoll.protocol.job.JobSummary;
import io.atoll.protocol.resource.ResourceManagerProtocol;
import io.atoll.protocol.resource.SlotCapacity;
import io.atoll.runtime.config.CoordinatorSettings;
import io.atoll.runtime.config.JobSettings;
import io.atoll.runtime.event.Events;
import io.atoll.runtime.resource.ResourceTrackers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Accepts and numbers jobs, starts one JobMaster per job (through sharding), and keeps every job's
 * summary for queries until {@code history-job-expire-minutes} after it ended. A cluster singleton
 * on master nodes, event-sourced: submissions, admissions, status changes and expiries are
 * journalled (snapshots every {@code atoll.job.coordinator-snapshot-every} events, older events
 * deleted), so the job list, the queue and the history survive a master restart. Clients, the REST
 * API and JobMasters talk to it through the singleton proxy.
 *
 * <p>Admission ({@link JobQueue}): a job that needs more slots than every live worker has together
 * is refused at submit. Queued jobs start one at a time (the next once the one before has its slots,
 * or ended), in submission order, except that a job that fits the free slots may pass one that does
 * not, a bounded number of times. The free slots come from the ResourceManager, asked again on a
 * timer while jobs wait.
 *
 * <p>Waiters for a job's end ({@link AwaitJob}) are in memory only and watched, so one whose asker
 * stopped is dropped; a restart forgets them all, which clients survive by asking again. Row
 * counters of running jobs are in memory too; the final counters are journalled with the job's end.
 *
 * <p>After recovery it asks the JobMaster of every job that was running whether it runs. No answer
 * only means "not yet" (the JobMaster recovers on its own, possibly slowly): it is asked again with
 * growing pauses while the job has not ended. A JobMaster that answers it does not know the job
 * never started it (the start was lost in a crash, before the JobMaster journalled it), so it is
 * sent the job again, a bounded number of times; then the job fails with that reason.
 */
public final class JobCoordinator
    extends EventSourcedBehavior<JobCoordinatorCommand, CoordinatorEvent, CoordinatorState> {

  public static final PersistenceId PERSISTENCE_ID = PersistenceId.ofUniqueId("job-coordinator");
  private static final Duration FIRST_PROBE_BACKOFF = Duration.ofSeconds(1);

  /** Messages to itself: timers and adapted replies. Local only, never on the wire. */
  private sealed interface Internal extends JobCoordinatorCommand, NoSerializationVerificationNeeded {}

  private record Expire(long jobId) implements Internal {}

  /**
   * A while after a job's end: slot assignments the ResourceManager (a singleton on this node too,
   * normally) still holds for it, and slots this node's own SlotService still holds for it when the
   * node is a worker too, are leaks, freed by the tracker. Not at once: the JobMaster's release of
   * its slots travels apart from its report of the end and may arrive later.
   */
  private record CheckSlotLeaks(long jobId, JobStatus status) implements Internal {}

  static final Duration SLOT_LEAK_GRACE = Duration.ofSeconds(5);

  /** The ResourceManager's capacity (null: no answer) for a submit waiting to be checked. */
  private record SubmitChecked(SubmitJob submit, SlotCapacity capacity) implements Internal {}

  private enum AdmitNext implements Internal {
    INSTANCE
  }

  /** The ResourceManager's capacity (null: no answer) for the next admission. */
  private record CapacityForQueue(SlotCapacity capacity) implements Internal {}

  /** The unschedulable timeout of a job found too big for the live cluster has passed. */
  private record Unschedulable(long jobId) implements Internal {}

  private record ProbeJobMaster(long jobId, int attempt) implements Internal {}

  /**
   * A JobMaster's answer to a liveness probe; {@code reply} null when none came in time.
   * {@code reportsBefore} counts the job's status reports received before the probe was sent: the
   * answer comes back through an ask and can arrive after a newer report.
   */
  private record ProbeAnswered(long jobId, int attempt, long reportsBefore, JobMasterStatus reply)
      implements Internal {}

  private record WaiterGone(ActorRef<JobLookup> waiter) implements Internal {}

  /** The JobMaster's answer to a stop with a savepoint; {@code reply} null when none came in time. */
  private record SavepointAnswered(StopJobWithSavepoint request, CancelReply reply) implements Internal {}

  private final ActorContext<JobCoordinatorCommand> context;
  private final JobSettings settings;
  private final CoordinatorSettings coordinatorSettings;
  private final JobMasters jobMasters;
  private final ActorRef<ResourceManagerProtocol> resourceManager;
  private final TimerScheduler<JobCoordinatorCommand> timers;
  private final JobQueue queue;
  private final long idBase = System.currentTimeMillis();
  private final Map<Long, Set<ActorRef<JobLookup>>> waiters = new HashMap<>();
  /** Who waits for the outcome of a job's savepoint (in memory: a restart forgets them, as for waiters). */
  private final Map<Long, Set<ActorRef<CancelReply>>> savepointWaiters = new HashMap<>();
  private final Map<Long, JobMetrics> liveMetrics = new HashMap<>();
  private final Map<Long, Integer> jobMasterRestarts = new HashMap<>();
  /** Status reports received from each running job's JobMaster, to tell a stale probe answer. */
  private final Map<Long, Long> reportsReceived = new HashMap<>();
  private boolean capacityAsked;
  private final Events events;

  /**
   * @param resourceManager asked for the cluster's slots at every submit and while jobs are queued
   */
  public static Behavior<JobCoordinatorProtocol> create(
      JobSettings settings,
      CoordinatorSettings coordinatorSettings,
      JobMasters jobMasters,
      ActorRef<ResourceManagerProtocol> resourceManager) {
    return Behaviors.<JobCoordinatorCommand>setup(context -> Behaviors.withTimers(timers -> {
      context.getLog().info("job coordinator starting (schedule strategy {})", settings.scheduleStrategy());
      return new JobCoordinator(context, settings, coordinatorSettings, jobMasters, resourceManager, timers);
    })).narrow();
  }

  private JobCoordinator(
      ActorContext<JobCoordinatorCommand> context,
      JobSettings settings,
      CoordinatorSettings coordinatorSettings,
      JobMasters jobMasters,
      ActorRef<ResourceManagerProtocol> resourceManager,
      TimerScheduler<JobCoordinatorCommand> timers) {
    super(PERSISTENCE_ID, SupervisorStrategy.restartWithBackoff(Duration.ofMillis(200), Duration.ofSeconds(10), 0.2));
    this.context = context;
    this.settings = settings;
    this.coordinatorSettings = coordinatorSettings;
    this.jobMasters = jobMasters;
    this.resourceManager = resourceManager;
    this.timers = timers;
    this.queue = new JobQueue(coordinatorSettings, settings.scheduleStrategy());
    this.events = Events.get(context.getSystem());
  }

  @Override
  public CoordinatorState emptyState() {
    return CoordinatorState.EMPTY;
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(settings.coordinatorSnapshotEvery(), 2).withDeleteEventsOnSnapshot();
  }

  @Override
  public EventHandler<CoordinatorState, CoordinatorEvent> eventHandler() {
    return newEventHandlerBuilder().forAnyState().onAnyEvent(CoordinatorState::apply);
  }

  @Override
  public SignalHandler<CoordinatorState> signalHandler() {
    return newSignalHandlerBuilder().onSignal(RecoveryCompleted.instance(), this::onRecovered).build();
  }

  @Override
  public CommandHandler<JobCoordinatorCommand, CoordinatorEvent, CoordinatorState> commandHandler() {
    return newCommandHandlerBuilder().forAnyState()
        .onCommand(SubmitJob.class, this::onSubmit)
        .onCommand(SubmitChecked.class, this::onSubmitChecked)
        .onCommand(JobStatusChanged.class, this::onReport)
        .onCommand(JobMetricsUpdated.class, this::onMetrics)
        .onCommand(ListJobs.class, this::onList)
        .onCommand(GetJob.class, this::onGet)
        .onCommand(AwaitJob.class, this::onAwait)
        .onCommand(WaiterGone.class, this::onWaiterGone)
        .onCommand(CancelJob.class, this::onCancel)
        .onCommand(StopJobWithSavepoint.class, this::onStopWithSavepoint)
        .onCommand(SavepointAnswered.class, this::onSavepointAnswered)
        .onCommand(Expire.class, this::onExpire)
        .onCommand(CheckSlotLeaks.class, this::onCheckSlotLeaks)
        .onCommand(AdmitNext.class, this::onAdmitNext)
        .onCommand(CapacityForQueue.class, this::onCapacityForQueue)
        .onCommand(Unschedulable.class, this::onUnschedulable)
        .onCommand(ProbeJobMaster.class, this::onProbe)
        .onCommand(ProbeAnswered.class, this::onProbeAnswered)
        .build();
  }

  // ---- submit ----

  private Effect<CoordinatorEvent, CoordinatorState> onSubmit(CoordinatorState state, SubmitJob submit) {
    if (answeredFromState(state, submit)) {
      return Effect().none();
    }
    // The cluster's size decides whether the job can ever run; the answer comes back as SubmitChecked.
    context.ask(SlotCapacity.class, resourceManager, coordinatorSettings.capacityCheckTimeout(),
        ResourceManagerProtocol.GetSlotCapacity::new, (capacity, failure) -> new SubmitChecked(submit, capacity));
    return Effect().none();
  }

  private Effect<CoordinatorEvent, CoordinatorState> onSubmitChecked(CoordinatorState state, SubmitChecked checked) {
    SubmitJob submit = checked.submit();
    if (answeredFromState(state, submit)) {
      return Effect().none(); // the same submit, re-sent, was stored while this one was checked
    }
    if (checked.capacity() == null) {
      context.getLog().warn("the resource manager did not answer within {}; job {} is accepted unchecked",
          coordinatorSettings.capacityCheckTimeout(), submit.definition().jobName());
    }
    Optional<String> refusal = JobQueue.refusal(submit.definition(), checked.capacity());
    if (refusal.isPresent()) {
      context.getLog().info("job {} from {} refused: {}", submit.definition().jobName(),
          submit.definition().origin(), refusal.get());
      submit.replyTo().tell(new JobCoordinatorProtocol.JobRejected(refusal.get()));
      return Effect().none();
    }
    long requested = submit.requestedJobId();
    long jobId = requested > 0 ? requested : Math.max(state.lastJobId() + 1, idBase);
    JobSummary summary = new JobSummary(jobId, submit.definition().jobName(),
        JobStatus.PENDING, System.currentTimeMillis(), 0, null, JobMetrics.ZERO, submit.definition());
    if (submit.fromSavepoint()) {
      return restore(summary, submit);
    }
    CoordinatorEvent submitted = new CoordinatorEvent.JobSubmitted(summary);
    context.getLog().info("job {} ({}) submitted from {}", jobId, submit.definition().jobName(),
        submit.definition().origin());
    return Effect().persist(submitted).thenRun(after -> {
      submit.replyTo().tell(new JobCoordinatorProtocol.JobAccepted(jobId));
      this.events.publish(JobEvent.job(EventType.JOB_SUBMITTED, jobId, null));
      context.getSelf().tell(AdmitNext.INSTANCE);
    });
  }

  /**
   * A job that ended SAVEPOINT_DONE runs again: its summary starts over and its JobMaster, which kept
   * the savepoint in its journal, restores it at once (no queue: the JobMaster waits for slots).
   * Timers of its earlier end (history expiry, slot leak check) no longer apply.
   */
  private Effect<CoordinatorEvent, CoordinatorState> restore(JobSummary summary, SubmitJob submit) {
    long jobId = summary.jobId();
    context.getLog().info("job {} ({}) submitted from {} to restore from its savepoint", jobId,
        summary.jobName(), submit.definition().origin());
    return Effect().persist(new CoordinatorEvent.JobRestoreSubmitted(summary)).thenRun(after -> {
      timers.cancel("expire-" + jobId);
      timers.cancel("slot-leaks-" + jobId);
      submit.replyTo().tell(new JobCoordinatorProtocol.JobAccepted(jobId));
      this.events.publish(JobEvent.job(EventType.JOB_SUBMITTED, jobId, null));
      jobMasters.forJob(jobId).tell(new JobMasterProtocol.RestoreJob(jobId, summary.definition(),
          context.getSelf().narrow()));
    });
  }

  /** Answers a submit the state alone decides: a bad id, an id already taken, a restore without a savepoint. */
  private boolean answeredFromState(CoordinatorState state, SubmitJob submit) {
    long requested = submit.requestedJobId();
    if (requested < 0) {
      submit.replyTo().tell(new JobCoordinatorProtocol.JobRejected("job id must be positive, got " + requested));
      return true;
    }
    JobSummary known = requested > 0 ? state.jobs().get(requested) : null;
    Optional<String> savepointRefusal = SavepointRules.submitRefusal(requested, known, submit);
    if (savepointRefusal.isPresent()) {
      submit.replyTo().tell(new JobCoordinatorProtocol.JobRejected(savepointRefusal.get()));
      return true;
    }
    if (known == null || (submit.fromSavepoint() && known.status() == JobStatus.SAVEPOINT_DONE)) {
      return false;
    }
    if (known.definition() != null && known.definition().equals(submit.definition())) {
      submit.replyTo().tell(new JobCoordinatorProtocol.JobAccepted(requested)); // a re-sent submit
    } else {
      submit.replyTo().tell(new JobCoordinatorProtocol.JobRejected(
          "job id " + requested + " is already used by job '" + known.jobName() + "'"));
    }
    return true;
  }

  // ---- admission ----

  private Effect<CoordinatorEvent, CoordinatorState> onAdmitNext(CoordinatorState state, AdmitNext admit) {
    if (capacityAsked || (state.queue().isEmpty() && state.admitted() == 0)) {
      return Effect().none();
    }
    capacityAsked = true;
    context.ask(SlotCapacity.class, resourceManager, coordinatorSettings.capacityCheckTimeout(),
        ResourceManagerProtocol.GetSlotCapacity::new, (capacity, failure) -> new CapacityForQueue(capacity));
    return Effect().none();
  }

  private Effect<CoordinatorEvent, CoordinatorState> onCapacityForQueue(
      CoordinatorState state, CapacityForQueue answer) {
    capacityAsked = false;
    JobQueue.Decision decision = queue.next(state, answer.capacity());
    for (long jobId : decision.tooBig()) {
      context.getLog().warn("job {} needs more slots than the live workers have; it fails unless workers come back "
          + "within {}", jobId, coordinatorSettings.unschedulableTimeout());
      timers.startSingleTimer("unschedulable-" + jobId, new Unschedulable(jobId), coordinatorSettings.unschedulableTimeout());
    }
    if (!decision.changesState()) {
      return Effect().none();
    }
    List<CoordinatorEvent> toPersist = new ArrayList<>();
    for (JobQueue.Fail f : decision.fail()) {
      context.getLog().warn("job {} cannot start and fails: {}", f.jobId(), f.reason());
      toPersist.add(new CoordinatorEvent.JobStatusUpdated(f.jobId(), JobStatus.FAILED, f.reason(),
          state.jobs().get(f.jobId()).metrics(), System.currentTimeMillis()));
    }
    if (decision.admit() != 0) {
      toPersist.add(new CoordinatorEvent.JobAdmitted(decision.admit()));
    }
    return Effect().persist(toPersist).thenRun(after -> {
      for (JobQueue.Fail f : decision.fail()) {
        if (state.admitted() == f.jobId()) {
          // its JobMaster was started and still waits for slots: stop it
          jobMasters.forJob(f.jobId()).tell(new JobMasterProtocol.CancelJob("the cluster is too small for the job"));
        }
        afterStatus(after, f.jobId());
      }
      if (decision.admit() != 0) {
        startJobMaster(after, decision.admit());
      }
    });
  }

  private Effect<CoordinatorEvent, CoordinatorState> onUnschedulable(CoordinatorState state, Unschedulable timeUp) {
    queue.timeUp(timeUp.jobId());
    return onAdmitNext(state, AdmitNext.INSTANCE); // fails it if the cluster is still too small
  }

  private void startJobMaster(CoordinatorState state, long jobId) {
    JobSummary job = state.jobs().get(jobId);
    ActorRef<JobCoordinatorProtocol> self = context.getSelf().narrow();
    jobMasters.forJob(jobId).tell(new JobMasterProtocol.StartJob(jobId, job.definition(), self));
  }

  // ---- status from job masters ----

  private Effect<CoordinatorEvent, CoordinatorState> onReport(CoordinatorState state, JobStatusChanged changed) {
    if (state.job(changed.jobId()).filter(j -> !j.status().isTerminal()).isPresent()) {
      reportsReceived.merge(changed.jobId(), 1L, Long::sum);
    }
    return onStatus(state, changed);
  }

  private Effect<CoordinatorEvent, CoordinatorState> onStatus(CoordinatorState state, JobStatusChanged changed) {
    JobSummary known = state.jobs().get(changed.jobId());
    if (known == null || known.status().isTerminal()) {
      context.getLog().debug("status {} of job {} ignored (unknown or already ended)", changed.status(), changed.jobId());
      return Effect().none();
    }
    if (known.status() == changed.status() && !changed.status().isTerminal()) {
      liveMetrics.put(changed.jobId(), changed.metrics());
      return Effect().none();
    }
    return Effect().persist(new CoordinatorEvent.JobStatusUpdated(changed.jobId(), changed.status(),
            changed.errorMessage(), changed.metrics(), System.currentTimeMillis()))
        .thenRun(after -> {
          afterStatus(after, changed.jobId());
          answerSavepointWaiters(known.status(), after.jobs().get(changed.jobId()));
        });
  }

  private Effect<CoordinatorEvent, CoordinatorState> onMetrics(CoordinatorState state, JobMetricsUpdated update) {
    JobSummary known = state.jobs().get(update.jobId());
    if (known != null && !known.status().isTerminal()) {
      liveMetrics.put(update.jobId(), update.metrics());
    }
    return Effect().none();
  }

  private void afterStatus(CoordinatorState state, long jobId) {
    JobSummary job = state.jobs().get(jobId);
    if (job != null && job.status().isTerminal()) {
      liveMetrics.remove(jobId);
      jobMasterRestarts.remove(jobId);
      reportsReceived.remove(jobId);
      timers.cancel(probeKey(jobId));
      context.getLog().info("job {} ({}) ended {}{}", jobId, job.jobName(), job.status(),
          job.errorMessage() == null ? "" : ": " + job.errorMessage());
      timers.startSingleTimer("slot-leaks-" + jobId, new CheckSlotLeaks(jobId, job.status()), SLOT_LEAK_GRACE);
      this.events.publish(JobEvent.job(switch (job.status()) {
        case FINISHED -> EventType.JOB_FINISHED;
        case CANCELED, SAVEPOINT_DONE -> EventType.JOB_CANCELED;
        default -> EventType.JOB_FAILED;
      }, jobId, job.errorMessage()));
      Set<ActorRef<JobLookup>> waiting = waiters.remove(jobId);
      if (waiting != null) {
        waiting.forEach(waiter -> {
          waiter.tell(new JobLookup(jobId, job));
          unwatchIfIdle(waiter);
        });
      }
      timers.startSingleTimer("expire-" + jobId, new Expire(jobId), settings.historyExpiry());
    } else if (job != null && (job.status() == JobStatus.SCHEDULED || job.status() == JobStatus.RUNNING)) {
      this.events.publish(JobEvent.job(
          job.status() == JobStatus.SCHEDULED ? EventType.JOB_SCHEDULED : EventType.JOB_RUNNING, jobId, null));
    }
    context.getSelf().tell(AdmitNext.INSTANCE); // an end or new slots may let the next job start
  }

  // ---- queries and waiters ----

  private Effect<CoordinatorEvent, CoordinatorState> onList(CoordinatorState state, ListJobs list) {
    list.replyTo().tell(new JobCoordinatorProtocol.JobList(state.jobs().values().stream().map(this::live).toList()));
    return Effect().none();
  }

  private Effect<CoordinatorEvent, CoordinatorState> onGet(CoordinatorState state, GetJob get) {
    get.replyTo().tell(new JobLookup(get.jobId(), state.job(get.jobId()).map(this::live).orElse(null)));
    return Effect().none();
  }

  private Effect<CoordinatorEvent, CoordinatorState> onAwait(CoordinatorState state, AwaitJob await) {
    JobSummary known = state.jobs().get(await.jobId());
    if (known == null || known.status().isTerminal()) {
      await.replyTo().tell(new JobLookup(await.jobId(), known));
      return Effect().none();
    }
    if (!isWaiting(await.replyTo())) {
      // an ask that timed out stops its reply actor: watching drops the waiter instead of keeping it forever
      context.watchWith(await.replyTo(), new WaiterGone(await.replyTo()));
    }
    waiters.computeIfAbsent(await.jobId(), k -> new LinkedHashSet<>()).add(await.replyTo());
    return Effect().none();
  }

  private Effect<CoordinatorEvent, CoordinatorState> onWaiterGone(CoordinatorState state, WaiterGone gone) {
    waiters.values().forEach(set -> set.remove(gone.waiter()));
    waiters.values().removeIf(Set::isEmpty);
    context.getLog().debug("waiter {} stopped; waiters left for {} job(s)", gone.waiter(), waiters.size());
    return Effect().none();
  }

  private boolean isWaiting(ActorRef<JobLookup> waiter) {
    return waiters.values().stream().anyMatch(set -> set.contains(waiter));
  }

  private void unwatchIfIdle(ActorRef<JobLookup> waiter) {
    if (!isWaiting(waiter)) {
      context.unwatch(waiter);
    }
  }

  // ---- cancel and expiry ----

  private Effect<CoordinatorEvent, CoordinatorState> onCancel(CoordinatorState state, CancelJob cancel) {
    JobSummary known = state.jobs().get(cancel.jobId());
    if (known == null) {
      cancel.replyTo().tell(new JobCoordinatorProtocol.CancelReply(cancel.jobId(), false,
          "no job " + cancel.jobId() + " (never submitted, or expired from history)"));
      return Effect().none();
    }
    if (known.status().isTerminal()) {
      cancel.replyTo().tell(new JobCoordinatorProtocol.CancelReply(cancel.jobId(), false,
          "job " + cancel.jobId() + " already ended: " + known.status()));
      return Effect().none();
    }
    JobCoordinatorProtocol.CancelReply accepted =
        new JobCoordinatorProtocol.CancelReply(cancel.jobId(), true, "cancelling job " + cancel.jobId());
    if (state.queue().contains(cancel.jobId())) {
      return Effect().persist(new CoordinatorEvent.JobStatusUpdated(cancel.jobId(), JobStatus.CANCELED,
              "cancelled before it started", known.metrics(), System.currentTimeMillis()))
          .thenRun(after -> {
            cancel.replyTo().tell(accepted);
            afterStatus(after, cancel.jobId());
          });
    }
    jobMasters.forJob(cancel.jobId()).tell(new JobMasterProtocol.CancelJob("cancelled by request"));
    cancel.replyTo().tell(accepted);
    return Effect().none();
  }

  /**
   * Stop with a savepoint: refused here unless the job runs; otherwise its JobMaster takes the
   * savepoint (or refuses, e.g. while a pipeline restarts), and the requester hears the outcome when
   * the job's status shows it ({@link #answerSavepointWaiters}).
   */
  private Effect<CoordinatorEvent, CoordinatorState> onStopWithSavepoint(CoordinatorState state,
      StopJobWithSavepoint stop) {
    Optional<String> refusal = SavepointRules.stopRefusal(stop.jobId(), state.jobs().get(stop.jobId()));
    if (refusal.isPresent()) {
      stop.replyTo().tell(new CancelReply(stop.jobId(), false, refusal.get()));
      return Effect().none();
    }
    // waiting before the JobMaster is asked: the savepoint's outcome may be reported before its answer
    savepointWaiters.computeIfAbsent(stop.jobId(), k -> new LinkedHashSet<>()).add(stop.replyTo());
    context.ask(CancelReply.class, jobMasters.forJob(stop.jobId()), coordinatorSettings.jobMasterProbeTimeout(),
        JobMasterProtocol.StopWithSavepoint::new, (reply, failure) -> new SavepointAnswered(stop, reply));
    return Effect().none();
  }

  /** The JobMaster took the savepoint on (its outcome comes as the job's status) or refused it. */
  private Effect<CoordinatorEvent, CoordinatorState> onSavepointAnswered(CoordinatorState state,
      SavepointAnswered answered) {
    StopJobWithSavepoint stop = answered.request();
    CancelReply reply = answered.reply();
    if (reply != null && reply.accepted()) {
      context.getLog().info("job {}: {}", stop.jobId(), reply.message());
      return Effect().none();
    }
    Set<ActorRef<CancelReply>> waiting = savepointWaiters.get(stop.jobId());
    if (waiting == null || !waiting.remove(stop.replyTo())) {
      return Effect().none(); // answered already
    }
    if (waiting.isEmpty()) {
      savepointWaiters.remove(stop.jobId());
    }
    stop.replyTo().tell(reply != null ? reply : new CancelReply(stop.jobId(), false, "the job master of job "
        + stop.jobId() + " did not answer within " + coordinatorSettings.jobMasterProbeTimeout()
        + "; no savepoint was taken, the job goes on; try again"));
    return Effect().none();
  }

  /** The job's status moved on from DOING_SAVEPOINT: tell those waiting for its savepoint how it went. */
  private void answerSavepointWaiters(JobStatus before, JobSummary job) {
    if (before != JobStatus.DOING_SAVEPOINT || job.status() == JobStatus.DOING_SAVEPOINT) {
      return;
    }
    Set<ActorRef<CancelReply>> waiting = savepointWaiters.remove(job.jobId());
    if (waiting != null) {
      CancelReply outcome = SavepointRules.outcome(job);
      waiting.forEach(w -> w.tell(outcome));
    }
  }

  private Effect<CoordinatorEvent, CoordinatorState> onCheckSlotLeaks(CoordinatorState state, CheckSlotLeaks check) {
    ResourceTrackers.get(context.getSystem()).jobEnded(check.jobId(), "job " + check.status(),
        kind -> kind.equals("slot-assignment") || kind.equals("slot"));
    return Effect().none();
  }

  private Effect<CoordinatorEvent, CoordinatorState> onExpire(CoordinatorState state, Expire expire) {
    // a job restored from its savepoint since runs again: not history any more
    return state.job(expire.jobId()).filter(j -> j.status().isTerminal()).isPresent()
        ? Effect().persist(new CoordinatorEvent.JobExpired(expire.jobId()))
        : Effect().none();
  }

  // ---- recovery and liveness probes ----

  /**
   * After a restart: expiry timers again for ended jobs, a liveness probe for jobs that were
   * running, and the queue moving again.
   */
  private void onRecovered(CoordinatorState state) {
    long now = System.currentTimeMillis();
    int running = 0;
    for (JobSummary job : state.jobs().values()) {
      if (job.status().isTerminal()) {
        long left = job.finishTime() + settings.historyExpiry().toMillis() - now;
        timers.startSingleTimer("expire-" + job.jobId(), new Expire(job.jobId()), Duration.ofMillis(Math.max(0, left)));
      } else if (!state.queue().contains(job.jobId())) {
        running++;
        probe(job.jobId(), 1);
      }
    }
    context.getLog().info("job coordinator recovered {} job(s): {} queued, {} to check", state.jobs().size(),
        state.queue().size(), running);
    // the restart may have come between an end and the next admission; the timer keeps jobs moving
    // as slots free up
    timers.startTimerWithFixedDelay("admit", AdmitNext.INSTANCE, coordinatorSettings.admissionInterval());
    context.getSelf().tell(AdmitNext.INSTANCE);
  }

  private void probe(long jobId, int attempt) {
    long reportsBefore = reportsReceived.getOrDefault(jobId, 0L);
    context.ask(JobMasterStatus.class, jobMasters.forJob(jobId), coordinatorSettings.jobMasterProbeTimeout(),
        JobMasterProtocol.GetJobStatus::new, (reply, failure) -> new ProbeAnswered(jobId, attempt, reportsBefore, reply));
  }

  private Effect<CoordinatorEvent, CoordinatorState> onProbe(CoordinatorState state, ProbeJobMaster probe) {
    if (state.job(probe.jobId()).filter(j -> !j.status().isTerminal()).isPresent()) {
      probe(probe.jobId(), probe.attempt());
    }
    return Effect().none();
  }

  private Effect<CoordinatorEvent, CoordinatorState> onProbeAnswered(CoordinatorState state, ProbeAnswered answer) {
    long jobId = answer.jobId();
    JobSummary known = state.jobs().get(jobId);
    if (known == null || known.status().isTerminal()) {
      return Effect().none();
    }
    if (answer.reply() == null) {
      probeAgainLater(jobId, answer.attempt());
      return Effect().none();
    }
    JobStatus reported = answer.reply().status();
    if (reported == null) {
      return onUnknownToJobMaster(state, known);
    }
    jobMasterRestarts.remove(jobId);
    context.getLog().info("job master of job {} answered after {} probe(s): {}", jobId, answer.attempt(), reported);
    if (reported == known.status()) {
      return Effect().none();
    }
    if (!reported.isTerminal() && reportsReceived.getOrDefault(jobId, 0L) != answer.reportsBefore()) {
      // the JobMaster reported again after it answered: its report is newer than this answer
      context.getLog().debug("probe answer {} of job {} is older than its last report ({}); ignored",
          reported, jobId, known.status());
      return Effect().none();
    }
    // a report sent while this coordinator was down was lost: take the JobMaster's word
    return onStatus(state, new JobStatusChanged(jobId, reported,
        reported.isTerminal() ? "ended while the job coordinator was restarting" : null, live(known).metrics()));
  }

  /** No answer is not an answer: the JobMaster may still be recovering. Ask again, less and less often. */
  private void probeAgainLater(long jobId, int attempt) {
    long factor = 1L << Math.min(attempt - 1, 20);
    Duration pause = FIRST_PROBE_BACKOFF.multipliedBy(factor);
    if (pause.compareTo(coordinatorSettings.jobMasterProbeMaxBackoff()) > 0) {
      pause = coordinatorSettings.jobMasterProbeMaxBackoff();
    }
    if (Integer.bitCount(attempt) == 1) { // 1, 2, 4, 8, ...: the log grows with the logarithm of the wait
      context.getLog().warn("job master of job {} has not answered {} probe(s) of {} each (it may still be "
          + "recovering); asking again in {}", jobId, attempt, coordinatorSettings.jobMasterProbeTimeout(), pause);
    }
    timers.startSingleTimer(probeKey(jobId), new ProbeJobMaster(jobId, attempt + 1), pause);
  }

  /**
   * The JobMaster never started the job: its StartJob was lost (a crash between the admission and
   * the JobMaster's first journal entry), so the job never ran and sending it again is safe.
   */
  private Effect<CoordinatorEvent, CoordinatorState> onUnknownToJobMaster(CoordinatorState state, JobSummary known) {
    long jobId = known.jobId();
    int restarts = jobMasterRestarts.getOrDefault(jobId, 0);
    if (known.definition() != null && restarts < coordinatorSettings.jobMasterRestarts()) {
      jobMasterRestarts.put(jobId, restarts + 1);
      context.getLog().warn("job master of job {} does not know the job (its start was lost); starting it again "
          + "({} of {})", jobId, restarts + 1, coordinatorSettings.jobMasterRestarts());
      startJobMaster(state, jobId);
      probe(jobId, 1);
      return Effect().none();
    }
    String reason = "its job master does not know the job (its start was lost in a master restart)"
        + (known.definition() == null ? "" : " and did not take it after " + restarts + " new start(s)");
    return Effect().persist(new CoordinatorEvent.JobStatusUpdated(jobId, JobStatus.FAILED, reason,
            live(known).metrics(), System.currentTimeMillis()))
        .thenRun(after -> afterStatus(after, jobId));
  }

  private static String probeKey(long jobId) {
    return "probe-" + jobId;
  }

  private JobSummary live(JobSummary job) {
    JobMetrics metrics = liveMetrics.get(job.jobId());
    return metrics == null ? job : job.withMetrics(metrics);
  }
}
