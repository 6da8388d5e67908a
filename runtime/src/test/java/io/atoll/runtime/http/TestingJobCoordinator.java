package io.atoll.runtime.http;

import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import io.atoll.protocol.job.JobCoordinatorProtocol;
import io.atoll.protocol.job.JobCoordinatorProtocol.AwaitJob;
import io.atoll.protocol.job.JobCoordinatorProtocol.CancelJob;
import io.atoll.protocol.job.JobCoordinatorProtocol.CancelReply;
import io.atoll.protocol.job.JobCoordinatorProtocol.GetJob;
import io.atoll.protocol.job.JobCoordinatorProtocol.JobAccepted;
import io.atoll.protocol.job.JobCoordinatorProtocol.JobList;
import io.atoll.protocol.job.JobCoordinatorProtocol.JobLookup;
import io.atoll.protocol.job.JobCoordinatorProtocol.JobRejected;
import io.atoll.protocol.job.JobCoordinatorProtocol.ListJobs;
import io.atoll.protocol.job.JobCoordinatorProtocol.StopJobWithSavepoint;
import io.atoll.protocol.job.JobCoordinatorProtocol.SubmitJob;
import io.atoll.protocol.job.JobDefinition;
import io.atoll.protocol.job.JobMetrics;
import io.atoll.protocol.job.JobStatus;
import io.atoll.protocol.job.JobSummary;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * A JobCoordinator for API and CLI tests: answers the protocol from a map of jobs the test can
 * fill and read. Submits are recorded and start PENDING; {@link Jobs#onLookup} decides how a job
 * moves on each time it is looked up, so a test scripts a job's life without timers or sleeps.
 */
public final class TestingJobCoordinator {
  private TestingJobCoordinator() {}

  /** The coordinator's job table, shared with the test thread. */
  public static final class Jobs {
    public final Map<Long, JobSummary> byId = new ConcurrentHashMap<>();
    public final List<JobDefinition> submitted = new CopyOnWriteArrayList<>();
    public final AtomicLong nextId = new AtomicLong(1000);
    /** Job ids submitted with isStartWithSavePoint, in order. */
    public final List<Long> restored = new CopyOnWriteArrayList<>();
    /** Applied to a live job on each {@code GetJob}; the default leaves it as it is. */
    public volatile UnaryOperator<JobSummary> onLookup = UnaryOperator.identity();

    public JobSummary put(JobSummary job) {
      byId.put(job.jobId(), job);
      return job;
    }
  }

  /** A job summary as the real coordinator keeps it; the definition may be null. */
  public static JobSummary job(long id, String name, JobStatus status, long createTime, long finishTime,
      String error, JobMetrics metrics, JobDefinition definition) {
    return new JobSummary(id, name, status, createTime, finishTime, error, metrics, definition);
  }

  public static Behavior<JobCoordinatorProtocol> create(Jobs jobs) {
    return Behaviors.receive(JobCoordinatorProtocol.class)
        .onMessage(SubmitJob.class, submit -> {
          onSubmit(jobs, submit);
          return Behaviors.same();
        })
        .onMessage(ListJobs.class, list -> {
          list.replyTo().tell(new JobList(jobs.byId.values().stream()
              .sorted(Comparator.comparingLong(JobSummary::jobId)).toList()));
          return Behaviors.same();
        })
        .onMessage(GetJob.class, get -> {
          JobSummary job = jobs.byId.computeIfPresent(get.jobId(),
              (id, known) -> known.status().isTerminal() ? known : jobs.onLookup.apply(known));
          get.replyTo().tell(new JobLookup(get.jobId(), job));
          return Behaviors.same();
        })
        .onMessage(AwaitJob.class, await -> {
          await.replyTo().tell(new JobLookup(await.jobId(), jobs.byId.get(await.jobId())));
          return Behaviors.same();
        })
        .onMessage(CancelJob.class, cancel -> {
          cancel.replyTo().tell(onCancel(jobs, cancel.jobId()));
          return Behaviors.same();
        })
        .onMessage(StopJobWithSavepoint.class, stop -> {
          stop.replyTo().tell(onSavepoint(jobs, stop.jobId()));
          return Behaviors.same();
        })
        .build();
  }

  private static void onSubmit(Jobs jobs, SubmitJob submit) {
    long requested = submit.requestedJobId();
    JobSummary known = requested > 0 ? jobs.byId.get(requested) : null;
    if (submit.fromSavepoint()) {
      if (known == null || known.status() != JobStatus.SAVEPOINT_DONE) {
        submit.replyTo().tell(new JobRejected("no savepoint for job " + requested));
        return;
      }
      jobs.restored.add(requested);
      jobs.put(new JobSummary(requested, submit.definition().jobName(), JobStatus.PENDING, System.currentTimeMillis(),
          0, null, JobMetrics.ZERO, submit.definition()));
      submit.replyTo().tell(new JobAccepted(requested));
      return;
    }
    if (known != null) {
      submit.replyTo().tell(submit.definition().equals(known.definition())
          ? new JobAccepted(requested)
          : new JobRejected("job id " + requested + " is already used by job '" + known.jobName() + "'"));
      return;
    }
    long id = requested > 0 ? requested : jobs.nextId.getAndIncrement();
    jobs.submitted.add(submit.definition());
    jobs.put(new JobSummary(id, submit.definition().jobName(), JobStatus.PENDING, System.currentTimeMillis(), 0,
        null, JobMetrics.ZERO, submit.definition()));
    submit.replyTo().tell(new JobAccepted(id));
  }

  /** A RUNNING job ends SAVEPOINT_DONE at once; any other is refused, as the real coordinator words it. */
  private static CancelReply onSavepoint(Jobs jobs, long jobId) {
    JobSummary known = jobs.byId.get(jobId);
    if (known == null) {
      return new CancelReply(jobId, false, "no job " + jobId + " (never submitted, or expired from history)");
    }
    if (known.status() != JobStatus.RUNNING) {
      return new CancelReply(jobId, false, "job " + jobId + " is " + known.status()
          + ": only a RUNNING job can be stopped with a savepoint");
    }
    jobs.put(known.with(JobStatus.SAVEPOINT_DONE, null, System.currentTimeMillis()));
    return new CancelReply(jobId, true, "job " + jobId + " stopped with a savepoint (SAVEPOINT_DONE)");
  }

  private static CancelReply onCancel(Jobs jobs, long jobId) {
    JobSummary known = jobs.byId.get(jobId);
    if (known == null) {
      return new CancelReply(jobId, false, "no job " + jobId + " (never submitted, or expired from history)");
    }
    if (known.status().isTerminal()) {
      return new CancelReply(jobId, false, "job " + jobId + " already ended: " + known.status());
    }
    jobs.put(known.with(JobStatus.CANCELED, "cancelled by request", System.currentTimeMillis()));
    return new CancelReply(jobId, true, "cancelling job " + jobId);
  }
}
