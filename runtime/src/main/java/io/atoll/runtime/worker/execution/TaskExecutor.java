package io.atoll.runtime.worker.execution;

import akka.actor.NoSerializationVerificationNeeded;
import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorRefResolver;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.Behavior;
import akka.actor.typed.DispatcherSelector;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import io.atoll.protocol.execution.TaskExecutorProtocol;
import io.atoll.protocol.execution.TaskExecutorProtocol.CancelTaskGroup;
import io.atoll.protocol.execution.TaskExecutorProtocol.DeployTaskGroup;
import io.atoll.protocol.execution.TaskGroupDescriptor;
import io.atoll.protocol.execution.TaskGroupId;
import io.atoll.protocol.execution.TaskGroupKind;
import io.atoll.protocol.job.JobMetrics;
import io.atoll.protocol.job.JobStatus;
import io.atoll.runtime.connector.PluginRegistry;
import io.atoll.runtime.master.job.JobMasters;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs the task groups deployed to this worker, each as a child actor on the task dispatcher
 * ({@code atoll.task-dispatcher}), never on Akka's default one: connector code may block. Job
 * masters find it by path ({@code /user/task-executor} on the worker named by a slot).
 *
 * <p>Task groups report to their JobMaster themselves. When this node dies its task groups die with
 * it; the ResourceManager's worker-lost notice tells their job masters.
 */
public final class TaskExecutor extends AbstractBehavior<Object> {
  public static final String NAME = "task-executor";
  public static final String DISPATCHER = "atoll.task-dispatcher";

  private record Ended(TaskGroupId id) implements NoSerializationVerificationNeeded {}

  private final PluginRegistry registry;
  private final JobMasters jobMasters;
  private final Duration metricsInterval;
  private final Map<TaskGroupId, ActorRef<Object>> running = new HashMap<>();

  public static Behavior<TaskExecutorProtocol> create(
      PluginRegistry registry, JobMasters jobMasters, Duration metricsInterval) {
    return Behaviors.<Object>setup(context -> new TaskExecutor(context, registry, jobMasters, metricsInterval)).narrow();
  }

  /** The TaskExecutor of the worker at {@code workerAddress} (an Akka address, as in a slot). */
  public static ActorRef<TaskExecutorProtocol> on(ActorSystem<?> system, String workerAddress) {
    return ActorRefResolver.get(system).resolveActorRef(workerAddress + "/user/" + NAME);
  }

  private TaskExecutor(
      ActorContext<Object> context, PluginRegistry registry, JobMasters jobMasters, Duration metricsInterval) {
    super(context);
    this.registry = registry;
    this.jobMasters = jobMasters;
    this.metricsInterval = metricsInterval;
  }

  @Override
  public Receive<Object> createReceive() {
    return newReceiveBuilder()
        .onMessage(DeployTaskGroup.class, this::onDeploy)
        .onMessage(CancelTaskGroup.class, this::onCancel)
        .onMessage(TaskExecutorProtocol.QueryTaskGroups.class, query -> {
          query.replyTo().tell(new TaskExecutorProtocol.TaskGroupsRunning(
              getContext().getSystem().address().toString(),
              running.keySet().stream().filter(id -> id.jobId() == query.jobId()).toList()));
          return this;
        })
        .onMessage(TaskExecutorProtocol.TriggerCheckpoint.class, trigger -> forward(trigger.enumerator(), trigger))
        .onMessage(TaskExecutorProtocol.NotifyCheckpointComplete.class, complete -> forward(complete.reader(),
            new ReaderTaskGroup.CheckpointComplete(complete.checkpointId())))
        .onMessage(Ended.class, ended -> {
          running.remove(ended.id());
          return this;
        })
        .build();
  }

  /** A checkpoint message for a task group; one that has ended has nothing to add (its job master knows). */
  private Behavior<Object> forward(TaskGroupId id, Object message) {
    ActorRef<Object> child = running.get(id);
    if (child == null) {
      getContext().getLog().debug("{} for task group {}, which does not run here", message, id);
    } else {
      child.tell(message);
    }
    return this;
  }

  private Behavior<Object> onDeploy(DeployTaskGroup deploy) {
    TaskGroupDescriptor d = deploy.descriptor();
    if (running.containsKey(d.id())) {
      getContext().getLog().info("task group {} already runs here; deploy ignored", d.id());
      return this;
    }
    var jobMaster = jobMasters.forJob(d.id().jobId());
    Behavior<Object> behavior = d.id().kind() == TaskGroupKind.ENUMERATOR
        ? EnumeratorTaskGroup.create(d, registry, jobMaster)
        : ReaderTaskGroup.create(d, registry, jobMaster, metricsInterval);
    ActorRef<Object> child = getContext().spawn(behavior, d.id().toString(), DispatcherSelector.fromConfig(DISPATCHER));
    getContext().watchWith(child, new Ended(d.id()));
    running.put(d.id(), child);
    getContext().getLog().info("deployed task group {} in slot {}", d.id(), d.slot());
    return this;
  }

  private Behavior<Object> onCancel(CancelTaskGroup cancel) {
    ActorRef<Object> child = running.get(cancel.id());
    if (child == null) {
      // Ended already, or never arrived: say so, so the job master does not wait for it.
      jobMasters.forJob(cancel.id().jobId()).tell(new io.atoll.protocol.execution.JobMasterProtocol.TaskGroupStateChanged(
          cancel.id(), JobStatus.CANCELED, "not running on this worker", JobMetrics.ZERO, null));
      return this;
    }
    child.tell(new ReaderTaskGroup.Cancel(cancel.reason()));
    return this;
  }
}
