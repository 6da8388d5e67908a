package io.atoll.persistence.job;

import io.atoll.protocol.WireMessage;
import io.atoll.protocol.job.JobStatus;
import io.atoll.protocol.resource.SlotProfile;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One pipeline of a job: its current attempt (1 = first run), status, the slots of that attempt
 * (index 0 = enumerator, 1..n = readers) and the state of each task group of that attempt.
 * {@code freeRestarts} counts restarts that were not the pipeline's fault (its task groups died
 * while the master was down) and so do not use up {@code job.retry.times}.
 */
public record PipelineState(
    int pipelineId,
    int attempt,
    JobStatus status,
    List<SlotProfile> slots,
    Map<Integer, JobStatus> taskGroups,
    String error,
    int freeRestarts)
    implements WireMessage {

  public PipelineState {
    slots = List.copyOf(slots);
    taskGroups = Map.copyOf(taskGroups);
  }

  static PipelineState created(int pipelineId) {
    return new PipelineState(pipelineId, 0, JobStatus.CREATED, List.of(), Map.of(), null, 0);
  }

  PipelineState withAttempt(int newAttempt) {
    return new PipelineState(pipelineId, newAttempt, JobStatus.PENDING, List.of(), Map.of(), error, freeRestarts);
  }

  PipelineState withSlots(List<SlotProfile> newSlots) {
    Map<Integer, JobStatus> tasks = new HashMap<>();
    for (int i = 0; i < newSlots.size(); i++) {
      tasks.put(i, JobStatus.SCHEDULED);
    }
    return new PipelineState(pipelineId, attempt, JobStatus.SCHEDULED, newSlots, tasks, error, freeRestarts);
  }

  PipelineState withTaskGroup(int index, JobStatus state) {
    Map<Integer, JobStatus> tasks = new HashMap<>(taskGroups);
    tasks.put(index, state);
    return new PipelineState(pipelineId, attempt, status, slots, tasks, error, freeRestarts);
  }

  PipelineState withStatus(JobStatus newStatus, String newError) {
    return new PipelineState(pipelineId, attempt, newStatus, slots, taskGroups, newError == null ? error : newError, freeRestarts);
  }

  PipelineState forgiven() {
    return new PipelineState(pipelineId, attempt, status, slots, taskGroups, error, freeRestarts + 1);
  }

  /** Restarts that count against {@code job.retry.times}. */
  public int retriesUsed() {
    return Math.max(0, attempt - 1 - freeRestarts);
  }

  PipelineState withoutSlots() {
    return new PipelineState(pipelineId, attempt, status, List.of(), taskGroups, error, freeRestarts);
  }

  /** True when every task group of the current attempt has ended (in any terminal state). */
  public boolean allTaskGroupsEnded() {
    return !taskGroups.isEmpty() && taskGroups.values().stream().allMatch(JobStatus::isTerminal);
  }

  public boolean allTaskGroupsIn(JobStatus state) {
    return !taskGroups.isEmpty() && taskGroups.values().stream().allMatch(s -> s == state);
  }
}
