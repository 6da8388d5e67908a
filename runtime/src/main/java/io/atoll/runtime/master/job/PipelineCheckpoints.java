package io.atoll.runtime.master.job;

import akka.actor.NoSerializationVerificationNeeded;
import akka.actor.typed.ActorRef;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.TimerScheduler;
import io.atoll.persistence.job.JobMasterEvent;
import io.atoll.protocol.event.EventType;
import io.atoll.protocol.event.JobEvent;
import io.atoll.persistence.job.PipelineCheckpoint;
import io.atoll.persistence.job.PipelineState;
import io.atoll.protocol.execution.JobMasterProtocol.CheckpointAck;
import io.atoll.protocol.execution.JobMasterProtocol.ReaderInputEnded;
import io.atoll.protocol.execution.TaskExecutorProtocol;
import io.atoll.protocol.execution.TaskGroupId;
import io.atoll.protocol.execution.TaskSnapshot;
import io.atoll.protocol.job.JobCoordinatorProtocol;
import io.atoll.protocol.job.JobStatus;
import io.atoll.protocol.resource.ResourceManagerProtocol;
import io.atoll.runtime.config.JobSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A job master's checkpoints, one pipeline at a time:
 *
 * <ol>
 *   <li>every checkpoint interval (or at once when a bounded reader has read everything) the id is
 *       journalled and the trigger goes to the pipeline's enumerator, which snapshots the splits it
 *       has not assigned and relays a barrier to every reader on the path its assignments take;
 *   <li>each reader snapshots its splits' offsets and has its sinks prepare their output, and
 *       acknowledges; a task group that finished counts as acknowledged with nothing left;
 *   <li>with every acknowledgement in, the checkpoint is journalled as completed — from then on a
 *       restarted attempt restores from it — and only then are the readers told to commit.
 * </ol>
 *
 * At most one checkpoint per pipeline is in flight. One that is not acknowledged within the
 * timeout fails the pipeline. What is in flight is not journalled: after a master restart the
 * acknowledgements of an interrupted checkpoint are ignored and the next one covers its output.
 */
abstract class PipelineCheckpoints extends JobScope {
  record CheckpointTick(int pipelineId, int attempt) implements NoSerializationVerificationNeeded {}

  record CheckpointTimedOut(int pipelineId, int attempt, long checkpointId) implements NoSerializationVerificationNeeded {}

  /** A checkpoint in flight: who has yet to answer and what those who did sent. */
  private static final class InFlight {
    final int attempt;
    final long checkpointId;
    final Set<Integer> waiting;
    final Map<Integer, TaskSnapshot> acks = new HashMap<>();

    InFlight(int attempt, long checkpointId, Set<Integer> waiting) {
      this.attempt = attempt;
      this.checkpointId = checkpointId;
      this.waiting = waiting;
    }
  }

  private final Map<Integer, InFlight> inFlight = new HashMap<>();
  /** Readers (by index) of each pipeline's current attempt that have read everything. */
  private final Map<Integer, Set<Integer>> inputEnded = new HashMap<>();

  PipelineCheckpoints(
      ActorContext<Object> context,
      long jobId,
      JobSettings settings,
      ActorRef<ResourceManagerProtocol> resourceManager,
      ActorRef<JobCoordinatorProtocol> coordinator,
      Function<String, ActorRef<TaskExecutorProtocol>> taskExecutors,
      TimerScheduler<Object> timers) {
    super(context, jobId, settings, resourceManager, coordinator, taskExecutors, timers);
  }

  abstract void pipelineFailed(int pipelineId, String error);

  Duration checkpointInterval() {
    long millis = state.definition().checkpointIntervalMillis();
    return millis > 0 ? Duration.ofMillis(millis) : settings.checkpointInterval();
  }

  Duration checkpointTimeout() {
    long millis = state.definition().checkpointTimeoutMillis();
    return millis > 0 ? Duration.ofMillis(millis) : settings.checkpointTimeout();
  }

