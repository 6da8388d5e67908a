package io.atoll.runtime.master.job;

import io.atoll.persistence.job.CoordinatorState;
import io.atoll.protocol.job.JobDefinition;
import io.atoll.protocol.job.JobStatus;
import io.atoll.protocol.job.JobSummary;
import io.atoll.protocol.resource.SlotCapacity;
import io.atoll.runtime.config.CoordinatorSettings;
import io.atoll.runtime.config.JobSettings.ScheduleStrategy;
import io.atoll.runtime.job.plan.PipelinePlanner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JobCoordinator's admission rules, kept apart from the actor as plain code: which job to
 * refuse at submit, which queued job starts next, which one can never start. It reads the journalled
 * {@link CoordinatorState} and the ResourceManager's volatile {@link SlotCapacity}; the only thing it
 * remembers itself is since when a job has been too big for the live cluster (volatile too: after a
 * restart that wait starts again).
 *
 * <p>With WAIT, the head of the queue starts once it fits the free slots. While it does not, a later
 * job that fits may start before it; a job is passed this way at most
 * {@link CoordinatorSettings#queueBypassLimit()} times (counted from the journal, so a restart does not
 * reset it: jobs submitted after it that have left the queue), then the queue waits for it and it gets
 * the next slots that free up. A job that needs more than every slot of the live workers never starts:
 * it is refused at submit, or, when workers left after it was accepted, fails after
 * {@link CoordinatorSettings#unschedulableTimeout()}.
 */
final class JobQueue {

  /** End this job as FAILED with the reason. */
  record Fail(long jobId, String reason) {}

  /** What the coordinator should do next: fail these jobs, then start the JobMaster of {@code admit} (0: none). */
  record Decision(List<Fail> fail, long admit) {
    Decision {
      fail = List.copyOf(fail);
    }

    boolean isEmpty() {
      return fail.isEmpty() && admit == 0;
    }
  }

  private final CoordinatorSettings settings;
  private final ScheduleStrategy strategy;
  private final Map<Long, Long> tooBigSince = new HashMap<>();

  JobQueue(CoordinatorSettings settings, ScheduleStrategy strategy) {
    this.settings = settings;
    this.strategy = strategy;
  }

  /** Slots a job holds while it runs: 1 + parallelism per pipeline, and its pipelines run at once. */
  static long slotNeed(JobDefinition job) {
    return (long) PipelinePlanner.plan(job).size() * (1L + job.parallelism());
  }

  /**
   * Why the cluster can never hold the job, or empty when it can (or when that is not known: no
   * complete view yet, or no worker at all yet, as in a cluster that is still forming).
   */
  static Optional<String> refusal(JobDefinition job, SlotCapacity capacity) {
    if (capacity == null || !capacity.complete() || capacity.workers(job.tagFilter()) == 0) {
      return Optional.empty();
    }
    long need = slotNeed(job);
    long total = capacity.totalSlots(job.tagFilter());
    if (need <= total) {
      return Optional.empty();
    }
    return Optional.of("job '" + job.jobName() + "' needs " + need + " slots (" + needExplained(job)
        + ") but the cluster has " + total + " slots in total on " + workersText(job, capacity)
        + ", so it could never start; lower env.parallelism or add workers");
  }

  /**
   * The steps the queue takes now. {@code capacity} null means the ResourceManager did not answer:
   * then, as with an incomplete view, the head of the queue starts and waits for its slots itself.
   */
  Decision next(CoordinatorState state, SlotCapacity capacity, long nowMillis) {
    List<Fail> steps = new ArrayList<>();
    tooBigSince.keySet().removeIf(id -> !waiting(state, id));
    boolean known = capacity != null && capacity.complete();
    if (known) {
      failTooBig(state, capacity, nowMillis, steps);
    }
    if (state.admitted() != 0 && waiting(state, state.admitted()) && !failed(steps, state.admitted())) {
      return new Decision(steps, 0); // one job at a time gets its slots, so two never split the free slots between them
    }
    List<Long> queue = state.queue().stream().filter(id -> !failed(steps, id)).toList();
    if (queue.isEmpty()) {
      return new Decision(steps, 0);
    }
    if (!known || strategy == ScheduleStrategy.REJECT) {
      return new Decision(steps, queue.get(0)); // REJECT: the JobMaster fails it at once if slots are short
    }
    for (long id : queue) {
      JobDefinition job = state.jobs().get(id).definition();
      if (job == null || slotNeed(job) <= capacity.freeSlots(job.tagFilter())) {
        return new Decision(steps, id);
      }
      boolean couldEverStart = slotNeed(job) <= capacity.totalSlots(job.tagFilter());
      if (couldEverStart && passed(state, id) >= settings.queueBypassLimit()) {
        return new Decision(steps, 0); // it has been passed enough: nothing starts before it any more
      }
    }
    return new Decision(steps, 0);
  }

  /** Queued (or admitted and still without slots) jobs that need more than the live cluster has. */
  private void failTooBig(CoordinatorState state, SlotCapacity capacity, long now, List<Fail> steps) {
    List<Long> candidates = new ArrayList<>(state.queue());
    if (state.admitted() != 0 && waiting(state, state.admitted())) {
      candidates.add(state.admitted());
    }
    for (long id : candidates) {
      JobDefinition job = state.jobs().get(id).definition();
      if (job == null) {
        continue; // journalled before definitions were kept: nothing to measure
      }
      long need = slotNeed(job);
      long total = capacity.totalSlots(job.tagFilter());
      if (need <= total) {
        tooBigSince.remove(id);
        continue;
      }
      long since = tooBigSince.computeIfAbsent(id, k -> now);
      Duration waited = Duration.ofMillis(now - since);
      if (waited.compareTo(settings.unschedulableTimeout()) >= 0) {
        tooBigSince.remove(id);
        steps.add(new Fail(id, "job needs " + need + " slots (" + needExplained(job) + ") but the cluster has had only "
            + total + " slots in total on " + workersText(job, capacity) + " for " + waited.toSeconds()
            + " s (atoll.job.unschedulable-timeout " + settings.unschedulableTimeout().toSeconds()
            + " s); workers left after it was accepted"));
      }
    }
  }

  /** How many jobs submitted after this one have already left the queue, i.e. started before it. */
  static int passed(CoordinatorState state, long jobId) {
    int passed = 0;
    boolean after = false;
    for (JobSummary job : state.jobs().values()) {
      if (job.jobId() == jobId) {
        after = true;
      } else if (after && !state.queue().contains(job.jobId())) {
        passed++;
      }
    }
    return passed;
  }

  private static boolean waiting(CoordinatorState state, long jobId) {
    JobSummary job = state.jobs().get(jobId);
    return job != null && job.definition() != null
        && (job.status() == JobStatus.PENDING || job.status() == JobStatus.CREATED);
  }

  private static boolean failed(List<Fail> steps, long jobId) {
    return steps.stream().anyMatch(f -> f.jobId() == jobId);
  }

  private static String needExplained(JobDefinition job) {
    int pipelines = PipelinePlanner.plan(job).size();
    return pipelines + " pipeline" + (pipelines == 1 ? "" : "s") + " x (1 + parallelism " + job.parallelism() + ")";
  }

  private static String workersText(JobDefinition job, SlotCapacity capacity) {
    int n = capacity.workers(job.tagFilter());
    return n + " live worker" + (n == 1 ? "" : "s")
        + (job.tagFilter().isEmpty() ? "" : " matching tag_filter " + job.tagFilter());
  }
}
