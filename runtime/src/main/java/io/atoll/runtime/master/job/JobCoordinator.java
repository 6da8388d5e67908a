package io.atoll.runtime.master.job;

import akka.actor.NoSerializationVerificationNeeded;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.javadsl.TimerScheduler;
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
import io.atoll.runtime.config.JobSettings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Accepts and numbers jobs, starts one JobMaster per job (through sharding), and keeps every job's
 * summary for queries until {@code history-job-expire-minutes} after it ended. A cluster singleton
 * on master nodes.
 *
 * <p>Jobs start in submission order: the next queued job's JobMaster is started only once the one
 * before it has its slots (or ended), so with the WAIT strategy waiting jobs get slots first come,
 * first served. Its state is a {@link CoordinatorState} changed only by {@link CoordinatorEvent}s,
 * which the next step journals; until then a coordinator failover forgets the job list.
 */
public final class JobCoordinator extends AbstractBehavior<Object> {

  private record Expire(long jobId) implements NoSerializationVerificationNeeded {}

  private final JobSettings settings;
  private final JobMasters jobMasters;
  private final TimerScheduler<Object> timers;
  private final long idBase = System.currentTimeMillis();
  private final Map<Long, List<ActorRef<JobLookup>>> waiters = new HashMap<>();
  private CoordinatorState state = CoordinatorState.EMPTY;

  public static Behavior<JobCoordinatorProtocol> create(JobSettings settings, JobMasters jobMasters) {
    return Behaviors.<Object>setup(context -> Behaviors.withTimers(timers -> {
      context.getLog().info("job coordinator started (schedule strategy {})", settings.scheduleStrategy());
      return new JobCoordinator(context, settings, jobMasters, timers);
    })).narrow();
  }

  private JobCoordinator(
      ActorContext<Object> context, JobSettings settings, JobMasters jobMasters, TimerScheduler<Object> timers) {
    super(context);
    this.settings = settings;
    this.jobMasters = jobMasters;
    this.timers = timers;
  }

  @Override
  public Receive<Object> createReceive() {
    return newReceiveBuilder()
        .onMessage(SubmitJob.class, this::onSubmit)
        .onMessage(JobStatusChanged.class, this::onStatus)
        .onMessage(JobMetricsUpdated.class, this::onMetrics)
        .onMessage(ListJobs.class, list -> {
          list.replyTo().tell(new JobCoordinatorProtocol.JobList(new ArrayList<>(state.jobs().values())));
          return this;
        })
        .onMessage(GetJob.class, get -> {
          get.replyTo().tell(new JobLookup(get.jobId(), state.jobs().get(get.jobId())));
          return this;
        })
        .onMessage(AwaitJob.class, this::onAwait)
        .onMessage(CancelJob.class, this::onCancel)
        .onMessage(Expire.class, expire -> {
          apply(new CoordinatorEvent.JobExpired(expire.jobId()));
          return this;
        })
        .build();
  }

  private Behavior<Object> onSubmit(SubmitJob submit) {
    long requested = submit.requestedJobId();
    if (requested < 0) {
      submit.replyTo().tell(new JobCoordinatorProtocol.JobRejected("job id must be positive, got " + requested));
      return this;
    }
    if (requested > 0 && state.jobs().containsKey(requested)) {
      JobSummary known = state.jobs().get(requested);
      if (known.definition() != null && known.definition().equals(submit.definition())) {
        submit.replyTo().tell(new JobCoordinatorProtocol.JobAccepted(requested)); // a re-sent submit
      } else {
        submit.replyTo().tell(new JobCoordinatorProtocol.JobRejected(
            "job id " + requested + " is already used by job '" + known.jobName() + "'"));
      }
      return this;
    }
    long jobId = requested > 0 ? requested : Math.max(state.lastJobId() + 1, idBase);
    apply(new CoordinatorEvent.JobSubmitted(new JobSummary(jobId, submit.definition().jobName(), JobStatus.PENDING,
        System.currentTimeMillis(), 0, null, JobMetrics.ZERO, submit.definition())));
    getContext().getLog().info("job {} ({}) submitted from {}", jobId, submit.definition().jobName(),
        submit.definition().origin());
    submit.replyTo().tell(new JobCoordinatorProtocol.JobAccepted(jobId));
    admitNext();
    return this;
  }

