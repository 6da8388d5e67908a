package io.atoll.runtime.master.job;

import io.atoll.persistence.job.JobMasterEvent;
import io.atoll.persistence.job.PipelineCheckpoint;
import io.atoll.persistence.job.PipelineState;
import io.atoll.protocol.event.EventType;
import io.atoll.protocol.event.JobEvent;
import io.atoll.protocol.execution.JobMasterProtocol.CheckpointAck;
import io.atoll.protocol.execution.TaskGroupId;
import io.atoll.protocol.execution.TaskSnapshot;
import io.atoll.protocol.job.JobStatus;
import io.atoll.runtime.config.JobSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checkpoints of one pipeline (pure: no actor, no clock):
 *
 * <ol>
 *   <li>every checkpoint interval (or at once when a bounded reader has read everything) the id is
 *       journalled and the trigger goes to the pipeline's enumerator, which snapshots the splits it
 *       has not assigned and relays a barrier to every reader on the path its assignments take;
 *   <li>each reader snapshots its splits' offsets and has its sinks prepare their output, and
 *       acknowledges; a task group that finished counts as acknowledged with nothing left;
 *   <li>with every acknowledgement in, the checkpoint is journalled as completed — from then on a
 *       restarted attempt restores from it — and only then (the notify is an effect, performed
 *       after the event is persisted) are the readers told to commit.
 * </ol>
 *
 * At most one checkpoint is in flight; ids grow across attempts. One not acknowledged within the
 * timeout fails the pipeline. What is in flight is not journalled: after a master restart the
 * acknowledgements of an interrupted checkpoint are ignored and the next one covers its output.
 */
final class CheckpointCoordinator {
  private static final Logger log = LoggerFactory.getLogger(CheckpointCoordinator.class);

  /** A checkpoint in flight: who has yet to answer and what those who did sent. */
  private record InFlight(int attempt, long checkpointId, Set<Integer> waiting, Map<Integer, TaskSnapshot> acks) {}

  private final long jobId;
  private final int pipelineId;
  private final JobSettings settings;
  private InFlight inFlight;
  /** Readers (by index) of the current attempt that have read everything. */
  private final Set<Integer> inputEnded = new HashSet<>();

  CheckpointCoordinator(long jobId, int pipelineId, JobSettings settings) {
    this.jobId = jobId;
    this.pipelineId = pipelineId;
    this.settings = settings;
  }

  String tickKey() {
    return "checkpoint-" + pipelineId;
  }

  String timeoutKey() {
    return "checkpoint-timeout-" + pipelineId;
  }

  /** The id of the checkpoint in flight, if any. */
  Optional<Long> inFlight() {
    return inFlight == null ? Optional.empty() : Optional.of(inFlight.checkpointId());
  }

  Duration interval(Step step) {
    long millis = step.state().definition().checkpointIntervalMillis();
    return millis > 0 ? Duration.ofMillis(millis) : settings.checkpointInterval();
  }

  Duration timeout(Step step) {
    long millis = step.state().definition().checkpointTimeoutMillis();
    return millis > 0 ? Duration.ofMillis(millis) : settings.checkpointTimeout();
  }

  /** Starts the periodic checkpoints of the pipeline's current attempt. */
  void schedule(Step step) {
    PipelineState p = step.pipeline(pipelineId);
    step.effect(new JobMasterEffect.StartTimer(tickKey(),
        new JobMasterInternal.CheckpointTick(pipelineId, p.attempt()), interval(step)));
  }

  void onTick(Step step, JobMasterInternal.CheckpointTick tick) {
    PipelineState p = step.pipeline(pipelineId);
    if (p.attempt() != tick.attempt() || p.status().isTerminal()
        || p.status() == JobStatus.FAILING || p.status() == JobStatus.CANCELING) {
      return;
    }
    if (inFlight != null) {
      // a whole interval without every answer: say who is missing, long before the timeout
      log.info("job {} pipeline {}: checkpoint {} still waits for task groups {}", jobId, pipelineId,
          inFlight.checkpointId(), inFlight.waiting());
    }
    trigger(step);
    schedule(step);
  }

  /**
   * Whether a savepoint can be taken now: the pipeline runs, and a checkpoint is in flight or can
   * begin (its enumerator, which relays the barriers, still runs).
   */
  boolean canSavepoint(Step step) {
    PipelineState p = step.pipeline(pipelineId);
    return p.status() == JobStatus.RUNNING
        && (inFlight != null || !p.taskGroups().getOrDefault(0, JobStatus.CREATED).isTerminal());
  }

  /**
   * Takes a savepoint: the checkpoint in flight (it covers every row read before it, as a later
   * one would), or one begun now. Call only when {@link #canSavepoint} holds.
   *
   * @return the id of the checkpoint whose completion is the savepoint
   */
  long savepoint(Step step) {
    if (inFlight == null) {
      trigger(step);
    }
    return inFlight.checkpointId();
  }

  /** Begins a checkpoint unless one is in flight or the pipeline is not running (or its enumerator is done). */
  void trigger(Step step) {
    PipelineState p = step.pipeline(pipelineId);
    if (p.status() != JobStatus.RUNNING || inFlight != null
        || p.taskGroups().getOrDefault(0, JobStatus.CREATED).isTerminal()) {
      return;
    }
    long checkpointId = p.lastCheckpointId() + 1;
    step.record(new JobMasterEvent.CheckpointTriggered(pipelineId, p.attempt(), checkpointId));
    Set<Integer> waiting = new TreeSet<>();
    p.taskGroups().forEach((index, s) -> {
      if (!s.isTerminal()) {
        waiting.add(index);
      }
    });
    inFlight = new InFlight(p.attempt(), checkpointId, waiting, new HashMap<>());
    step.effect(new JobMasterEffect.TriggerCheckpoint(p.slots().get(0),
        new TaskGroupId(jobId, pipelineId, p.attempt(), 0), checkpointId));
    step.effect(new JobMasterEffect.StartTimer(timeoutKey(),
        new JobMasterInternal.CheckpointTimedOut(pipelineId, p.attempt(), checkpointId), timeout(step)));
    log.debug("job {} pipeline {}: checkpoint {} triggered", jobId, pipelineId, checkpointId);
  }