  /** Starts the periodic checkpoints of the pipeline's current attempt. */
  void scheduleCheckpoints(int pipelineId) {
    PipelineState p = state.pipeline(pipelineId);
    timers.startSingleTimer("checkpoint-" + pipelineId, new CheckpointTick(pipelineId, p.attempt()), checkpointInterval());
  }

  void onCheckpointTick(CheckpointTick tick) {
    PipelineState p = state.pipeline(tick.pipelineId());
    if (p.attempt() != tick.attempt() || p.status().isTerminal()
        || p.status() == JobStatus.FAILING || p.status() == JobStatus.CANCELING) {
      return;
    }
    InFlight pending = inFlight.get(tick.pipelineId());
    if (pending != null) {
      // a whole interval without every answer: say who is missing, long before the timeout
      context.getLog().info("job {} pipeline {}: checkpoint {} still waits for task groups {}", jobId,
          tick.pipelineId(), pending.checkpointId, pending.waiting);
    }
    triggerCheckpoint(tick.pipelineId());
    scheduleCheckpoints(tick.pipelineId());
  }

  /** Begins a checkpoint unless one is in flight or the pipeline is not running (or is done). */
  void triggerCheckpoint(int pipelineId) {
    PipelineState p = state.pipeline(pipelineId);
    if (p.status() != JobStatus.RUNNING || inFlight.containsKey(pipelineId)
        || p.taskGroups().getOrDefault(0, JobStatus.CREATED).isTerminal()) {
      return;
    }
    long checkpointId = p.lastCheckpointId() + 1;
    apply(new JobMasterEvent.CheckpointTriggered(pipelineId, p.attempt(), checkpointId));
    Set<Integer> waiting = new TreeSet<>();
    p.taskGroups().forEach((index, s) -> {
      if (!s.isTerminal()) {
        waiting.add(index);
      }
    });
    inFlight.put(pipelineId, new InFlight(p.attempt(), checkpointId, waiting));
    taskExecutors(p.slots().get(0).worker()).tell(new TaskExecutorProtocol.TriggerCheckpoint(
        new TaskGroupId(jobId, pipelineId, p.attempt(), 0), checkpointId));
    timers.startSingleTimer("checkpoint-timeout-" + pipelineId,
        new CheckpointTimedOut(pipelineId, p.attempt(), checkpointId), checkpointTimeout());
    context.getLog().debug("job {} pipeline {}: checkpoint {} triggered", jobId, pipelineId, checkpointId);
  }

  void onCheckpointAck(CheckpointAck ack) {
    if (!state.started()) {
      stopIfUnknown();
      return;
    }
    TaskGroupId id = ack.id();
    InFlight pending = inFlight.get(id.pipelineId());
    if (pending == null || pending.attempt != id.attempt() || pending.checkpointId != ack.checkpointId()) {
      context.getLog().debug("job {}: ignoring an acknowledgement of checkpoint {} from {}: not in flight",
          jobId, ack.checkpointId(), id);
      return;
    }
    pending.acks.put(id.index(), ack.snapshot());
    pending.waiting.remove(id.index());
    maybeCompleteCheckpoint(id.pipelineId());
  }

  /**
   * A task group that finished has nothing left to snapshot: it counts as acknowledged, with its
   * part of the last completed checkpoint (a reader finishes only after its final checkpoint
   * completed, so that part is its final state, counters included).
   */
  void checkpointTaskFinished(TaskGroupId id) {
    InFlight pending = inFlight.get(id.pipelineId());
    if (pending != null && pending.attempt == id.attempt() && pending.waiting.remove(id.index())) {
      pending.acks.put(id.index(), lastPart(state.pipeline(id.pipelineId()), id.index()));
      maybeCompleteCheckpoint(id.pipelineId());
    }
  }

  /** Task group {@code index}'s part of the pipeline's last completed checkpoint; DONE if none. */
  private static TaskSnapshot lastPart(PipelineState p, int index) {
    return p.checkpoint() == null ? TaskSnapshot.DONE : p.checkpoint().restoreOf(index);
  }

