package io.atoll.protocol.job;

import akka.actor.typed.ActorRef;
import io.atoll.protocol.WireMessage;
import java.util.List;
import java.util.Objects;

/**
 * Messages of the JobCoordinator cluster singleton: submit, watch and cancel jobs. Its mailbox type
 * is {@link JobCoordinatorCommand}, which these extend.
 */
public sealed interface JobCoordinatorProtocol extends JobCoordinatorCommand, WireMessage {

  /**
   * Submit a validated job. {@code requestedJobId} is 0 to let the coordinator number it, or a
   * positive id chosen by the client (REST {@code jobId}); a re-sent submit with the same id and the
   * same definition is accepted again without starting a second job. {@code fromSavepoint}
   * (SeaTunnel's {@code isStartWithSavePoint}): the job {@code requestedJobId} ended
   * SAVEPOINT_DONE and runs again from its savepoint; refused for an id without one.
   */
  record SubmitJob(JobDefinition definition, long requestedJobId, boolean fromSavepoint,
      ActorRef<SubmitReply> replyTo) implements JobCoordinatorProtocol {
    public SubmitJob {
      Objects.requireNonNull(definition, "definition");
      Objects.requireNonNull(replyTo, "replyTo");
    }

    /** A fresh start, not from a savepoint. */
    public SubmitJob(JobDefinition definition, long requestedJobId, ActorRef<SubmitReply> replyTo) {
      this(definition, requestedJobId, false, replyTo);
    }
  }

  sealed interface SubmitReply extends WireMessage {}

  record JobAccepted(long jobId) implements SubmitReply {}

  /** Nothing was stored or started; {@code reason} says why, with the numbers where there are any. */
  record JobRejected(String reason) implements SubmitReply {}

  record ListJobs(ActorRef<JobList> replyTo) implements JobCoordinatorProtocol {}

  record JobList(List<JobSummary> jobs) implements WireMessage {
    public JobList {
      jobs = List.copyOf(jobs);
    }
  }

  record GetJob(long jobId, ActorRef<JobLookup> replyTo) implements JobCoordinatorProtocol {}

  /** {@code job} is null when no such job is known (never submitted, or expired from history). */
  record JobLookup(long jobId, JobSummary job) implements WireMessage {}

  /**
   * Answered with the job's summary once it reaches a terminal state (at once if it already has).
   * The coordinator keeps the waiter in memory only, watched (a waiter that stops, e.g. an ask that
   * timed out, is dropped): a client must bound its wait and ask again, falling back to
   * {@link GetJob}, since a coordinator restart forgets every waiter.
   */
  record AwaitJob(long jobId, ActorRef<JobLookup> replyTo) implements JobCoordinatorProtocol {}

  record CancelJob(long jobId, ActorRef<CancelReply> replyTo) implements JobCoordinatorProtocol {}

  /** {@code accepted} false with a reason: unknown job, or already ended. */
  record CancelReply(long jobId, boolean accepted, String message) implements WireMessage {}

  /**
   * SeaTunnel's {@code isStopWithSavePoint}: take a final checkpoint of every pipeline, let the sinks
   * commit it, then end the job SAVEPOINT_DONE. Answered once that is done ({@code accepted}), or
   * refused (not running, unknown, ended), or when the savepoint failed (the job goes on running, or
   * ended otherwise): the message says which. The waiter is kept in memory only.
   */
  record StopJobWithSavepoint(long jobId, ActorRef<CancelReply> replyTo) implements JobCoordinatorProtocol {}

  /** From a JobMaster: its job changed state (and its latest counters). */
  record JobStatusChanged(long jobId, JobStatus status, String errorMessage, JobMetrics metrics)
      implements JobCoordinatorProtocol {}

  /** From a JobMaster: fresh counters of a running job. */
  record JobMetricsUpdated(long jobId, JobMetrics metrics) implements JobCoordinatorProtocol {}
}
