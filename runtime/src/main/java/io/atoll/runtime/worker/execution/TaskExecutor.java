package io.atoll.runtime.worker.execution;

import akka.actor.NoSerializationVerificationNeeded;
import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorRefResolver;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.Behavior;
import akka.actor.typed.DispatcherSelector;
import akka.actor.typed.PostStop;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import io.atoll.protocol.execution.ReaderCommand;
import io.atoll.protocol.execution.EnumeratorCommand;
import io.atoll.protocol.execution.JobMasterProtocol;
import io.atoll.protocol.execution.TaskExecutorCommand;
import io.atoll.protocol.execution.TaskExecutorProtocol;
import io.atoll.protocol.execution.TaskExecutorProtocol.CancelTaskGroup;
import io.atoll.protocol.execution.TaskExecutorProtocol.DeployTaskGroup;
import io.atoll.protocol.execution.TaskExecutorProtocol.NotifyCheckpointComplete;
import io.atoll.protocol.execution.TaskExecutorProtocol.QueryTaskGroups;
import io.atoll.protocol.execution.TaskExecutorProtocol.TriggerCheckpoint;
import io.atoll.protocol.execution.TaskGroupDescriptor;
import io.atoll.protocol.execution.TaskGroupId;
import io.atoll.protocol.execution.TaskGroupKind;
import io.atoll.protocol.job.JobMetrics;
import io.atoll.protocol.job.JobStatus;
import io.atoll.protocol.resource.JobId;
import io.atoll.protocol.resource.SlotProfile;
import io.atoll.runtime.connector.JobPluginLoaders;
import io.atoll.runtime.connector.JobPlugins;
import io.atoll.runtime.connector.PluginRegistry;
import io.atoll.runtime.master.job.JobMasters;
import io.atoll.runtime.logging.JobLogs;
import io.atoll.runtime.resource.ResourceTrackers;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs the task groups deployed to this worker, each as a child actor on the task dispatcher
 * ({@code atoll.task-dispatcher}), never on Akka's default one: connector code may block. Job
 * masters address it only through the ref that travels in every {@link SlotProfile} this worker's
 * SlotService hands out ({@link #of}), so a command meant for an earlier incarnation of this worker
 * never reaches this one.
 *
 * <p>Fenced as Flink's {@code TaskExecutor.submitTask}: the SlotService tells it of every grant
 * before it confirms the grant to the ResourceManager, and of every free. A deploy runs only in a
 * slot of this incarnation granted to its job, for an attempt not older than one already deployed
 * here; cancel, trigger and commit notices only reach a task group running here with exactly that
 * id. Everything else is refused, logged, counted (the count travels in the SlotService's heartbeat)
 * and answered so the JobMaster knows. A task group whose slot is freed is cancelled: nothing runs
 * in a slot this worker does not hold for its job.
 *
 * <p>Task groups report to their JobMaster themselves. When this node dies its task groups die with
 * it; the ResourceManager's worker-lost notice tells their job masters.
 */
public final class TaskExecutor extends AbstractBehavior<TaskExecutorCommand> {
  public static final String NAME = "task-executor";
  public static final String DISPATCHER = "atoll.task-dispatcher";

  /** What this node's SlotService tells its TaskExecutor, and its own child notices; never on the wire. */
  public sealed interface Local extends TaskExecutorCommand, NoSerializationVerificationNeeded {}

  /**
   * The SlotService of worker incarnation {@code sequence} started: nothing is granted yet. The
   * TaskExecutor sends its running refusal count to {@code refusals} after every refusal.
   */
  public record SlotServiceStarted(String worker, long sequence, ActorRef<CommandsRefused> refusals)
      implements Local {}

  /** Sent before the grant is confirmed to the ResourceManager, so no deploy can overtake it. */
  public record SlotsGranted(long sequence, JobId job, List<Integer> slotIds) implements Local {
    public SlotsGranted {
      slotIds = List.copyOf(slotIds);
    }
  }

  /** The slots were freed; a task group still running in one of them is cancelled. */
  public record SlotsFreed(long sequence, JobId job, List<Integer> slotIds) implements Local {
    public SlotsFreed {
      slotIds = List.copyOf(slotIds);
    }
  }

  /** To the SlotService: commands this TaskExecutor refused so far (it only grows). */
  public record CommandsRefused(long total) implements NoSerializationVerificationNeeded {}

  /**
   * From a task group, after it closed its plugins and reported what they still hold: it ended in
   * {@code state}. It is gone from here when it has stopped ({@code Ended}, its watch).
   */
  public record TaskGroupEnded(TaskGroupId id, String state) implements Local {}

  private record Ended(TaskGroupId id) implements Local {}

  private record Running(TaskGroupDescriptor descriptor, ActorRef<TaskGroupCommand> commands) {}

  /** Each job's plugins from a class loader of its own, closed when its last task group here ends. */
  private final JobPluginLoaders plugins;
  private final JobMasters jobMasters;
  private final Duration metricsInterval;
  private final SlotGrants grants = new SlotGrants();
  private final Map<TaskGroupId, Running> running = new HashMap<>();
  /** How each task group that said so ended, until it has stopped. */
  private final Map<TaskGroupId, String> endStates = new HashMap<>();
  /** How the latest task group of each job that ran here ended, until the job ends here. */
  private final Map<Long, String> lastEnds = new HashMap<>();
  private ActorRef<CommandsRefused> refusals;
  private long refused;

  public static Behavior<TaskExecutorCommand> create(
      PluginRegistry registry, JobMasters jobMasters, Duration metricsInterval) {
    return Behaviors.setup(context -> new TaskExecutor(context, registry, jobMasters, metricsInterval));
  }

  /**
   * The TaskExecutor that holds {@code slot}: the ref its worker handed out with the slot, which names
   * that incarnation of the actor.
   */
  public static ActorRef<TaskExecutorProtocol> of(ActorSystem<?> system, SlotProfile slot) {
    if (slot.executor() != null) {
      return slot.executor();
    }
    // Only for slots made without a worker (tests). Unsafe in a cluster: a path names no incarnation,
    // so the message may reach a restarted successor, and a path resolved before the actor exists
    // can be pinned to an empty ref for good by Artery's actor-ref compression.
    return on(system, slot.worker());
  }

  /**
   * The TaskExecutor at a path on the worker at {@code workerAddress}. Unsafe (see {@link #of}); kept
   * until every caller has a slot at hand.
   */
  public static ActorRef<TaskExecutorProtocol> on(ActorSystem<?> system, String workerAddress) {
    return ActorRefResolver.get(system).resolveActorRef(workerAddress + "/user/" + NAME);
  }

  private TaskExecutor(
      ActorContext<TaskExecutorCommand> context, PluginRegistry registry, JobMasters jobMasters,
      Duration metricsInterval) {
    super(context);
    this.plugins = JobPluginLoaders.of(context.getSystem(), registry);
    this.jobMasters = jobMasters;
    this.metricsInterval = metricsInterval;
  }

  @Override
  public Receive<TaskExecutorCommand> createReceive() {
    return newReceiveBuilder()
        .onMessage(DeployTaskGroup.class, this::onDeploy)
        .onMessage(CancelTaskGroup.class, this::onCancel)
        .onMessage(TriggerCheckpoint.class, this::onTrigger)
        .onMessage(NotifyCheckpointComplete.class, this::onCheckpointComplete)
        .onMessage(QueryTaskGroups.class, this::onQuery)
        .onMessage(SlotServiceStarted.class, this::onSlotServiceStarted)
        .onMessage(SlotsGranted.class, this::onGranted)
        .onMessage(SlotsFreed.class, this::onFreed)
        .onMessage(TaskGroupEnded.class, this::onTaskGroupEnded)
        .onMessage(Ended.class, this::onEnded)
        .onSignal(PostStop.class, stopped -> onStopped())
        .build();
  }

  private Behavior<TaskExecutorCommand> onDeploy(DeployTaskGroup deploy) {
    TaskGroupDescriptor d = deploy.descriptor();
    if (running.containsKey(d.id())) {
      getContext().getLog().info("task group {} already runs here; deploy ignored", d.id());
      return this;
    }
    Optional<String> refusal = grants.refuse(d).or(() -> occupied(d));
    if (refusal.isPresent()) {
      refuse("deploy of " + d.id() + " into slot " + d.slot(), refusal.get());
      answerFailed(d.id(), refusal.get());
      return this;
    }
    JobPlugins job;
    try {
      job = plugins.taskGroupStarted(d.id().jobId());
    } catch (RuntimeException | LinkageError e) {
      getContext().getLog().error("cannot load the plugins of job {} for {}", d.id().jobId(), d.id(), e);
      answerFailed(d.id(), "cannot load the job's plugins: " + e.getMessage());
      return this;
    }
    grants.deployed(d.id());
    cancelSuperseded(d.id());
    var jobMaster = jobMasters.forJob(d.id().jobId());
    DispatcherSelector dispatcher = DispatcherSelector.fromConfig(DISPATCHER);
    ActorRef<TaskGroupEnded> self = getContext().getSelf().narrow();
    long jobId = d.id().jobId();
    ActorRef<TaskGroupCommand> child = d.id().kind() == TaskGroupKind.ENUMERATOR
        ? getContext().spawn(JobLogs.around(jobId, EnumeratorCommand.class, job.around(EnumeratorTaskGroup.create(
            d, job.registry(), jobMaster, metricsInterval, self))), d.id().toString(), dispatcher).narrow()
        : getContext().spawn(JobLogs.around(jobId, ReaderCommand.class, job.around(ReaderTaskGroup.create(
            d, job.registry(), jobMaster, metricsInterval, self))), d.id().toString(), dispatcher).narrow();
    getContext().watchWith(child, new Ended(d.id()));
    running.put(d.id(), new Running(d, child));
    getContext().getLog().info("deployed task group {} in slot {}", d.id(), d.slot());
    return this;
  }

  /** A slot runs one task group at a time; one of an older attempt is on its way out (superseded). */
  private Optional<String> occupied(TaskGroupDescriptor d) {
    // One whose slot was freed or regranted is being cancelled already and does not count.
    return running.values().stream()
        .filter(r -> r.descriptor().slot().slotId() == d.slot().slotId()
            && grants.holds(r.descriptor().slot(), r.descriptor().id().jobId())
            && !olderAttempt(r.descriptor().id(), d.id()))
        .findFirst()
        .map(r -> "slot #" + d.slot().slotId() + " already runs task group " + r.descriptor().id());
  }

  private static boolean olderAttempt(TaskGroupId a, TaskGroupId b) {
    return a.jobId() == b.jobId() && a.pipelineId() == b.pipelineId() && a.attempt() < b.attempt();
  }

  /** A newer attempt of the pipeline runs here now: what is left of older ones must not write on. */
  private void cancelSuperseded(TaskGroupId newer) {
    running.values().stream()
        .filter(r -> olderAttempt(r.descriptor().id(), newer))
        .forEach(r -> {
          getContext().getLog().warn("cancelling task group {}: superseded by attempt {}", r.descriptor().id(),
              newer.attempt());
          r.commands().tell(new TaskGroupCommand.Cancel("superseded by attempt " + newer.attempt()));
        });
  }

  private Behavior<TaskExecutorCommand> onCancel(CancelTaskGroup cancel) {
    Running target = running.get(cancel.id());
    if (target == null) {
      // Ended already, never arrived, or meant for another incarnation: say so, so the job master
      // does not wait for it.
      refuse("cancel of " + cancel.id(), "not running on this worker");
      jobMasters.forJob(cancel.id().jobId()).tell(new JobMasterProtocol.TaskGroupStateChanged(
          cancel.id(), JobStatus.CANCELED, "not running on this worker", JobMetrics.ZERO, null));
      return this;
    }
    target.commands().tell(new TaskGroupCommand.Cancel(cancel.reason()));
    return this;
  }

  private Behavior<TaskExecutorCommand> onTrigger(TriggerCheckpoint trigger) {
    Running target = running.get(trigger.enumerator());
    if (target == null || trigger.enumerator().kind() != TaskGroupKind.ENUMERATOR) {
      String reason = target == null
          ? "enumerator " + trigger.enumerator() + " does not run here"
          : trigger.enumerator() + " is not an enumerator";
      refuse("checkpoint " + trigger.checkpointId() + " trigger", reason);
      answerFailed(trigger.enumerator(), reason);
      return this;
    }
    target.commands().tell(new TaskGroupCommand.TriggerCheckpoint(trigger.checkpointId()));
    return this;
  }

  /** A refused commit notice changes nothing on the job's side: the reader it names is gone or elsewhere. */
  private Behavior<TaskExecutorCommand> onCheckpointComplete(NotifyCheckpointComplete complete) {
    Running target = running.get(complete.reader());
    if (target == null || complete.reader().kind() != TaskGroupKind.READER) {
      refuse("commit notice of checkpoint " + complete.checkpointId(), target == null
          ? "reader " + complete.reader() + " does not run here"
          : complete.reader() + " is not a reader");
      return this;
    }
    target.commands().tell(new TaskGroupCommand.CheckpointComplete(complete.checkpointId()));
    return this;
  }

  private Behavior<TaskExecutorCommand> onQuery(QueryTaskGroups query) {
    query.replyTo().tell(new TaskExecutorProtocol.TaskGroupsRunning(
        getContext().getSystem().address().toString(),
        running.keySet().stream().filter(id -> id.jobId() == query.jobId()).toList()));
    return this;
  }

  private Behavior<TaskExecutorCommand> onSlotServiceStarted(SlotServiceStarted started) {
    // Whatever runs now sits in slots of the SlotService's earlier life, which granted them to nobody
    // any more.
    running.values().forEach(r -> r.commands().tell(new TaskGroupCommand.Cancel(
        "the slot service of this worker restarted; slot " + r.descriptor().slot() + " is no longer held")));
    Set<Long> holding = grants.jobs();
    grants.reset(started.worker(), started.sequence());
    // a job that held slots here and runs nothing ends here now (the others when their task groups end)
    holding.forEach(jobId -> checkJobEnded(jobId, "the slot service of this worker restarted; the job's slots "
        + "here are gone"));
    refusals = started.refusals();
    refusals.tell(new CommandsRefused(refused));
    getContext().getLog().info("fencing deploys with slot sequence {} of worker {}", started.sequence(), started.worker());
    return this;
  }

  private Behavior<TaskExecutorCommand> onGranted(SlotsGranted granted) {
    if (!grants.grant(granted.sequence(), granted.job(), granted.slotIds())) {
      getContext().getLog().error("grant of slots {} to job {} under sequence {} ignored: this worker runs sequence {}",
          granted.slotIds(), granted.job(), granted.sequence(), grants.sequence());
    }
    return this;
  }

  private Behavior<TaskExecutorCommand> onFreed(SlotsFreed freed) {
    List<Integer> slotIds = grants.free(freed.sequence(), freed.job(), freed.slotIds());
    running.values().stream()
        .filter(r -> r.descriptor().id().jobId() == freed.job().value()
            && slotIds.contains(r.descriptor().slot().slotId()))
        .forEach(r -> {
          getContext().getLog().warn("cancelling task group {}: its slot {} was freed", r.descriptor().id(),
              r.descriptor().slot());
          r.commands().tell(new TaskGroupCommand.Cancel(
              "slot #" + r.descriptor().slot().slotId() + " of job " + freed.job() + " was freed on this worker"));
        });
    if (!slotIds.isEmpty()) {
      String last = lastEnds.get(freed.job().value());
      checkJobEnded(freed.job().value(), last == null ? "job's last slot on this worker freed"
          : "job's last task group " + last + " on this worker, and its slots freed");
    }
    return this;
  }

  /** Kept until the task group has stopped: until then it still runs here (its name is taken). */
  private Behavior<TaskExecutorCommand> onTaskGroupEnded(TaskGroupEnded ended) {
    if (running.containsKey(ended.id())) {
      endStates.put(ended.id(), ended.state());
    }
    return this;
  }

  /** The node stops: its task groups stop with it, and no Ended comes for them. */
  private Behavior<TaskExecutorCommand> onStopped() {
    plugins.closeAll();
    return this;
  }

  /** The task group stopped; normally it said how before ({@link TaskGroupEnded}). */
  private Behavior<TaskExecutorCommand> onEnded(Ended ended) {
    String state = endStates.remove(ended.id());
    if (running.remove(ended.id()) != null) {
      plugins.taskGroupEnded(ended.id().jobId()); // the job's last one here closes its loader, before the check
      String how = state == null ? "stopped" : state;
      lastEnds.put(ended.id().jobId(), how);
      checkJobEnded(ended.id().jobId(), "job's last task group " + how + " on this worker");
    }
    return this;
  }

  /**
   * A job ends on this worker when it neither runs a task group nor holds a slot here: then what it
   * still holds here is leaked. Not at its last task group's end alone: its slots stay granted
   * across a pipeline restart and until its JobMaster releases them after its terminal state.
   */
  private void checkJobEnded(long jobId, String how) {
    boolean runs = running.keySet().stream().anyMatch(id -> id.jobId() == jobId);
    if (!runs && !grants.holdsAny(jobId)) {
      lastEnds.remove(jobId);
      JobLogs.ended(jobId, how);
      // not the ResourceManager's assignments, if it runs on this node: they are checked at the job's end
      ResourceTrackers.get(getContext().getSystem()).jobEnded(jobId, how, kind -> !kind.equals("slot-assignment"));
    }
  }

  private void refuse(String what, String reason) {
    refused++;
    getContext().getLog().warn("refused {}: {} ({} refused so far)", what, reason, refused);
    if (refusals != null) {
      refusals.tell(new CommandsRefused(refused));
    }
  }

  /** Through the job's JobMaster (sharding), which fails over the task group at once. */
  private void answerFailed(TaskGroupId id, String reason) {
    jobMasters.forJob(id.jobId()).tell(new JobMasterProtocol.TaskGroupStateChanged(
        id, JobStatus.FAILED, "refused by worker " + worker() + ": " + reason, JobMetrics.ZERO, null));
  }

  private String worker() {
    return getContext().getSystem().address().toString();
  }
}