  private void maybeCompleteCheckpoint(int pipelineId) {
    InFlight pending = inFlight.get(pipelineId);
    if (!pending.waiting.isEmpty()) {
      return;
    }
    inFlight.remove(pipelineId);
    timers.cancel("checkpoint-timeout-" + pipelineId);
    Map<Integer, TaskSnapshot> readers = new HashMap<>(pending.acks);
    TaskSnapshot enumerator = readers.remove(0);
    PipelineState before = state.pipeline(pipelineId);
    for (int index = 1; index < before.slots().size(); index++) {
      // a reader that had finished before this checkpoint keeps its final part (and counters)
      readers.putIfAbsent(index, lastPart(before, index));
    }
    apply(new JobMasterEvent.CheckpointCompleted(pipelineId, pending.attempt,
        new PipelineCheckpoint(pending.checkpointId, enumerator == null ? TaskSnapshot.DONE : enumerator, readers)));
    PipelineState p = state.pipeline(pipelineId);
    boolean readerStillToEnd = false;
    Set<Integer> ended = inputEnded.getOrDefault(pipelineId, Set.of());
    for (Map.Entry<Integer, JobStatus> task : p.taskGroups().entrySet()) {
      int index = task.getKey();
      if (index == 0 || task.getValue().isTerminal()) {
        continue;
      }
      taskExecutors(p.slots().get(index).worker()).tell(new TaskExecutorProtocol.NotifyCheckpointComplete(
          new TaskGroupId(jobId, pipelineId, p.attempt(), index), pending.checkpointId));
      TaskSnapshot snapshot = pending.acks.get(index);
      if (ended.contains(index) && (snapshot == null || !snapshot.inputEnded())) {
        readerStillToEnd = true; // it ended after its barrier: it needs one more checkpoint
      }
    }
    context.getLog().debug("job {} pipeline {}: checkpoint {} completed", jobId, pipelineId, pending.checkpointId);
    if (readerStillToEnd) {
      triggerCheckpoint(pipelineId);
    }
  }

  void onReaderInputEnded(ReaderInputEnded ended) {
    if (!state.started()) {
      stopIfUnknown();
      return;
    }
    TaskGroupId id = ended.id();
    PipelineState p = state.pipeline(id.pipelineId());
    if (p.attempt() != id.attempt()) {
      return;
    }
    inputEnded.computeIfAbsent(id.pipelineId(), k -> new HashSet<>()).add(id.index());
    triggerCheckpoint(id.pipelineId());
  }

  void onCheckpointTimedOut(CheckpointTimedOut timeout) {
    InFlight pending = inFlight.get(timeout.pipelineId());
    if (pending == null || pending.attempt != timeout.attempt() || pending.checkpointId != timeout.checkpointId()) {
      return;
    }
    inFlight.remove(timeout.pipelineId());
    String reason = "checkpoint " + timeout.checkpointId() + " did not complete within "
        + checkpointTimeout().toMillis() + " ms (no acknowledgement from task groups " + pending.waiting + ")";
    publish(JobEvent.checkpoint(EventType.CHECKPOINT_FAILED, jobId, timeout.pipelineId(), timeout.checkpointId(), reason));
    pipelineFailed(timeout.pipelineId(), reason);
  }

  /** The pipeline's attempt stops or starts again: what was in flight no longer counts. */
  void forgetCheckpoints(int pipelineId) {
    if (inFlight.remove(pipelineId) != null) {
      timers.cancel("checkpoint-timeout-" + pipelineId);
    }
    inputEnded.remove(pipelineId);
    timers.cancel("checkpoint-" + pipelineId);
  }

  /** What task group {@code index} of the pipeline's next deployment restores from; null: start afresh. */
  TaskSnapshot restoreOf(PipelineState p, int index) {
    return p.checkpoint() == null ? null : p.checkpoint().restoreOf(index);
  }
}
