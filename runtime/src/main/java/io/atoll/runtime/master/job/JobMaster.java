package io.atoll.runtime.master.job;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.SupervisorStrategy;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.TimerScheduler;
import akka.cluster.sharding.typed.javadsl.ClusterSharding;
import akka.cluster.sharding.typed.javadsl.EntityTypeKey;
import akka.persistence.typed.PersistenceId;
import akka.persistence.typed.RecoveryCompleted;
import akka.persistence.typed.javadsl.CommandHandler;
import akka.persistence.typed.javadsl.Effect;
import akka.persistence.typed.javadsl.EffectBuilder;
import akka.persistence.typed.javadsl.EventHandler;
import akka.persistence.typed.javadsl.EventSourcedBehavior;
import akka.persistence.typed.javadsl.RetentionCriteria;
import akka.persistence.typed.javadsl.SignalHandler;
import io.atoll.persistence.job.JobMasterEvent;
import io.atoll.persistence.job.JobMasterState;
import io.atoll.protocol.execution.JobMasterProtocol;
import io.atoll.protocol.execution.TaskExecutorProtocol;
import io.atoll.protocol.job.JobCoordinatorProtocol;
import io.atoll.protocol.resource.ResourceManagerProtocol;
import io.atoll.runtime.config.JobSettings;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * Runs one job: plans its pipelines, asks the ResourceManager for 1 + parallelism slots per
 * pipeline (honouring the job's tag filter), deploys the enumerator and then the readers to the
 * workers' TaskExecutors, follows every task group's state, retries a failed pipeline up to
 * {@code job.retry.times}, cancels on request, and gives every slot back when a pipeline ends.
 *
 * <p>A sharded, remembered entity (entity id = job id), so workers reach it through sharding
 * wherever it runs, and event-sourced: its {@link JobMasterState} changes only by journalled
 * {@link JobMasterEvent}s, and messages go out only after the events behind them are persisted.
 * After a master restart sharding starts it again; it recovers its state, asks the workers of its
 * slots which task groups still run, adopts those and restarts pipelines that lost one.
 *
 * <p>Reports from an earlier attempt of a pipeline are ignored (fenced by attempt number).
 *
 * <p>This class is the actor: persistence, recovery, passivation. The job logic is {@link JobRun},
 * split by concern over {@link JobScope}, {@link PipelineStops} and {@link PipelineScheduling}.
 */
public final class JobMaster extends EventSourcedBehavior<Object, JobMasterEvent, JobMasterState> {

  public static final EntityTypeKey<JobMasterProtocol> TYPE_KEY =
      EntityTypeKey.create(JobMasterProtocol.class, "JobMaster");

  private final ActorContext<Object> context;
  private final ActorRef<ClusterSharding.ShardCommand> shard;
  private final JobRun run;

  /**
   * @param coordinator the JobCoordinator singleton's proxy
   * @param taskExecutors the TaskExecutor of a worker, by the worker's address
   * @param shard the entity's shard, to passivate when the job has ended; null outside sharding
   */
  public static Behavior<JobMasterProtocol> create(
      long jobId,
      JobSettings settings,
      ActorRef<ResourceManagerProtocol> resourceManager,
      ActorRef<JobCoordinatorProtocol> coordinator,
      Function<String, ActorRef<TaskExecutorProtocol>> taskExecutors,
      ActorRef<ClusterSharding.ShardCommand> shard) {
    return Behaviors.<Object>setup(context -> Behaviors.withTimers(timers ->
            new JobMaster(context, jobId, settings, resourceManager, coordinator, taskExecutors, timers, shard)))
        .narrow();
  }

  private JobMaster(
      ActorContext<Object> context,
      long jobId,
      JobSettings settings,
      ActorRef<ResourceManagerProtocol> resourceManager,
      ActorRef<JobCoordinatorProtocol> coordinator,
      Function<String, ActorRef<TaskExecutorProtocol>> taskExecutors,
      TimerScheduler<Object> timers,
      ActorRef<ClusterSharding.ShardCommand> shard) {
    super(PersistenceId.of(TYPE_KEY.name(), Long.toString(jobId)),
        SupervisorStrategy.restartWithBackoff(Duration.ofMillis(200), Duration.ofSeconds(10), 0.2));
    this.context = context;
    this.shard = shard;
    this.run = new JobRun(context, jobId, settings, resourceManager, coordinator, taskExecutors, timers);
  }

  @Override
  public JobMasterState emptyState() {
    return JobMasterState.EMPTY;
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(100, 2).withDeleteEventsOnSnapshot();
  }

  @Override
  public EventHandler<JobMasterState, JobMasterEvent> eventHandler() {
    return newEventHandlerBuilder().forAnyState().onAnyEvent(JobMasterState::apply);
  }

  @Override
  public SignalHandler<JobMasterState> signalHandler() {
    return newSignalHandlerBuilder().onSignal(RecoveryCompleted.instance(), recovered -> {
      if (recovered.started() && !recovered.status().isTerminal()) {
        context.getLog().info("job {} recovered in state {}; checking its task groups", recovered.jobId(), recovered.status());
        context.getSelf().tell(JobScope.Resume.INSTANCE);
      }
    }).build();
  }

  @Override
  public CommandHandler<Object, JobMasterEvent, JobMasterState> commandHandler() {
    return newCommandHandlerBuilder().forAnyState().onAnyCommand(this::handle);
  }

  /**
   * Runs the command against a working copy of the state, then persists the events it produced and
   * only afterwards sends its messages and starts its timers: nothing is said that the journal
   * does not back.
   */
  private Effect<JobMasterEvent, JobMasterState> handle(JobMasterState current, Object command) {
    run.begin(current);
    run.dispatch(command);
    List<Runnable> sideEffects = List.copyOf(run.effects);
    EffectBuilder<JobMasterEvent, JobMasterState> effect =
        run.pending.isEmpty() ? Effect().none() : Effect().persist(List.copyOf(run.pending));
    effect = effect.thenRun(after -> sideEffects.forEach(Runnable::run));
    JobMasterState state = run.state;
    if (run.unknownJob || (state.started() && state.status().isTerminal() && run.slotRequestsInFlight == 0)) {
      return shard == null ? effect.thenStop() : effect.thenRun(after -> shard.tell(
          new ClusterSharding.Passivate<>(context.getSelf().narrow())));
    }
    return effect;
  }
}
