package io.atoll.persistence.job;

import io.atoll.protocol.WireMessage;
import io.atoll.persistence.job.JobMasterEvent.JobStarted;
import io.atoll.persistence.job.JobMasterEvent.JobStatusRecorded;
import io.atoll.persistence.job.JobMasterEvent.PipelineAttemptStarted;
import io.atoll.persistence.job.JobMasterEvent.PipelineSlotsAssigned;
import io.atoll.persistence.job.JobMasterEvent.PipelineSlotsReleased;
import io.atoll.persistence.job.JobMasterEvent.PipelineStatusChanged;
import io.atoll.persistence.job.JobMasterEvent.TaskGroupStateRecorded;
import io.atoll.protocol.execution.TaskGroupId;
import io.atoll.protocol.job.JobDefinition;
import io.atoll.protocol.job.JobStatus;
import io.atoll.protocol.resource.SlotProfile;
import java.util.HashMap;
import java.util.Map;

/**
 * A job as its JobMaster knows it. Immutable; {@link #apply} is a pure function, so the same events
 * always rebuild the same state (the basis for recovering it from a journal).
 */
public record JobMasterState(
    long jobId,
    JobDefinition definition,
    JobStatus status,
    String error,
    long startTime,
    long endTime,
    Map<Integer, PipelineState> pipelines,
    Map<TaskGroupId, SlotProfile> heldSlots)
    implements WireMessage {

  public static final JobMasterState EMPTY =
      new JobMasterState(0, null, JobStatus.CREATED, null, 0, 0, Map.of(), Map.of());

  /**
   * @param heldSlots slots of task groups that did not confirm a cancel: the job keeps them until
   *     the task group confirms or its worker is lost (it may still run in them)
   */
  public JobMasterState {
    pipelines = Map.copyOf(pipelines);
    heldSlots = Map.copyOf(heldSlots);
  }

  public boolean started() {
    return definition != null;
  }

  public PipelineState pipeline(int pipelineId) {
    PipelineState p = pipelines.get(pipelineId);
    if (p == null) {
      throw new IllegalArgumentException("job " + jobId + " has no pipeline " + pipelineId);
    }
    return p;
  }

  public JobMasterState apply(JobMasterEvent event) {
    if (event instanceof JobStarted e) {
      Map<Integer, PipelineState> ps = new HashMap<>();
      for (int i = 1; i <= e.pipelines(); i++) {
        ps.put(i, PipelineState.created(i));
      }
      return new JobMasterState(e.jobId(), e.definition(), JobStatus.PENDING, null, e.time(), 0, ps, heldSlots);
    }
    if (event instanceof PipelineAttemptStarted e) {
      return withPipeline(pipeline(e.pipelineId()).withAttempt(e.attempt()));
    }
    if (event instanceof PipelineSlotsAssigned e) {
      PipelineState p = pipeline(e.pipelineId());
      return p.attempt() == e.attempt() ? withPipeline(p.withSlots(e.slots())) : this;
    }
    if (event instanceof TaskGroupStateRecorded e) {
      PipelineState p = pipeline(e.pipelineId());
      return p.attempt() == e.attempt() ? withPipeline(p.withTaskGroup(e.index(), e.state())) : this;
    }
    if (event instanceof PipelineStatusChanged e) {
      return withPipeline(pipeline(e.pipelineId()).withStatus(e.status(), e.error()));
    }
    if (event instanceof PipelineSlotsReleased e) {
      return withPipeline(pipeline(e.pipelineId()).withoutSlots());
    }
    if (event instanceof JobMasterEvent.PipelineRestartForgiven e) {
      return withPipeline(pipeline(e.pipelineId()).forgiven());
    }
    if (event instanceof JobMasterEvent.CheckpointTriggered e) {
      return withPipeline(pipeline(e.pipelineId()).withCheckpointTriggered(e.checkpointId()));
    }
    if (event instanceof JobMasterEvent.CheckpointCompleted e) {
      PipelineState p = pipeline(e.pipelineId());
      PipelineState after = p.attempt() == e.attempt() ? p.withCheckpoint(e.checkpoint()) : p;
      return after == p ? this : withPipeline(after);
    }
    if (event instanceof JobStatusRecorded e) {
      return new JobMasterState(
          jobId, definition, e.status(), e.error() == null ? error : e.error(), startTime,
          e.status().isTerminal() ? e.time() : endTime, pipelines, heldSlots);
    }
    if (event instanceof JobMasterEvent.TaskGroupSlotHeld e) {
      Map<TaskGroupId, SlotProfile> held = new HashMap<>(heldSlots);
      held.put(e.id(), e.slot());
      return new JobMasterState(jobId, definition, status, error, startTime, endTime, pipelines, held);
    }
    if (event instanceof JobMasterEvent.JobRestored e) {
      Map<Integer, PipelineState> ps = new HashMap<>();
      pipelines.forEach((id, p) -> ps.put(id, p.restored()));
      return new JobMasterState(jobId, e.definition(), JobStatus.PENDING, null, e.time(), 0, ps, heldSlots);
    }
    if (event instanceof JobMasterEvent.HeldSlotReleased e) {
      Map<TaskGroupId, SlotProfile> held = new HashMap<>(heldSlots);
      held.remove(e.id());
      return new JobMasterState(jobId, definition, status, error, startTime, endTime, pipelines, held);
    }
    throw new IllegalArgumentException("unknown event " + event);
  }

  private JobMasterState withPipeline(PipelineState p) {
    Map<Integer, PipelineState> ps = new HashMap<>(pipelines);
    ps.put(p.pipelineId(), p);
    return new JobMasterState(jobId, definition, status, error, startTime, endTime, ps, heldSlots);
  }
}
