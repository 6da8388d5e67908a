package io.atoll.runtime.master.job;

import io.atoll.persistence.job.PipelineState;
import io.atoll.protocol.execution.TaskGroupId;
import io.atoll.protocol.job.JobStatus;
import io.atoll.protocol.resource.SlotProfile;
import io.atoll.protocol.resource.WorkerLost;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which of a pipeline's task groups sit on which worker incarnation (address and start sequence):
 * a worker restarted at the same address is another incarnation, and news about one says nothing
 * about the other. Pure.
 */
final class WorkerIncarnations {
  private WorkerIncarnations() {}

  /** Whether {@code slot} was on the lost worker incarnation (by address alone when no slots are named). */
  static boolean onLostWorker(SlotProfile slot, WorkerLost lost) {
    if (!slot.worker().equals(lost.worker())) {
      return false;
    }
    return lost.lostSlots().isEmpty() || lost.lostSlots().stream().anyMatch(s -> s.sequence() == slot.sequence());
  }

  /** The task groups of the current attempt that had not ended and ran on the lost worker. */
  static List<Integer> lostWith(PipelineState p, WorkerLost lost) {
    List<Integer> gone = new ArrayList<>();
    for (int i = 0; i < p.slots().size(); i++) {
      if (onLostWorker(p.slots().get(i), lost) && !p.taskGroups().getOrDefault(i, JobStatus.CREATED).isTerminal()) {
        gone.add(i);
      }
    }
    return gone;
  }

  /** One slot per worker incarnation holding a task group that had not ended: whom to ask after a restart. */
  static List<SlotProfile> toAsk(PipelineState p) {
    Map<String, SlotProfile> byIncarnation = new TreeMap<>();
    new TreeMap<>(p.taskGroups()).forEach((index, s) -> {
      if (!s.isTerminal()) {
        SlotProfile slot = p.slots().get(index);
        byIncarnation.putIfAbsent(slot.worker() + "#" + slot.sequence(), slot);
      }
    });
    return List.copyOf(byIncarnation.values());
  }

  /** The task groups on that incarnation which it did not list as running. */
  static List<Integer> missing(long jobId, PipelineState p, JobMasterInternal.TaskGroupsFound found) {
    List<Integer> missing = new ArrayList<>();
    for (Map.Entry<Integer, JobStatus> task : new TreeMap<>(p.taskGroups()).entrySet()) {
      SlotProfile slot = p.slots().get(task.getKey());
      if (!task.getValue().isTerminal() && slot.worker().equals(found.worker()) && slot.sequence() == found.sequence()
          && !found.running().contains(new TaskGroupId(jobId, p.pipelineId(), p.attempt(), task.getKey()))) {
        missing.add(task.getKey());
      }
    }
    return missing;
  }
}
