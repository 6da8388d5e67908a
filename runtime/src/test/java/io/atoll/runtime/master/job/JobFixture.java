package io.atoll.runtime.master.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import akka.actor.ActorPath;
import akka.actor.typed.ActorRef;
import io.atoll.persistence.job.JobMasterEvent;
import io.atoll.persistence.job.JobMasterState;
import io.atoll.persistence.job.PipelineState;
import io.atoll.protocol.execution.JobMasterProtocol;
import io.atoll.protocol.execution.SplitProtocol;
import io.atoll.protocol.execution.TaskGroupId;
import io.atoll.protocol.execution.TaskSnapshot;
import io.atoll.protocol.job.JobDefinition;
import io.atoll.protocol.job.JobMetrics;
import io.atoll.protocol.job.JobStatus;
import io.atoll.protocol.resource.JobId;
import io.atoll.protocol.resource.SlotProfile;
import io.atoll.protocol.resource.SlotReply;
import io.atoll.runtime.config.JobSettings;
import io.atoll.runtime.testing.Jobs;
import io.atoll.runtime.testing.Profiles;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A job master's pure components driven without actors: each command's decision is applied to the
 * state the way the journal would apply it. Time is a number the test moves.
 */
final class JobFixture {
  static final long JOB = 7;
  static final String A = "akka://atoll@127.0.0.1:1";
  static final String B = "akka://atoll@127.0.0.1:2";
  /** Report timeout 30 s, cancel timeout 3 s, checkpoint timeout 1 min. */
  static final JobSettings SETTINGS = settings(JobSettings.ScheduleStrategy.WAIT);

  static JobSettings settings(JobSettings.ScheduleStrategy strategy) {
    return new JobSettings(strategy, Duration.ofMinutes(5), Duration.ofSeconds(1), Duration.ofSeconds(3),
        Duration.ofSeconds(1), Duration.ofSeconds(10), 100, Duration.ofHours(1), Duration.ofMinutes(1),
        Duration.ofSeconds(30));
  }

  /** A parallelism-p BATCH job, retried once, checkpoints every second. */
  static JobDefinition job(int parallelism) {
    return Jobs.testing("j", parallelism, "{\"rows\":5}", "{\"collect_to\":\"pure\"}", 0, 1000);
  }

  static SlotProfile slot(String worker, int id) {
    return SlotProfile.free(worker, 1, id, Profiles.SLOT).assignTo(JobId.of(JOB));
  }

  static TaskGroupId tg(int attempt, int index) {
    return new TaskGroupId(JOB, 1, attempt, index);
  }

  /** An ActorRef that is only data: the pure components pass it on, never send to it. */
  record Ref<T>(String name) implements ActorRef<T> {
    @Override
    public void tell(T message) {
      throw new UnsupportedOperationException("pure tests send nothing");
    }

    @SuppressWarnings("unchecked")
    @Override
    public <U extends T> ActorRef<U> narrow() {
      return (ActorRef<U>) this;
    }

    @SuppressWarnings("unchecked")
    @Override
    public <U> ActorRef<U> unsafeUpcast() {
      return (ActorRef<U>) this;
    }

    @Override
    public ActorPath path() {
      return ActorPath.fromString("akka://test/user/" + name);
    }

    @Override
    public int compareTo(ActorRef<?> other) {
      return path().compareTo(other.path());
    }
  }

  static final ActorRef<SplitProtocol> ENUMERATOR = new Ref<>("enumerator");

  final JobExecution job;
  JobMasterState state = JobMasterState.EMPTY;
  long now = 1_000;
  final List<Decision> decisions = new ArrayList<>();

  JobFixture() {
    this(SETTINGS);
  }

  JobFixture(JobSettings settings) {
    this.job = new JobExecution(JOB, settings);
  }

  /** Decides a command against the current state, then applies its events as the journal would. */
  Decision run(Function<JobMasterState, Decision> command) {
    Decision d = command.apply(state);
    for (JobMasterEvent e : d.events()) {
      state = state.apply(e);
    }
    decisions.add(d);
    return d;
  }

  PipelineState pipeline() {
    return state.pipeline(1);
  }

  Decision start(JobDefinition definition) {
    return run(s -> job.start(s, definition, now));
  }

  Decision allocate(SlotProfile... slots) {
    return run(s -> job.onSlotAnswer(s, new JobMasterInternal.SlotAnswer(1, pipeline().attempt(),
        new SlotReply.SlotsAllocated(JobId.of(JOB), List.of(slots)), null), now));
  }

  Decision report(TaskGroupId id, JobStatus status) {
    return report(id, status, null);
  }

  Decision report(TaskGroupId id, JobStatus status, String error) {
    return run(s -> job.onTaskGroupState(s, new JobMasterProtocol.TaskGroupStateChanged(id, status, error,
        JobMetrics.ZERO, id.index() == 0 && status == JobStatus.RUNNING ? ENUMERATOR : null), now));
  }

  Decision ack(TaskGroupId id, long checkpointId, TaskSnapshot snapshot) {
    return run(s -> job.onCheckpointAck(s, new JobMasterProtocol.CheckpointAck(id, checkpointId, snapshot), now));
  }

  /** Starts a parallelism-p job and runs attempt 1 to RUNNING: enumerator on A, readers on B. */
  JobFixture running(int parallelism) {
    return running(job(parallelism));
  }

  /** The job started, its task groups deployed and all running. */
  JobFixture running(JobDefinition definition) {
    int parallelism = definition.parallelism();
    start(definition);
    List<SlotProfile> slots = new ArrayList<>(List.of(slot(A, 0)));
    for (int i = 0; i < parallelism; i++) {
      slots.add(slot(B, i));
    }
    allocate(slots.toArray(SlotProfile[]::new));
    report(tg(1, 0), JobStatus.RUNNING);
    for (int i = 1; i <= parallelism; i++) {
      report(tg(1, i), JobStatus.RUNNING);
    }
    assertEquals(JobStatus.RUNNING, pipeline().status());
    assertEquals(JobStatus.RUNNING, state.status());
    return this;
  }

  /** The coordinator-bound job statuses of a decision, in order. */
  static List<JobStatus> reported(Decision d) {
    return d.effects().stream()
        .<Object>mapMulti((e, out) -> {
          if (e instanceof JobMasterEffect.ReportToCoordinator r) {
            out.accept(r.message());
          } else if (e instanceof JobMasterEffect.SettleSinks s) {
            out.accept(s.report()); // sent once the sinks are settled
          }
        })
        .filter(m -> m instanceof io.atoll.protocol.job.JobCoordinatorProtocol.JobStatusChanged)
        .map(m -> ((io.atoll.protocol.job.JobCoordinatorProtocol.JobStatusChanged) m).status())
        .toList();
  }

  static List<TaskGroupId> cancelled(Decision d) {
    return d.effects(JobMasterEffect.CancelTaskGroup.class).stream().map(JobMasterEffect.CancelTaskGroup::id).toList();
  }

  static boolean startsTimer(Decision d, String key) {
    return d.effects(JobMasterEffect.StartTimer.class).stream().anyMatch(t -> t.key().equals(key));
  }
}
