package io.atoll.persistence.job;

import io.atoll.protocol.WireMessage;
import io.atoll.persistence.job.CoordinatorEvent.JobAdmitted;
import io.atoll.persistence.job.CoordinatorEvent.JobExpired;
import io.atoll.persistence.job.CoordinatorEvent.JobStatusUpdated;
import io.atoll.persistence.job.CoordinatorEvent.JobSubmitted;
import io.atoll.protocol.job.JobStatus;
import io.atoll.protocol.job.JobSummary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every job the coordinator knows, in submission order, and the queue of jobs waiting to start.
 * Immutable; {@link #apply} is pure.
 *
 * @param lastJobId the highest job id handed out, so ids are never reused
 * @param admitted the job started last that has not got its slots yet (0 = none): the next queued
 *     job waits for it, so waiting jobs get slots in submission order
 */
public record CoordinatorState(long lastJobId, Map<Long, JobSummary> jobs, List<Long> queue, long admitted)
    implements WireMessage {

  public static final CoordinatorState EMPTY = new CoordinatorState(0, Map.of(), List.of(), 0);

  public CoordinatorState {
    jobs = new LinkedHashMap<>(jobs); // a copy in submission order; never mutated after construction
    queue = List.copyOf(queue);
  }

  public Optional<JobSummary> job(long jobId) {
    return Optional.ofNullable(jobs.get(jobId));
  }

  public CoordinatorState apply(CoordinatorEvent event) {
    if (event instanceof JobSubmitted e) {
      Map<Long, JobSummary> js = new LinkedHashMap<>(jobs);
      js.put(e.job().jobId(), e.job());
      List<Long> q = new ArrayList<>(queue);
      q.add(e.job().jobId());
      return new CoordinatorState(Math.max(lastJobId, e.job().jobId()), js, q, admitted);
    }
    if (event instanceof CoordinatorEvent.JobRestoreSubmitted e) {
      Map<Long, JobSummary> js = new LinkedHashMap<>(jobs);
      js.put(e.job().jobId(), e.job());
      return new CoordinatorState(Math.max(lastJobId, e.job().jobId()), js, queue, admitted);
    }
    if (event instanceof JobAdmitted e) {
      List<Long> q = new ArrayList<>(queue);
      q.remove(Long.valueOf(e.jobId()));
      return new CoordinatorState(lastJobId, jobs, q, e.jobId());
    }
    if (event instanceof JobStatusUpdated e) {
      JobSummary known = jobs.get(e.jobId());
      if (known == null) {
        return this;
      }
      Map<Long, JobSummary> js = new LinkedHashMap<>(jobs);
      JobSummary updated = known.with(e.status(), e.error(), e.time());
      js.put(e.jobId(), e.metrics() == null ? updated : updated.withMetrics(e.metrics()));
      List<Long> q = new ArrayList<>(queue);
      if (e.status().isTerminal()) {
        q.remove(Long.valueOf(e.jobId()));
      }
      boolean released = e.jobId() == admitted && e.status() != JobStatus.PENDING && e.status() != JobStatus.CREATED;
      return new CoordinatorState(lastJobId, js, q, released ? 0 : admitted);
    }
    if (event instanceof JobExpired e) {
      Map<Long, JobSummary> js = new LinkedHashMap<>(jobs);
      js.remove(e.jobId());
      return new CoordinatorState(lastJobId, js, queue, admitted);
    }
    throw new IllegalArgumentException("unknown event " + event);
  }
}
