package io.atoll.runtime.master.job;

import io.atoll.persistence.job.CoordinatorState;
import io.atoll.protocol.job.JobDefinition;
import io.atoll.protocol.job.JobStatus;
import io.atoll.protocol.job.JobSummary;
import io.atoll.protocol.resource.SlotCapacity;
import io.atoll.runtime.config.CoordinatorSettings;
import io.atoll.runtime.config.JobSettings.ScheduleStrategy;
import io.atoll.runtime.job.plan.PipelinePlanner;
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

  /**
   * What the coordinator should do next: fail these jobs, then start the JobMaster of {@code admit}
   * (0: none); {@code tooBig} lists the jobs that have just been found too big for the live
   * cluster, for which the coordinator starts an {@code unschedulable-timeout} timer that ends in
   * {@link #timeUp}.
   */
  record Decision(List<Fail> fail, long admit, List<Long> tooBig) {
    Decision {
      fail = List.copyOf(fail);
      tooBig = List.copyOf(tooBig);
    }

    boolean changesState() {
      return !fail.isEmpty() || admit != 0;
    }
  }

  private final CoordinatorSettings settings;
  private final ScheduleStrategy strategy;
  /** Jobs too big for the live cluster: false while they may wait, true once their time is up. */
  private final Map<Long, Boolean> tooBig = new HashMap<>();
  private final List<Long> newlyTooBig = new ArrayList<>();

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
   * nothing starts then (no job gets slots without it) and the next check tries again. With an
   * incomplete view (a ResourceManager that just started) the head of the queue starts and waits
   * for its slots itself, as it would without these rules.
   */
  Decision next(CoordinatorState state, SlotCapacity capacity) {
    List<Fail> steps = new ArrayList<>();
    newlyTooBig.clear();
    tooBig.keySet().removeIf(id -> !waiting(state, id));
    if (capacity == null) {
      return decision(steps, 0);
    }
    boolean known = capacity.complete();
    if (known) {
      failTooBig(state, capacity, steps);
    }
    if (state.admitted() != 0 && waiting(state, state.admitted()) && !failed(steps, state.admitted())) {
      return decision(steps, 0); // one job at a time gets its slots, so two never split the free slots between them
    }
    List<Long> queue = state.queue().stream().filter(id -> !failed(steps, id)).toList();
    if (queue.isEmpty()) {
      return decision(steps, 0);
    }
    if (!known || strategy == ScheduleStrategy.REJECT) {
      return decision(steps, queue.get(0)); // REJECT: the JobMaster fails it at once if slots are short
    }
    for (long id : queue) {
      JobDefinition job = state.jobs().get(id).definition();
      if (job == null || slotNeed(job) <= capacity.freeSlots(job.tagFilter())) {
        return decision(steps, id);
      }
      boolean couldEverStart = slotNeed(job) <= capacity.totalSlots(job.tagFilter());
      if (couldEverStart && passed(state, id) >= settings.queueBypassLimit()) {
        return decision(steps, 0); // it has been passed enough: nothing starts before it any more
      }
    }
    return decision(steps, 0);
  }

  /** The unschedulable timeout of a job found too big has passed: if it still is, it fails. */
  void timeUp(long jobId) {
    tooBig.replace(jobId, true);
  }

  private Decision decision(List<Fail> steps, long admit) {
    return new Decision(steps, admit, newlyTooBig);
  }

  /** Queued (or admitted and still without slots) jobs that need more than the live cluster has. */
  private void failTooBig(CoordinatorState state, SlotCapacity capacity, List<Fail> steps) {
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
        tooBig.remove(id);
      } else if (!tooBig.containsKey(id)) {
        tooBig.put(id, false);
        newlyTooBig.add(id);
      } else if (tooBig.get(id)) {
        tooBig.remove(id);
        steps.add(new Fail(id, "job needs " + need + " slots (" + needExplained(job) + ") but the cluster has had only "
            + total + " slots in total on " + workersText(job, capacity) + " for "
            + settings.unschedulableTimeout().toSeconds() + " s (atoll.job.unschedulable-timeout): workers left "
            + "after it was accepted and did not come back"));
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
