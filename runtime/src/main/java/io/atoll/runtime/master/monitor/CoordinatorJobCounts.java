package io.atoll.runtime.master.monitor;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Scheduler;
import akka.actor.typed.javadsl.AskPattern;
import io.atoll.protocol.job.JobCoordinatorProtocol;
import io.atoll.protocol.job.JobStatus;
import io.atoll.protocol.job.JobSummary;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.CompletionStage;

/**
 * Job counts asked from the JobCoordinator singleton ({@code ListJobs}) each time they are wanted:
 * the coordinator's job table is the only truth, so nothing is cached here that could go stale
 * across a failover. A coordinator that does not answer within the timeout fails the stage; the
 * caller says the counts are unavailable (the REST API answers 503).
 */
public final class CoordinatorJobCounts implements JobCountsSource {
  private final ActorRef<JobCoordinatorProtocol> coordinator;
  private final Duration timeout;
  private final Scheduler scheduler;

  public CoordinatorJobCounts(ActorRef<JobCoordinatorProtocol> coordinator, Duration timeout, Scheduler scheduler) {
    this.coordinator = coordinator;
    this.timeout = timeout;
    this.scheduler = scheduler;
  }

  @Override
  public CompletionStage<JobCounts> current() {
    return AskPattern.<JobCoordinatorProtocol, JobCoordinatorProtocol.JobList>ask(
            coordinator, JobCoordinatorProtocol.ListJobs::new, timeout, scheduler)
        .thenApply(list -> count(list.jobs()));
  }

  /**
   * SeaTunnel's overview semantics: jobs not yet given resources (CREATED, PENDING) are pending,
   * the three end states have their own counts (a job stopped with a savepoint counts as cancelled),
   * and every other live state (SCHEDULED, RUNNING and the transitional FAILING / CANCELING /
   * DOING_SAVEPOINT, which still hold slots) counts as running.
   */
  public static JobCounts count(Collection<JobSummary> jobs) {
    long running = 0;
    long pending = 0;
    long finished = 0;
    long failed = 0;
    long cancelled = 0;
    for (JobSummary job : jobs) {
      JobStatus status = job.status();
      switch (status) {
        case CREATED, PENDING -> pending++;
        case FINISHED -> finished++;
        case FAILED -> failed++;
        case CANCELED, SAVEPOINT_DONE -> cancelled++; // stopped on request, with or without a savepoint
        case SCHEDULED, RUNNING, FAILING, CANCELING, DOING_SAVEPOINT -> running++;
      }
    }
    return new JobCounts(running, pending, finished, failed, cancelled);
  }
}
