package io.atoll.runtime.master.job;

import akka.actor.NoSerializationVerificationNeeded;
import akka.actor.typed.ActorRef;
import akka.actor.typed.RecipientRef;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.TimerScheduler;
import io.atoll.persistence.job.JobMasterEvent;
import io.atoll.persistence.job.JobMasterState;
import io.atoll.persistence.job.PipelineState;
import io.atoll.protocol.execution.TaskExecutorProtocol;
import io.atoll.protocol.execution.TaskGroupId;
import io.atoll.protocol.job.JobCoordinatorProtocol;
import io.atoll.protocol.job.JobMetrics;
import io.atoll.protocol.job.JobStatus;
import io.atoll.protocol.resource.JobId;
import io.atoll.protocol.resource.ResourceManagerProtocol;
import io.atoll.protocol.resource.SlotReply;
import io.atoll.protocol.event.JobEvent;
import io.atoll.runtime.config.JobSettings;
import io.atoll.runtime.event.Events;
import io.atoll.runtime.job.plan.PipelinePlan;
import io.atoll.runtime.job.plan.PipelinePlanner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What every part of a job master's logic shares while it handles one command: the job's identity
 * and settings, a working copy of its state (with the events recorded so far applied), the events
 * to persist, and the side effects — messages, asks, timers — to run once they are persisted. The
 * logic is split by concern into {@link PipelineStops}, {@link PipelineScheduling} and
 * {@link JobRun}, each a subclass sharing this one object, so the code reads by concern while the
 * state stays in one place. {@link JobMaster} is the event-sourced actor around it.
 */
abstract class JobScope {
  record SlotAnswer(int pipelineId, int attempt, SlotReply reply, Throwable failure)
      implements NoSerializationVerificationNeeded {}

  record RetrySlots(int pipelineId, int attempt) implements NoSerializationVerificationNeeded {}

  record RestartPipeline(int pipelineId) implements NoSerializationVerificationNeeded {}

  record CancelTimedOut(int pipelineId, int attempt) implements NoSerializationVerificationNeeded {}

  record TaskGroupsFound(int pipelineId, int attempt, String worker, List<TaskGroupId> running)
      implements NoSerializationVerificationNeeded {}

  enum Resume implements NoSerializationVerificationNeeded {
    INSTANCE
  }

  static final Duration RECOVERY_QUERY_TIMEOUT = Duration.ofSeconds(5);

  final long jobId;
  final JobSettings settings;
  final ActorContext<Object> context;
  final Deferred<ResourceManagerProtocol> resourceManager;
  final ActorRef<ResourceManagerProtocol> resourceManagerRef;
  final Deferred<JobCoordinatorProtocol> coordinator;
  final Function<String, ActorRef<TaskExecutorProtocol>> taskExecutorRefs;
  final DeferredTimers timers;
  private final Events events;
  Map<Integer, PipelinePlan> plans = Map.of();
  final Map<TaskGroupId, JobMetrics> metrics = new HashMap<>();
  /** Slot requests not yet answered: the job master outlives its job until they are, so slots
   * allocated to a job that ended meanwhile are handed back instead of leaking. */
  int slotRequestsInFlight;

  // The command being handled: a working copy of the state with the events so far applied, the
  // events to persist and the side effects to run once they are persisted.
  JobMasterState state = JobMasterState.EMPTY;
  final List<JobMasterEvent> pending = new ArrayList<>();
  final List<Runnable> effects = new ArrayList<>();
  boolean unknownJob;

  /** A message target whose sends wait until this command's events are persisted. */
  @FunctionalInterface
  interface Deferred<T> {
    void tell(T message);
  }

  /** Timers started or cancelled once this command's events are persisted. */
  final class DeferredTimers {
    private final TimerScheduler<Object> timers;

    DeferredTimers(TimerScheduler<Object> timers) {
      this.timers = timers;
    }

    void startSingleTimer(Object key, Object message, Duration delay) {
      effects.add(() -> timers.startSingleTimer(key, message, delay));
    }

    void cancel(Object key) {
      effects.add(() -> timers.cancel(key));
    }
  }

