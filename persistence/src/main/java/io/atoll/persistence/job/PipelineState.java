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
 * while the master was down) and so do not use up {@code job.retry.times}. {@code lastCheckpointId}
 * is the last checkpoint id handed out (ids grow across attempts, so output named by checkpoint
 * never collides); {@code checkpoint} is the last completed one, which a restarted attempt
 * restores from (null: none completed yet, start afresh).
 */
public record PipelineState(
    int pipelineId,
    int attempt,
    JobStatus status,
    List<SlotProfile> slots,
    Map<Integer, JobStatus> taskGroups,
    String error,
    int freeRestarts,
    long lastCheckpointId,
    PipelineCheckpoint checkpoint)
    implements WireMessage {

  public PipelineState {
    slots = List.copyOf(slots);
    taskGroups = Map.copyOf(taskGroups);
  }

  static PipelineState created(int pipelineId) {
    return new PipelineState(pipelineId, 0, JobStatus.CREATED, List.of(), Map.of(), null, 0, 0, null);
  }

  PipelineState withAttempt(int newAttempt) {
    return new PipelineState(pipelineId, newAttempt, JobStatus.PENDING, List.of(), Map.of(), error, freeRestarts, lastCheckpointId, checkpoint);
  }

  PipelineState withSlots(List<SlotProfile> newSlots) {
    Map<Integer, JobStatus> tasks = new HashMap<>();
    for (int i = 0; i < newSlots.size(); i++) {
      tasks.put(i, JobStatus.SCHEDULED);
    }
    return new PipelineState(pipelineId, attempt, JobStatus.SCHEDULED, newSlots, tasks, error, freeRestarts, lastCheckpointId, checkpoint);
  }

  PipelineState withTaskGroup(int index, JobStatus state) {
    Map<Integer, JobStatus> tasks = new HashMap<>(taskGroups);
    tasks.put(index, state);
    return new PipelineState(pipelineId, attempt, status, slots, tasks, error, freeRestarts, lastCheckpointId, checkpoint);
  }

  PipelineState withStatus(JobStatus newStatus, String newError) {
    return new PipelineState(pipelineId, attempt, newStatus, slots, taskGroups, newError == null ? error : newError, freeRestarts, lastCheckpointId, checkpoint);
  }

  PipelineState forgiven() {
    return new PipelineState(pipelineId, attempt, status, slots, taskGroups, error, freeRestarts + 1, lastCheckpointId, checkpoint);
  }

  PipelineState withCheckpointTriggered(long checkpointId) {
    return new PipelineState(pipelineId, attempt, status, slots, taskGroups, error, freeRestarts,
        Math.max(lastCheckpointId, checkpointId), checkpoint);
  }

  PipelineState withCheckpoint(PipelineCheckpoint completed) {
    if (checkpoint != null && checkpoint.checkpointId() >= completed.checkpointId()) {
      return this; // never go back to an older checkpoint
    }
    return new PipelineState(pipelineId, attempt, status, slots, taskGroups, error, freeRestarts,
        Math.max(lastCheckpointId, completed.checkpointId()), completed);
  }

  /**
   * Ready to run again from a savepoint: CREATED, keeping its attempt count (task group ids of the
   * next run never repeat an earlier run's), checkpoint ids and last completed checkpoint; the
   * attempts so far are forgiven, so the next run gets all of {@code job.retry.times}. A pipeline
   * that had finished stays finished.
   */
  PipelineState restored() {
    if (status == JobStatus.FINISHED) {
      return this;
    }
    return new PipelineState(pipelineId, attempt, JobStatus.CREATED, List.of(), Map.of(), null, attempt,
        lastCheckpointId, checkpoint);
  }

  /** Restarts that count against {@code job.retry.times}. */
  public int retriesUsed() {
    return Math.max(0, attempt - 1 - freeRestarts);
  }

  PipelineState withoutSlots() {
    return new PipelineState(pipelineId, attempt, status, List.of(), taskGroups, error, freeRestarts, lastCheckpointId, checkpoint);
  }

  /** True when every task group of the current attempt has ended (in any terminal state). */
  public boolean allTaskGroupsEnded() {
    return !taskGroups.isEmpty() && taskGroups.values().stream().allMatch(JobStatus::isTerminal);
  }

  public boolean allTaskGroupsIn(JobStatus state) {
    return !taskGroups.isEmpty() && taskGroups.values().stream().allMatch(s -> s == state);
  }
}
