package io.atoll.protocol.event;

import io.atoll.protocol.WireMessage;
import io.atoll.protocol.execution.TaskGroupId;
import java.util.Objects;

/**
 * One lifecycle event, as forwarded to the master and posted to {@code atoll.event-report-http.url}.
 * Every event has an {@code eventId} (unique across the cluster and restarts), a type, its job and
 * its creation time (epoch ms); the other fields are set only where the type has them (null
 * otherwise): the pipeline, the task group ({@link TaskGroupId#toString()}), the checkpoint id, a
 * reason for failures and the worker address.
 *
 * <p>The factories build an unstamped event (no id, time 0); the node's event publisher stamps it
 * with {@link #stamped} when it is published.
 */
public record JobEvent(
    String eventId,
    EventType eventType,
    long jobId,
    long createdTime,
    Integer pipelineId,
    String taskGroup,
    Long checkpointId,
    String reason,
    String worker) implements WireMessage {

  public JobEvent {
    Objects.requireNonNull(eventType, "eventType");
  }

  public static JobEvent job(EventType type, long jobId, String reason) {
    return new JobEvent(null, type, jobId, 0, null, null, null, reason, null);
  }

  public static JobEvent pipeline(EventType type, long jobId, int pipelineId, String reason) {
    return new JobEvent(null, type, jobId, 0, pipelineId, null, null, reason, null);
  }

  public static JobEvent task(EventType type, TaskGroupId id, String reason) {
    return new JobEvent(null, type, id.jobId(), 0, id.pipelineId(), id.toString(), null, reason, null);
  }

  public static JobEvent checkpoint(EventType type, long jobId, int pipelineId, long checkpointId, String reason) {
    return new JobEvent(null, type, jobId, 0, pipelineId, null, checkpointId, reason, null);
  }

  public static JobEvent workerLost(long jobId, String worker, String reason) {
    return new JobEvent(null, EventType.WORKER_LOST, jobId, 0, null, null, null, reason, worker);
  }

  /** This event with its id and creation time. */
  public JobEvent stamped(String id, long time) {
    return new JobEvent(id, eventType, jobId, time, pipelineId, taskGroup, checkpointId, reason, worker);
  }
}
