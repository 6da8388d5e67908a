package io.atoll.runtime.master.job;

import io.atoll.protocol.job.JobCoordinatorProtocol.CancelReply;
import io.atoll.protocol.job.JobCoordinatorProtocol.SubmitJob;
import io.atoll.protocol.job.JobStatus;
import io.atoll.protocol.job.JobSummary;
import java.util.Optional;

/**
 * What the JobCoordinator decides about savepoints from its job table alone (pure, tested apart):
 * which stops with a savepoint and which restores it refuses, and how it words a savepoint's
 * outcome. The savepoint itself is the last completed checkpoint of each pipeline, kept in the
 * ended job's JobMaster journal, so a job id stays restorable while its summary is in the history.
 */
final class SavepointRules {
  private SavepointRules() {}

  /** Why a stop with a savepoint of job {@code jobId} ({@code known}: its summary, null if none) is refused. */
  static Optional<String> stopRefusal(long jobId, JobSummary known) {
    if (known == null) {
      return Optional.of("no job " + jobId + " (never submitted, or expired from history)");
    }
    if (known.status().isTerminal()) {
      return Optional.of("job " + jobId + " already ended: " + known.status());
    }
    if (known.status() == JobStatus.DOING_SAVEPOINT) {
      return Optional.of("a savepoint of job " + jobId + " is already under way");
    }
    if (known.status() != JobStatus.RUNNING) {
      return Optional.of("job " + jobId + " is " + known.status() + ": only a RUNNING job can be stopped with a "
          + "savepoint; try again once it runs, or cancel it");
    }
    return Optional.empty();
  }

  /**
   * Why a submit is refused for savepoint reasons: a restore ({@code fromSavepoint}) needs a job id
   * that ended SAVEPOINT_DONE and a job file planning the same pipelines and parallelism; a plain
   * submit with the id of a job stopped with a savepoint is told how to restore it. Empty: other
   * rules decide (e.g. a re-sent submit of a restore already under way is accepted again).
   */
  static Optional<String> submitRefusal(long requested, JobSummary known, SubmitJob submit) {
    if (!submit.fromSavepoint()) {
      if (known != null && known.status() == JobStatus.SAVEPOINT_DONE) {
        return Optional.of("job id " + requested + " was stopped with a savepoint; submit with "
            + "isStartWithSavePoint=true (atoll submit --restore " + requested + ") to continue it from there, "
            + "or use another job id");
      }
      return Optional.empty();
    }
    if (requested == 0) {
      return Optional.of("isStartWithSavePoint=true needs the jobId of the job stopped with a savepoint");
    }
    if (known == null) {
      return Optional.of("no savepoint for job " + requested + ": no such job (never submitted, or expired from "
          + "the job history); stop a running job with isStopWithSavePoint=true to take one");
    }
    if (known.status() == JobStatus.SAVEPOINT_DONE) {
      if (known.definition() == null) {
        return Optional.of("no savepoint for job " + requested + ": its job definition is not known");
      }
      return JobSavepoint.restoreMismatch(known.definition(), submit.definition())
          .map(m -> "cannot restore job " + requested + " from its savepoint: " + m);
    }
    if (known.status().isTerminal()) {
      return Optional.of("no savepoint for job " + requested + ": it ended " + known.status()
          + ", not stopped with a savepoint (SAVEPOINT_DONE)");
    }
    if (known.definition() != null && known.definition().equals(submit.definition())) {
      return Optional.empty(); // a re-sent restore, already under way
    }
    return Optional.of("job " + requested + " is " + known.status() + "; only a job stopped with a savepoint "
        + "(SAVEPOINT_DONE) can be restored");
  }

  /** How a savepoint went, once the job's status moved on from DOING_SAVEPOINT to {@code job}'s. */
  static CancelReply outcome(JobSummary job) {
    long jobId = job.jobId();
    if (job.status() == JobStatus.SAVEPOINT_DONE) {
      return new CancelReply(jobId, true, "job " + jobId + " stopped with a savepoint (SAVEPOINT_DONE); "
          + "submit it with isStartWithSavePoint=true to continue from there");
    }
    String why = job.errorMessage() == null ? "" : ": " + job.errorMessage();
    if (job.status() == JobStatus.RUNNING && job.errorMessage() != null) {
      return new CancelReply(jobId, false, job.errorMessage()); // the JobMaster's reason, "...; the job goes on running"
    }
    return new CancelReply(jobId, false, "job " + jobId + (job.status().isTerminal() ? " ended " : " is ")
        + job.status() + " before its savepoint completed" + why);
  }
}
