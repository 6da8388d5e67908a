package io.atoll.runtime.master.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.atoll.persistence.job.CoordinatorEvent;
import io.atoll.persistence.job.CoordinatorState;
import io.atoll.protocol.connector.PluginKind;
import io.atoll.protocol.job.JobDefinition;
import io.atoll.protocol.job.JobMetrics;
import io.atoll.protocol.job.JobMode;
import io.atoll.protocol.job.JobStatus;
import io.atoll.protocol.job.JobSummary;
import io.atoll.protocol.job.PluginDefinition;
import io.atoll.protocol.resource.ResourceProfile;
import io.atoll.protocol.resource.SlotCapacity;
import io.atoll.protocol.resource.WorkerProfile;
import io.atoll.runtime.config.JobSettings.ScheduleStrategy;
import io.atoll.runtime.testing.Jobs;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The admission rules as plain code: slot need, refusal, passing and its bound, REJECT. */
class JobQueueTest {
  private static final SlotCapacity EIGHT = new SlotCapacity(List.of(JobCoordinatorTesting.worker("w1", 4, 4),
      JobCoordinatorTesting.worker("w2", 4, 4)), true);

  private static JobDefinition job(int parallelism) {
    return Jobs.testing("j", parallelism, "{}", "{}", 0);
  }

  /** Two sources, each with its own sink: two pipelines that run at once. */
  private static JobDefinition twoPipelines(int parallelism) {
    return new JobDefinition("two", JobMode.BATCH, parallelism, 0, 0, 1, 1, Map.of(), 0, Map.of(), List.of(
        new PluginDefinition(PluginKind.SOURCE, "TestingSource", 0, io.atoll.protocol.job.OptionValue.ObjectOf.EMPTY, List.of(), "a", 1, "test"),
        new PluginDefinition(PluginKind.SOURCE, "TestingSource", 1, io.atoll.protocol.job.OptionValue.ObjectOf.EMPTY, List.of(), "b", 2, "test"),
        new PluginDefinition(PluginKind.SINK, "TestingSink", 0, io.atoll.protocol.job.OptionValue.ObjectOf.EMPTY, List.of("a"), null, 3, "test"),
        new PluginDefinition(PluginKind.SINK, "TestingSink", 1, io.atoll.protocol.job.OptionValue.ObjectOf.EMPTY, List.of("b"), null, 4, "test")), "test");
  }

  @Test
  void aJobNeedsOnePlusParallelismSlotsForEachOfItsPipelines() {
    assertEquals(4, JobQueue.slotNeed(job(3)));
    assertEquals(8, JobQueue.slotNeed(twoPipelines(3)));
  }

  @Test
  void refusalOnlyWhenTheCompleteViewOfLiveWorkersIsTooSmall() {
    assertEquals(Optional.empty(), JobQueue.refusal(twoPipelines(3), EIGHT), "8 slots: exactly the cluster");
    String reason = JobQueue.refusal(twoPipelines(4), EIGHT).orElseThrow();
    assertTrue(reason.contains("needs 10 slots (2 pipelines x (1 + parallelism 4))"), reason);
    assertTrue(reason.contains("8 slots in total on 2 live workers"), reason);

    assertEquals(Optional.empty(), JobQueue.refusal(job(100_000), new SlotCapacity(EIGHT.workers(), false)),
        "an incomplete view may miss workers");
    assertEquals(Optional.empty(), JobQueue.refusal(job(100_000), new SlotCapacity(List.of(), true)),
        "no worker at all yet: a cluster still forming");
    WorkerProfile dynamic = new WorkerProfile("d", 1, 1, ResourceProfile.ZERO, ResourceProfile.ZERO,
        List.of(), List.of(), Map.of(), true);
    assertEquals(Optional.empty(), JobQueue.refusal(job(100_000),
        new SlotCapacity(List.of(JobCoordinatorTesting.worker("w1", 2, 2), dynamic), true)),
        "dynamic slots are unlimited");
  }

  @Test
  void aJobThatFitsPassesAWaitingOneUntilTheBypassLimitThenTheQueueWaits() {
    CoordinatorState state = CoordinatorState.EMPTY;
    for (long id = 1; id <= 3; id++) {
      state = state.apply(new CoordinatorEvent.JobSubmitted(new JobSummary(id, "j" + id, JobStatus.PENDING, id, 0, null,
          JobMetrics.ZERO, job(id == 1 ? 6 : 1))));
    }
    SlotCapacity twoFree = new SlotCapacity(List.of(JobCoordinatorTesting.worker("w1", 8, 2)), true);
    JobQueue queue = new JobQueue(JobCoordinatorTesting.SETTINGS, ScheduleStrategy.WAIT);
    assertEquals(2, queue.next(state, twoFree).admit(), "job 2 passes job 1, which needs 7");
    state = state.apply(new CoordinatorEvent.JobAdmitted(2));
    assertEquals(0, queue.next(state, twoFree).admit(), "job 2 still waits for its slots: one at a time");
    state = state.apply(new CoordinatorEvent.JobStatusUpdated(2, JobStatus.RUNNING, null, JobMetrics.ZERO, 5));
    assertEquals(1, JobQueue.passed(state, 1));

    JobQueue strict = new JobQueue(new io.atoll.runtime.config.CoordinatorSettings(
        JobCoordinatorTesting.SETTINGS.capacityCheckTimeout(), JobCoordinatorTesting.SETTINGS.unschedulableTimeout(), 1,
        JobCoordinatorTesting.SETTINGS.admissionInterval(), JobCoordinatorTesting.SETTINGS.jobMasterProbeTimeout(),
        JobCoordinatorTesting.SETTINGS.jobMasterProbeMaxBackoff(), 3), ScheduleStrategy.WAIT);
    assertEquals(0, strict.next(state, twoFree).admit(), "job 1 was passed once: job 3 waits behind it");
    assertEquals(3, queue.next(state, twoFree).admit(), "with the default limit job 3 may pass too");
    assertEquals(1, queue.next(state, new SlotCapacity(List.of(JobCoordinatorTesting.worker("w1", 8, 8)), true))
        .admit(), "job 1 first once it fits");
    assertEquals(0, queue.next(state, null).admit(), "no answer from the ResourceManager: nothing starts");
    assertEquals(1, new JobQueue(JobCoordinatorTesting.SETTINGS, ScheduleStrategy.REJECT).next(state, twoFree).admit(),
        "REJECT: the head starts and its JobMaster refuses it if slots are short");
  }
}
