package io.atoll.runtime.master.job;

import io.atoll.persistence.job.JobMasterState;
import io.atoll.persistence.job.PipelineState;
import io.atoll.protocol.execution.TaskGroupId;
import io.atoll.protocol.job.JobMetrics;
import io.atoll.protocol.job.JobStatus;
import java.util.HashMap;
import java.util.Map;

/**
 * A job's counters: the latest of each task group of each pipeline's current attempt. Volatile;
 * after a master restart the task groups report again, and readers that finished before it count
 * from the last completed checkpoint. Pure.
 */
final class JobMetricsTotals {
  private final long jobId;
  private final Map<TaskGroupId, JobMetrics> latest = new HashMap<>();

  JobMetricsTotals(long jobId) {
    this.jobId = jobId;
  }

  void update(TaskGroupId id, JobMetrics metrics) {
    latest.put(id, metrics);
  }

  /**
   * Those of the current attempt of each pipeline. A restored reader counts on from its
   * checkpoint's counters, so earlier attempts are covered and rows read again after a restore
   * are not counted twice.
   */
  JobMetrics total(JobMasterState state) {
    latest.keySet().removeIf(id -> !state.started() || state.pipelines().get(id.pipelineId()) == null
        || state.pipeline(id.pipelineId()).attempt() != id.attempt());
    JobMetrics total = latest.values().stream().reduce(JobMetrics.ZERO, JobMetrics::plus);
    // A reader that finished before this job master restarted reported to the one before it; its
    // final counters are in the last completed checkpoint (it finished only after that one).
    for (PipelineState p : state.pipelines().values()) {
      if (p.checkpoint() == null) {
        continue;
      }
      for (Map.Entry<Integer, JobStatus> task : p.taskGroups().entrySet()) {
        if (task.getKey() > 0 && task.getValue() == JobStatus.FINISHED
            && !latest.containsKey(new TaskGroupId(jobId, p.pipelineId(), p.attempt(), task.getKey()))) {
          total = total.plus(p.checkpoint().restoreOf(task.getKey()).metrics());
        }
      }
    }
    return total;
  }
}
