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
import io.atoll.protocol.execution.JobMasterProtocol;
import io.atoll.protocol.job.JobCoordinatorProtocol;
import io.atoll.protocol.job.JobCoordinatorProtocol.AwaitJob;
import io.atoll.protocol.job.JobCoordinatorProtocol.CancelJob;
import io.atoll.protocol.job.JobCoordinatorProtocol.GetJob;
import io.atoll.protocol.job.JobCoordinatorProtocol.JobLookup;
import io.atoll.protocol.job.JobCoordinatorProtocol.JobMetricsUpdated;
import io.atoll.protocol.job.JobCoordinatorProtocol.JobStatusChanged;
import io.atoll.protocol.job.JobCoordinatorProtocol.ListJobs;
import io.atoll.protocol.job.JobCoordinatorProtocol.SubmitJob;
import io.atoll.protocol.job.JobMetrics;
import io.atoll.protocol.job.JobStatus;
import io.atoll.protocol.job.JobSummary;
import io.atoll.protocol.event.EventType;
import io.atoll.protocol.event.JobEvent;
import io.atoll.runtime.config.JobSettings;
import io.atoll.runtime.event.Events;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Accepts and numbers jobs, starts one JobMaster per job (through sharding), and keeps every job's
 * summary for queries until {@code history-job-expire-minutes} after it ended. A cluster singleton
 * on master nodes, event-sourced: submissions, admissions, status changes and expiries are
 * journalled (snapshots every {@code atoll.job.coordinator-snapshot-every} events, older events
 * deleted), so the job list, the queue and the history survive a master restart.
 *
 * <p>Jobs start in submission order: the next queued job's JobMaster is started only once the one
 * before it has its slots (or ended), so with the WAIT strategy waiting jobs get slots first come,
 * first served. Row counters of running jobs change every second and are kept in memory only; the
 * final counters are journalled with the job's end.
 *
 * <p>After recovery it asks the JobMaster of every job that was running whether it still runs (job
 * masters are remembered, event-sourced entities and recover on their own); a job whose job master
 * does not answer within {@link #JOB_MASTER_PROBE_TIMEOUT} is marked FAILED with that reason rather
 * than shown running forever.
 */
public final class JobCoordinator extends EventSourcedBehavior<Object, CoordinatorEvent, CoordinatorState> {

  public static final PersistenceId PERSISTENCE_ID = PersistenceId.ofUniqueId("job-coordinator");
  static final Duration JOB_MASTER_PROBE_TIMEOUT = Duration.ofSeconds(10);

  private record Expire(long jobId) implements NoSerializationVerificationNeeded {}

  private record JobMasterGone(long jobId) implements NoSerializationVerificationNeeded {}

  private record JobMasterAlive(long jobId) implements NoSerializationVerificationNeeded {}

  private enum AdmitNext implements NoSerializationVerificationNeeded {
    INSTANCE
  }

  private final ActorContext<Object> context;
  private final JobSettings settings;
  private final JobMasters jobMasters;
  private final TimerScheduler<Object> timers;
  private final long idBase = System.currentTimeMillis();
  private final Map<Long, List<ActorRef<JobLookup>>> waiters = new HashMap<>();
  private final Map<Long, JobMetrics> liveMetrics = new HashMap<>();
  private final Events events;

  public static Behavior<JobCoordinatorProtocol> create(JobSettings settings, JobMasters jobMasters) {
    return Behaviors.<Object>setup(context -> Behaviors.withTimers(timers -> {
      context.getLog().info("job coordinator starting (schedule strategy {})", settings.scheduleStrategy());
      return new JobCoordinator(context, settings, jobMasters, timers);
    })).narrow();
  }

  private JobCoordinator(
      ActorContext<Object> context, JobSettings settings, JobMasters jobMasters, TimerScheduler<Object> timers) {
    super(PERSISTENCE_ID, SupervisorStrategy.restartWithBackoff(Duration.ofMillis(200), Duration.ofSeconds(10), 0.2));
    this.context = context;
    this.settings = settings;
    this.jobMasters = jobMasters;
    this.timers = timers;
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
  public CommandHandler<Object, CoordinatorEvent, CoordinatorState> commandHandler() {
    return newCommandHandlerBuilder().forAnyState()
        .onCommand(SubmitJob.class, this::onSubmit)
        .onCommand(JobStatusChanged.class, this::onStatus)
        .onCommand(JobMetricsUpdated.class, this::onMetrics)
        .onCommand(ListJobs.class, (state, list) -> {
          list.replyTo().tell(new JobCoordinatorProtocol.JobList(state.jobs().values().stream().map(this::live).toList()));
          return Effect().none();
        })
        .onCommand(GetJob.class, (state, get) -> {
          get.replyTo().tell(new JobLookup(get.jobId(), state.job(get.jobId()).map(this::live).orElse(null)));
          return Effect().none();
        })
        .onCommand(AwaitJob.class, this::onAwait)
        .onCommand(CancelJob.class, this::onCancel)
        .onCommand(Expire.class, (state, expire) -> state.job(expire.jobId()).isPresent()
            ? Effect().persist(new CoordinatorEvent.JobExpired(expire.jobId()))
            : Effect().none())
        .onCommand(JobMasterAlive.class, (state, alive) -> Effect().none())
        .onCommand(JobMasterGone.class, this::onJobMasterGone)
        .onCommand(AdmitNext.class, (state, admit) -> {
          if (state.admitted() != 0 || state.queue().isEmpty()) {
            return Effect().none();
          }
          List<CoordinatorEvent> events = List.of(new CoordinatorEvent.JobAdmitted(state.queue().get(0)));
          return Effect().persist(events).thenRun(after -> startAdmitted(after, events));
        })
        .build();
  }

  private Effect<CoordinatorEvent, CoordinatorState> onSubmit(CoordinatorState state, SubmitJob submit) {
    long requested = submit.requestedJobId();
    if (requested < 0) {
      submit.replyTo().tell(new JobCoordinatorProtocol.JobRejected("job id must be positive, got " + requested));
      return Effect().none();
    }
    JobSummary known = requested > 0 ? state.jobs().get(requested) : null;
    if (known != null) {
      if (known.definition() != null && known.definition().equals(submit.definition())) {
        submit.replyTo().tell(new JobCoordinatorProtocol.JobAccepted(requested)); // a re-sent submit
      } else {
        submit.replyTo().tell(new JobCoordinatorProtocol.JobRejected(
            "job id " + requested + " is already used by job '" + known.jobName() + "'"));
      }
      return Effect().none();
    }
    long jobId = requested > 0 ? requested : Math.max(state.lastJobId() + 1, idBase);
    CoordinatorEvent submitted = new CoordinatorEvent.JobSubmitted(new JobSummary(jobId, submit.definition().jobName(),
        JobStatus.PENDING, System.currentTimeMillis(), 0, null, JobMetrics.ZERO, submit.definition()));
    List<CoordinatorEvent> events = withAdmission(state, submitted);
    context.getLog().info("job {} ({}) submitted from {}", jobId, submit.definition().jobName(), submit.definition().origin());
    return Effect().persist(events).thenRun(after -> {
      submit.replyTo().tell(new JobCoordinatorProtocol.JobAccepted(jobId));
      this.events.publish(JobEvent.job(EventType.JOB_SUBMITTED, jobId, null));
      startAdmitted(after, events);
    });
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
    List<CoordinatorEvent> events = withAdmission(state, new CoordinatorEvent.JobStatusUpdated(changed.jobId(),
        changed.status(), changed.errorMessage(), changed.metrics(), System.currentTimeMillis()));
    return Effect().persist(events).thenRun(after -> afterStatus(after, changed.jobId(), events));
  }

  private Effect<CoordinatorEvent, CoordinatorState> onMetrics(CoordinatorState state, JobMetricsUpdated update) {
    JobSummary known = state.jobs().get(update.jobId());
    if (known != null && !known.status().isTerminal()) {
      liveMetrics.put(update.jobId(), update.metrics());
    }
    return Effect().none();
  }

  private Effect<CoordinatorEvent, CoordinatorState> onAwait(CoordinatorState state, AwaitJob await) {
    JobSummary known = state.jobs().get(await.jobId());
    if (known == null || known.status().isTerminal()) {
      await.replyTo().tell(new JobLookup(await.jobId(), known));
    } else {
      waiters.computeIfAbsent(await.jobId(), k -> new ArrayList<>()).add(await.replyTo());
    }
    return Effect().none();
  }

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
      List<CoordinatorEvent> events = withAdmission(state, new CoordinatorEvent.JobStatusUpdated(cancel.jobId(),
          JobStatus.CANCELED, "cancelled before it started", known.metrics(), System.currentTimeMillis()));
      return Effect().persist(events).thenRun(after -> {
        cancel.replyTo().tell(accepted);
        afterStatus(after, cancel.jobId(), events);
      });
    }
    jobMasters.forJob(cancel.jobId()).tell(new JobMasterProtocol.CancelJob("cancelled by request"));
    cancel.replyTo().tell(accepted);
    return Effect().none();
  }

  private Effect<CoordinatorEvent, CoordinatorState> onJobMasterGone(CoordinatorState state, JobMasterGone gone) {
    JobSummary known = state.jobs().get(gone.jobId());
    if (known == null || known.status().isTerminal()) {
      return Effect().none();
    }
    List<CoordinatorEvent> events = withAdmission(state, new CoordinatorEvent.JobStatusUpdated(gone.jobId(),
        JobStatus.FAILED, "its job master did not answer after the master restart",
        known.metrics(), System.currentTimeMillis()));
    return Effect().persist(events).thenRun(after -> afterStatus(after, gone.jobId(), events));
  }

  /** The event, plus the admission of the next queued job if the event lets one start. */
  private static List<CoordinatorEvent> withAdmission(CoordinatorState state, CoordinatorEvent event) {
    CoordinatorState after = state.apply(event);
    if (after.admitted() == 0 && !after.queue().isEmpty()) {
      return List.of(event, new CoordinatorEvent.JobAdmitted(after.queue().get(0)));
    }
    return List.of(event);
  }

  private void startAdmitted(CoordinatorState state, List<CoordinatorEvent> events) {
    for (CoordinatorEvent e : events) {
      if (e instanceof CoordinatorEvent.JobAdmitted admitted) {
        startJobMaster(state, admitted.jobId());
      }
    }
  }

  private void startJobMaster(CoordinatorState state, long jobId) {
    JobSummary job = state.jobs().get(jobId);
    ActorRef<JobCoordinatorProtocol> self = context.getSelf().narrow();
    jobMasters.forJob(jobId).tell(new JobMasterProtocol.StartJob(jobId, job.definition(), self));
  }

  private void afterStatus(CoordinatorState state, long jobId, List<CoordinatorEvent> events) {
    JobSummary job = state.jobs().get(jobId);
    if (job != null && job.status().isTerminal()) {
      liveMetrics.remove(jobId);
      context.getLog().info("job {} ({}) ended {}{}", jobId, job.jobName(), job.status(),
          job.errorMessage() == null ? "" : ": " + job.errorMessage());
      this.events.publish(JobEvent.job(switch (job.status()) {
        case FINISHED -> EventType.JOB_FINISHED;
        case CANCELED -> EventType.JOB_CANCELED;
        default -> EventType.JOB_FAILED;
      }, jobId, job.errorMessage()));
      for (ActorRef<JobLookup> waiter : waiters.getOrDefault(jobId, List.of())) {
        waiter.tell(new JobLookup(jobId, job));
      }
      waiters.remove(jobId);
      timers.startSingleTimer("expire-" + jobId, new Expire(jobId), settings.historyExpiry());
    } else if (job != null && (job.status() == JobStatus.SCHEDULED || job.status() == JobStatus.RUNNING)) {
      this.events.publish(JobEvent.job(
          job.status() == JobStatus.SCHEDULED ? EventType.JOB_SCHEDULED : EventType.JOB_RUNNING, jobId, null));
    }
    startAdmitted(state, events);
  }

  /**
   * After a restart: expiry timers again for ended jobs, a liveness check for jobs that were
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
        long jobId = job.jobId();
        context.ask(JobMasterProtocol.JobMasterStatus.class, jobMasters.forJob(jobId), JOB_MASTER_PROBE_TIMEOUT,
            JobMasterProtocol.GetJobStatus::new,
            (reply, failure) -> reply != null ? new JobMasterAlive(jobId) : new JobMasterGone(jobId));
      }
    }
    context.getLog().info("job coordinator recovered {} job(s): {} queued, {} to check", state.jobs().size(),
        state.queue().size(), running);
    context.getSelf().tell(AdmitNext.INSTANCE); // the restart may have come between an end and the next admission
  }

  private JobSummary live(JobSummary job) {
    JobMetrics metrics = liveMetrics.get(job.jobId());
    return metrics == null ? job : job.withMetrics(metrics);
  }
}