  JobScope(
      ActorContext<Object> context,
      long jobId,
      JobSettings settings,
      ActorRef<ResourceManagerProtocol> resourceManager,
      ActorRef<JobCoordinatorProtocol> coordinator,
      Function<String, ActorRef<TaskExecutorProtocol>> taskExecutors,
      TimerScheduler<Object> timers) {
    this.context = context;
    this.jobId = jobId;
    this.settings = settings;
    this.resourceManagerRef = resourceManager;
    this.resourceManager = deferred(resourceManager);
    this.coordinator = deferred(coordinator);
    this.taskExecutorRefs = taskExecutors;
    this.timers = new DeferredTimers(timers);
    this.events = Events.get(context.getSystem());
  }

  /** Publishes a lifecycle event once this command's journal events are persisted. */
  void publish(JobEvent event) {
    effects.add(() -> events.publish(event));
  }

  /** Starts handling a command against the persisted state. */
  void begin(JobMasterState current) {
    state = current;
    pending.clear();
    effects.clear();
    unknownJob = false;
  }

  <T> Deferred<T> deferred(RecipientRef<T> target) {
    return message -> effects.add(() -> target.tell(message));
  }

  Deferred<TaskExecutorProtocol> taskExecutors(String worker) {
    return deferred(taskExecutorRefs.apply(worker));
  }


  /** Plans are derived from the definition, so a recovered job master derives them again. */
  PipelinePlan plan(int pipelineId) {
    if (plans.isEmpty()) {
      Map<Integer, PipelinePlan> byId = new HashMap<>();
      PipelinePlanner.plan(state.definition()).forEach(p -> byId.put(p.pipelineId(), p));
      plans = byId;
    }
    return plans.get(pipelineId);
  }

  void releaseSlots(int pipelineId) {
    PipelineState p = state.pipeline(pipelineId);
    if (!p.slots().isEmpty()) {
      resourceManager.tell(new ResourceManagerProtocol.ReleaseSlots(JobId.of(jobId), p.slots()));
      apply(new JobMasterEvent.PipelineSlotsReleased(pipelineId));
    }
  }

  void reportJob(JobStatus status, String error) {
    apply(new JobMasterEvent.JobStatusRecorded(status, error, System.currentTimeMillis()));
    coordinator.tell(new JobCoordinatorProtocol.JobStatusChanged(jobId, status,
        status == JobStatus.FAILED ? state.error() : error, totalMetrics()));
  }

  /**
   * The job's counters: those of the current attempt of each pipeline. A restored reader counts on
   * from its checkpoint's counters, so earlier attempts are covered and rows read again after a
   * restore are not counted twice.
   */
  JobMetrics totalMetrics() {
    metrics.keySet().removeIf(id -> !state.started() || state.pipelines().get(id.pipelineId()) == null
        || state.pipeline(id.pipelineId()).attempt() != id.attempt());
    JobMetrics total = metrics.values().stream().reduce(JobMetrics.ZERO, JobMetrics::plus);
    // A reader that finished before this job master restarted reported to the one before it; its
    // final counters are in the last completed checkpoint (it finished only after that one).
    for (PipelineState p : state.pipelines().values()) {
      if (p.checkpoint() == null) {
        continue;
      }
      for (Map.Entry<Integer, JobStatus> task : p.taskGroups().entrySet()) {
        if (task.getKey() > 0 && task.getValue() == JobStatus.FINISHED
            && !metrics.containsKey(new TaskGroupId(jobId, p.pipelineId(), p.attempt(), task.getKey()))) {
          total = total.plus(p.checkpoint().restoreOf(task.getKey()).metrics());
        }
      }
    }
    return total;
  }

  /** Records an event: applied to the working state now, persisted when the command is done. */
  void apply(JobMasterEvent event) {
    pending.add(event);
    state = state.apply(event);
    JobMasterEvents.announce(jobId, event).ifPresent(this::publish);
  }

  /** A message for a job this entity never started (e.g. a late report after it ended): stop. */
  void stopIfUnknown() {
    if (!state.started()) {
      context.getLog().debug("job master {} got a message for a job it does not run; stopping", jobId);
      unknownJob = true;
    }
  }}
