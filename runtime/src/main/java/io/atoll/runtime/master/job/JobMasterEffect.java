package io.atoll.runtime.master.job;

import akka.actor.typed.ActorRef;
import io.atoll.protocol.connector.SinkEnd;
import io.atoll.protocol.event.JobEvent;
import io.atoll.protocol.execution.TaskGroupDescriptor;
import io.atoll.protocol.execution.TaskGroupId;
import io.atoll.protocol.job.JobCoordinatorProtocol;
import io.atoll.protocol.job.PluginDefinition;
import io.atoll.protocol.resource.SlotProfile;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What a JobMaster does once the events of a {@link Decision} are persisted: plain data, so the
 * pure components that decide them are tested without actors. Messages to a worker name the slot
 * the task group runs in; the actor turns the slot into that worker incarnation's TaskExecutor.
 * The actor performs each through {@link Performer}, one method per kind, so no kind is forgotten.
 */
sealed interface JobMasterEffect {
  void performBy(Performer performer);

  /** Performs effects; implemented by the actor. */
  interface Performer {
    void requestSlots(RequestSlots effect);

    void releaseSlots(ReleaseSlots effect);

    void deploy(Deploy effect);

    void cancelTaskGroup(CancelTaskGroup effect);

    void triggerCheckpoint(TriggerCheckpoint effect);

    void notifyCheckpointComplete(NotifyCheckpointComplete effect);

    void queryWorker(QueryWorker effect);

    void publish(Publish effect);

    void reportToCoordinator(ReportToCoordinator effect);

    void startTimer(StartTimer effect);

    void cancelTimer(CancelTimer effect);

    void settleSinks(SettleSinks effect);

    void reply(Reply effect);
  }

  record RequestSlots(int pipelineId, int attempt, int count, Map<String, String> tagFilter) implements JobMasterEffect {
    public RequestSlots {
      tagFilter = Map.copyOf(tagFilter);
    }

    @Override
    public void performBy(Performer performer) {
      performer.requestSlots(this);
    }
  }

  record ReleaseSlots(List<SlotProfile> slots) implements JobMasterEffect {
    public ReleaseSlots {
      slots = List.copyOf(slots);
    }

    @Override
    public void performBy(Performer performer) {
      performer.releaseSlots(this);
    }
  }

  record Deploy(TaskGroupDescriptor descriptor) implements JobMasterEffect {
    @Override
    public void performBy(Performer performer) {
      performer.deploy(this);
    }
  }

  record CancelTaskGroup(SlotProfile slot, TaskGroupId id, String reason) implements JobMasterEffect {
    @Override
    public void performBy(Performer performer) {
      performer.cancelTaskGroup(this);
    }
  }

  record TriggerCheckpoint(SlotProfile slot, TaskGroupId enumerator, long checkpointId) implements JobMasterEffect {
    @Override
    public void performBy(Performer performer) {
      performer.triggerCheckpoint(this);
    }
  }

  record NotifyCheckpointComplete(SlotProfile slot, TaskGroupId reader, long checkpointId) implements JobMasterEffect {
    @Override
    public void performBy(Performer performer) {
      performer.notifyCheckpointComplete(this);
    }
  }

  /** Ask the worker of {@code slot} which task groups of this job it still runs (after a master restart). */
  record QueryWorker(int pipelineId, int attempt, SlotProfile slot) implements JobMasterEffect {
    @Override
    public void performBy(Performer performer) {
      performer.queryWorker(this);
    }
  }

  record Publish(JobEvent event) implements JobMasterEffect {
    @Override
    public void performBy(Performer performer) {
      performer.publish(this);
    }
  }

  record ReportToCoordinator(JobCoordinatorProtocol message) implements JobMasterEffect {
    @Override
    public void performBy(Performer performer) {
      performer.reportToCoordinator(this);
    }
  }

  /** Starts (or restarts) the single timer {@code key}. */
  record StartTimer(String key, JobMasterInternal message, Duration delay) implements JobMasterEffect {
    @Override
    public void performBy(Performer performer) {
      performer.startTimer(this);
    }
  }

  /**
   * The job ended FAILED, CANCELED or SAVEPOINT_DONE: have the sinks of each pipeline that did not finish commit
   * what its last completed checkpoint covers and discard the rest of what their writers prepared;
   * then (or after {@link JobMaster#SETTLE_TIMEOUT}) send {@code report} to the coordinator.
   */
  record SettleSinks(List<Settlement> pipelines, JobCoordinatorProtocol report) implements JobMasterEffect {
    public SettleSinks {
      pipelines = List.copyOf(pipelines);
    }

    @Override
    public void performBy(Performer performer) {
      performer.settleSinks(this);
    }
  }

  /** The sinks of one pipeline and how it ended. */
  record Settlement(List<PluginDefinition> sinks, SinkEnd end) {
    public Settlement {
      sinks = List.copyOf(sinks);
    }
  }

  /** Answers a request sent with its own reply address (a stop with a savepoint). */
  record Reply(ActorRef<JobCoordinatorProtocol.CancelReply> to, JobCoordinatorProtocol.CancelReply reply)
      implements JobMasterEffect {
    @Override
    public void performBy(Performer performer) {
      performer.reply(this);
    }
  }

  record CancelTimer(String key) implements JobMasterEffect {
    @Override
    public void performBy(Performer performer) {
      performer.cancelTimer(this);
    }
  }
}
