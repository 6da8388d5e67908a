package io.atoll.runtime.master.job;

import io.atoll.persistence.job.JobMasterState;
import io.atoll.persistence.job.PipelineState;
import io.atoll.protocol.job.JobDefinition;
import io.atoll.protocol.job.JobStatus;
import io.atoll.runtime.job.plan.PipelinePlanner;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A job's stop with a savepoint (pure: no actor, no clock), held by {@link JobExecution}: whether a
 * stop can be taken on, which checkpoint of each running pipeline is its savepoint, and where it
 * stands after each decision. The savepoint is the pipelines' last completed checkpoints, journalled
 * as any checkpoint; only the job's DOING_SAVEPOINT status marks it in the journal. What it waits for
 * is volatile: after a master restart it waits for the next checkpoint of each running pipeline.
 */
final class JobSavepoint {
  private static final Logger log = LoggerFactory.getLogger(JobSavepoint.class);

  /** Where the savepoint stands; {@code reason} set for FAILED. */
  record Outcome(Kind kind, String reason) {
    enum Kind { NOTHING, FAILED, COMPLETE }

    static final Outcome NOTHING = new Outcome(Kind.NOTHING, null);
    static final Outcome COMPLETE = new Outcome(Kind.COMPLETE, null);
  }

  private final long jobId;
  /** The checkpoint id whose completion is each running pipeline's savepoint; null while none is awaited. */
  private Map<Integer, Long> targets;

  JobSavepoint(long jobId) {
    this.jobId = jobId;
  }

  /** Why a stop with a savepoint is refused now; empty: the job and each unfinished pipeline run. */
  Optional<String> refusal(Step step, IntFunction<PipelineExecution> pipelines) {
    JobMasterState state = step.state();
    if (state.status() == JobStatus.DOING_SAVEPOINT) {
      return Optional.of("a savepoint of job " + jobId + " is already under way");
    }
    if (state.status() != JobStatus.RUNNING) {
      return Optional.of("job " + jobId + " is " + state.status() + ": only a RUNNING job can be stopped with a savepoint");
    }
    boolean anyRunning = false;
    for (PipelineState p : new TreeMap<>(state.pipelines()).values()) {
      if (p.status() == JobStatus.FINISHED) {
        continue;
      }
      if (p.status() != JobStatus.RUNNING) {
        return Optional.of("pipeline " + p.pipelineId() + " of job " + jobId + " is " + p.status()
            + " (starting or restarting); try again once it runs");
      }
      if (!pipelines.apply(p.pipelineId()).checkpoints().canSavepoint(step)) {
        return Optional.of("pipeline " + p.pipelineId() + " of job " + jobId
            + " cannot take a checkpoint any more (its split enumerator has ended)");
      }
      anyRunning = true;
    }
    return anyRunning ? Optional.empty()
        : Optional.of("every pipeline of job " + jobId + " has finished; there is nothing to save");
  }

  /**
   * Takes the savepoint: each running pipeline's checkpoint in flight, or one begun now. Call once
   * the job is DOING_SAVEPOINT and {@link #refusal} found nothing.
   *
   * @return each running pipeline's savepoint checkpoint id
   */
  Map<Integer, Long> begin(Step step, IntFunction<PipelineExecution> pipelines) {
    Map<Integer, Long> taken = new TreeMap<>();
    for (PipelineState p : new TreeMap<>(step.state().pipelines()).values()) {
      if (p.status() == JobStatus.RUNNING) {
        taken.put(p.pipelineId(), pipelines.apply(p.pipelineId()).checkpoints().savepoint(step));
      }
    }
    targets = taken;
    log.info("job {}: stopping with a savepoint (checkpoint of each pipeline: {})", jobId, taken);
    return taken;
  }

  /**
   * Where the savepoint stands in {@code state}: COMPLETE once every running pipeline has completed
   * its savepoint checkpoint (the caller then cancels them; the job ends SAVEPOINT_DONE); FAILED
   * with the reason once a pipeline that has not finished is no longer running (it failed or
   * restarts); NOTHING while it is under way, while the pipelines stop, or when the job is not
   * DOING_SAVEPOINT.
   */
  Outcome progress(JobMasterState state) {
    if (state.status() != JobStatus.DOING_SAVEPOINT) {
      targets = null;
      return Outcome.NOTHING;
    }
    if (state.pipelines().values().stream()
        .anyMatch(p -> p.status() == JobStatus.CANCELING || p.status() == JobStatus.CANCELED)) {
      return Outcome.NOTHING; // complete: the pipelines are stopping
    }
    if (targets == null) {
      targets = new TreeMap<>();
      state.pipelines().forEach((id, p) -> {
        if (p.status() != JobStatus.FINISHED) {
          targets.put(id, p.lastCheckpointId() + 1);
        }
      });
      log.info("job {}: resuming its stop with a savepoint (checkpoint of each pipeline: {})", jobId, targets);
    }
    for (PipelineState p : new TreeMap<>(state.pipelines()).values()) {
      if (p.status() != JobStatus.FINISHED && p.status() != JobStatus.RUNNING) {
        targets = null;
        return new Outcome(Outcome.Kind.FAILED, "the savepoint of job " + jobId + " failed: pipeline " + p.pipelineId()
            + " is " + p.status() + (p.error() == null ? "" : " (" + p.error() + ")") + "; the job goes on running");
      }
    }
    for (Map.Entry<Integer, Long> target : targets.entrySet()) {
      PipelineState p = state.pipeline(target.getKey());
      if (p.status() == JobStatus.RUNNING && (p.checkpoint() == null || p.checkpoint().checkpointId() < target.getValue())) {
        return Outcome.NOTHING; // still under way
      }
    }
    log.info("job {}: savepoint complete ({}); stopping its pipelines", jobId, describe(state));
    return Outcome.COMPLETE;
  }

  /** Why a savepoint taken with {@code saved} cannot restore a job defined as {@code next}; empty when it can. */
  static Optional<String> restoreMismatch(JobDefinition saved, JobDefinition next) {
    if (saved.parallelism() != next.parallelism()) {
      return Optional.of("the savepoint was taken with parallelism " + saved.parallelism()
          + ", the job file now has " + next.parallelism() + "; restore with the same parallelism");
    }
    int before = PipelinePlanner.plan(saved).size();
    int after = PipelinePlanner.plan(next).size();
    if (before != after) {
      return Optional.of("the savepoint holds " + before + " pipeline(s), the job file now plans " + after
          + "; restore with the same sources and sinks");
    }
    return Optional.empty();
  }

  /** Each pipeline's last completed checkpoint, for the log. */
  static String describe(JobMasterState state) {
    Map<Integer, Object> ids = new TreeMap<>();
    state.pipelines().forEach((id, p) -> ids.put(id, p.checkpoint() == null ? "none" : p.checkpoint().checkpointId()));
    return "pipeline -> checkpoint " + ids;
  }
}