  void onAck(Step step, CheckpointAck ack) {
    TaskGroupId id = ack.id();
    if (inFlight == null || inFlight.attempt() != id.attempt() || inFlight.checkpointId() != ack.checkpointId()) {
      log.debug("job {}: ignoring an acknowledgement of checkpoint {} from {}: not in flight", jobId, ack.checkpointId(), id);
      return;
    }
    if (!inFlight.waiting().remove(id.index())) {
      return; // a repeated acknowledgement
    }
    inFlight.acks().put(id.index(), ack.snapshot());
    maybeComplete(step);
  }

  /**
   * A task group that finished has nothing left to snapshot: it counts as acknowledged, with its
   * part of the last completed checkpoint (a reader finishes only after its final checkpoint
   * completed, so that part is its final state, counters included).
   */
  void onTaskFinished(Step step, TaskGroupId id) {
    if (inFlight != null && inFlight.attempt() == id.attempt() && inFlight.waiting().remove(id.index())) {
      inFlight.acks().put(id.index(), lastPart(step.pipeline(pipelineId), id.index()));
      maybeComplete(step);
    }
  }

  /** A bounded reader read everything: checkpoint at once so its last rows are committed. */
  void onInputEnded(Step step, TaskGroupId id) {
    if (step.pipeline(pipelineId).attempt() != id.attempt()) {
      return;
    }
    inputEnded.add(id.index());
    trigger(step);
  }

  /** @return the pipeline's failure if the timed-out checkpoint is still the one in flight */
  Optional<String> onTimedOut(Step step, JobMasterInternal.CheckpointTimedOut timeout) {
    if (inFlight == null || inFlight.attempt() != timeout.attempt() || inFlight.checkpointId() != timeout.checkpointId()) {
      return Optional.empty();
    }
    String reason = "checkpoint " + timeout.checkpointId() + " did not complete within "
        + timeout(step).toMillis() + " ms (no acknowledgement from task groups " + inFlight.waiting() + ")";
    inFlight = null;
    step.effect(new JobMasterEffect.Publish(
        JobEvent.checkpoint(EventType.CHECKPOINT_FAILED, jobId, pipelineId, timeout.checkpointId(), reason)));
    return Optional.of(reason);
  }

  /** The pipeline's attempt stops or starts again: what was in flight no longer counts. */
  void forget(Step step) {
    if (inFlight != null) {
      inFlight = null;
      step.effect(new JobMasterEffect.CancelTimer(timeoutKey()));
    }
    inputEnded.clear();
    step.effect(new JobMasterEffect.CancelTimer(tickKey()));
  }

  /** What task group {@code index} of the pipeline's next deployment restores from; null: start afresh. */
  static TaskSnapshot restoreOf(PipelineState p, int index) {
    return p.checkpoint() == null ? null : p.checkpoint().restoreOf(index);
  }

  /** Task group {@code index}'s part of the pipeline's last completed checkpoint; DONE if none. */
  private static TaskSnapshot lastPart(PipelineState p, int index) {
    return p.checkpoint() == null ? TaskSnapshot.DONE : p.checkpoint().restoreOf(index);
  }

  private void maybeComplete(Step step) {
    InFlight done = inFlight;
    if (!done.waiting().isEmpty()) {
      return;
    }
    inFlight = null;
    step.effect(new JobMasterEffect.CancelTimer(timeoutKey()));
    Map<Integer, TaskSnapshot> readers = new HashMap<>(done.acks());
    TaskSnapshot enumerator = readers.remove(0);
    PipelineState before = step.pipeline(pipelineId);
    for (int index = 1; index < before.slots().size(); index++) {
      // a reader that had finished before this checkpoint keeps its final part (and counters)
      readers.putIfAbsent(index, lastPart(before, index));
    }
    step.record(new JobMasterEvent.CheckpointCompleted(pipelineId, done.attempt(),
        new PipelineCheckpoint(done.checkpointId(), enumerator == null ? TaskSnapshot.DONE : enumerator, readers)));
    PipelineState p = step.pipeline(pipelineId);
    boolean readerStillToEnd = false;
    for (Map.Entry<Integer, JobStatus> task : new TreeMap<>(p.taskGroups()).entrySet()) {
      int index = task.getKey();
      if (index == 0 || task.getValue().isTerminal()) {
        continue;
      }
      step.effect(new JobMasterEffect.NotifyCheckpointComplete(p.slots().get(index),
          new TaskGroupId(jobId, pipelineId, p.attempt(), index), done.checkpointId()));
      TaskSnapshot snapshot = done.acks().get(index);
      if (inputEnded.contains(index) && (snapshot == null || !snapshot.inputEnded())) {
        readerStillToEnd = true; // it ended after its barrier: it needs one more checkpoint
      }
    }
    log.debug("job {} pipeline {}: checkpoint {} completed", jobId, pipelineId, done.checkpointId());
    if (readerStillToEnd) {
      trigger(step);
    }
  }
}