  /** Starts the JobMaster of the oldest queued job, unless the job started before it still waits. */
  private void admitNext() {
    if (state.admitted() != 0 || state.queue().isEmpty()) {
      return;
    }
    long jobId = state.queue().get(0);
    JobSummary job = state.jobs().get(jobId);
    apply(new CoordinatorEvent.JobAdmitted(jobId));
    ActorRef<JobCoordinatorProtocol> self = getContext().getSelf().narrow();
    jobMasters.forJob(jobId).tell(new JobMasterProtocol.StartJob(jobId, job.definition(), self));
  }

  private Behavior<Object> onStatus(JobStatusChanged changed) {
    JobSummary known = state.jobs().get(changed.jobId());
    if (known == null || known.status().isTerminal()) {
      getContext().getLog().debug("status {} of job {} ignored (unknown or already ended)", changed.status(), changed.jobId());
      return this;
    }
    apply(new CoordinatorEvent.JobStatusUpdated(changed.jobId(), changed.status(), changed.errorMessage(),
        changed.metrics(), System.currentTimeMillis()));
    if (changed.status().isTerminal()) {
      ended(changed.jobId());
    }
    admitNext();
    return this;
  }

  private Behavior<Object> onMetrics(JobMetricsUpdated update) {
    JobSummary known = state.jobs().get(update.jobId());
    if (known != null && !known.status().isTerminal()) {
      apply(new CoordinatorEvent.JobStatusUpdated(update.jobId(), known.status(), null, update.metrics(),
          System.currentTimeMillis()));
    }
    return this;
  }

  private Behavior<Object> onAwait(AwaitJob await) {
    JobSummary known = state.jobs().get(await.jobId());
    if (known == null || known.status().isTerminal()) {
      await.replyTo().tell(new JobLookup(await.jobId(), known));
    } else {
      waiters.computeIfAbsent(await.jobId(), k -> new ArrayList<>()).add(await.replyTo());
    }
    return this;
  }

  private Behavior<Object> onCancel(CancelJob cancel) {
    JobSummary known = state.jobs().get(cancel.jobId());
    if (known == null) {
      cancel.replyTo().tell(new JobCoordinatorProtocol.CancelReply(cancel.jobId(), false,
          "no job " + cancel.jobId() + " (never submitted, or expired from history)"));
      return this;
    }
    if (known.status().isTerminal()) {
      cancel.replyTo().tell(new JobCoordinatorProtocol.CancelReply(cancel.jobId(), false,
          "job " + cancel.jobId() + " already ended: " + known.status()));
      return this;
    }
    if (state.queue().contains(cancel.jobId())) {
      apply(new CoordinatorEvent.JobStatusUpdated(cancel.jobId(), JobStatus.CANCELED, "cancelled before it started",
          known.metrics(), System.currentTimeMillis()));
      ended(cancel.jobId());
    } else {
      jobMasters.forJob(cancel.jobId()).tell(new JobMasterProtocol.CancelJob("cancelled by request"));
    }
    cancel.replyTo().tell(new JobCoordinatorProtocol.CancelReply(cancel.jobId(), true, "cancelling job " + cancel.jobId()));
    return this;
  }

  private void ended(long jobId) {
    JobSummary job = state.jobs().get(jobId);
    getContext().getLog().info("job {} ({}) ended {}{}", jobId, job.jobName(), job.status(),
        job.errorMessage() == null ? "" : ": " + job.errorMessage());
    for (ActorRef<JobLookup> waiter : waiters.getOrDefault(jobId, List.of())) {
      waiter.tell(new JobLookup(jobId, job));
    }
    waiters.remove(jobId);
    timers.startSingleTimer("expire-" + jobId, new Expire(jobId), settings.historyExpiry());
  }

  private void apply(CoordinatorEvent event) {
    state = state.apply(event);
  }
}
