package io.atoll.persistence.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.atoll.protocol.connector.PluginKind;
import io.atoll.protocol.connector.SourceSplit;
import io.atoll.protocol.execution.TaskSnapshot;
import io.atoll.protocol.job.JobDefinition;
import io.atoll.protocol.job.JobMetrics;
import io.atoll.protocol.job.JobMode;
import io.atoll.protocol.job.JobStatus;
import io.atoll.protocol.job.JobSummary;
import io.atoll.protocol.job.PluginDefinition;
import io.atoll.protocol.resource.JobId;
import io.atoll.protocol.resource.ResourceProfile;
import io.atoll.protocol.resource.SlotProfile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pure event-apply functions of the coordinator's and a job master's state. */
class JobStateTest {
  private static final JobDefinition JOB = new JobDefinition("j", JobMode.BATCH, 1, 0, 0, 3, 3, Map.of(), 0, Map.of(),
      List.of(new PluginDefinition(PluginKind.SOURCE, "FakeSource", 0, io.atoll.protocol.job.OptionValue.ObjectOf.EMPTY, List.of(), "t", 1, "test")), "test");

  private static SlotProfile slot(int id) {
    return SlotProfile.free("w", 1, id, new ResourceProfile(1, 1)).assignTo(JobId.of(7));
  }

  @Test
  void aJobMastersStateFollowsAttemptsAndIgnoresEventsOfOldAttempts() {
    JobMasterState s = JobMasterState.EMPTY
        .apply(new JobMasterEvent.JobStarted(7, JOB, 1, 1000))
        .apply(new JobMasterEvent.PipelineAttemptStarted(1, 1))
        .apply(new JobMasterEvent.PipelineSlotsAssigned(1, 1, List.of(slot(0), slot(1))));
    assertEquals(JobStatus.PENDING, s.status());
    assertEquals(JobStatus.SCHEDULED, s.pipeline(1).status());
    assertEquals(Map.of(0, JobStatus.SCHEDULED, 1, JobStatus.SCHEDULED), s.pipeline(1).taskGroups());

    s = s.apply(new JobMasterEvent.TaskGroupStateRecorded(1, 1, 0, JobStatus.FAILED))
        .apply(new JobMasterEvent.PipelineStatusChanged(1, JobStatus.FAILING, "boom"))
        .apply(new JobMasterEvent.TaskGroupStateRecorded(1, 1, 1, JobStatus.CANCELED));
    assertTrue(s.pipeline(1).allTaskGroupsEnded());
    s = s.apply(new JobMasterEvent.PipelineSlotsReleased(1)).apply(new JobMasterEvent.PipelineAttemptStarted(1, 2));
    assertEquals(2, s.pipeline(1).attempt());
    assertEquals(JobStatus.PENDING, s.pipeline(1).status());
    assertTrue(s.pipeline(1).slots().isEmpty());
    assertEquals("boom", s.pipeline(1).error(), "the last failure is kept for the user");

    JobMasterState before = s;
    assertSame(before, s.apply(new JobMasterEvent.TaskGroupStateRecorded(1, 1, 0, JobStatus.FINISHED)),
        "an event of attempt 1 changes nothing in attempt 2");

    s = s.apply(new JobMasterEvent.JobStatusRecorded(JobStatus.FINISHED, null, 5000));
    assertEquals(5000, s.endTime());
  }

  @Test
  void checkpointsSurviveRestartsGrowMonotonicallyAndIgnoreOldAttempts() {
    JobMasterState s = JobMasterState.EMPTY
        .apply(new JobMasterEvent.JobStarted(7, JOB, 1, 1000))
        .apply(new JobMasterEvent.PipelineAttemptStarted(1, 1))
        .apply(new JobMasterEvent.PipelineSlotsAssigned(1, 1, List.of(slot(0), slot(1))))
        .apply(new JobMasterEvent.CheckpointTriggered(1, 1, 1));
    assertEquals(1, s.pipeline(1).lastCheckpointId());
    assertEquals(null, s.pipeline(1).checkpoint(), "triggered is not completed");

    PipelineCheckpoint first = checkpoint(1, "10");
    s = s.apply(new JobMasterEvent.CheckpointCompleted(1, 1, first))
        .apply(new JobMasterEvent.CheckpointTriggered(1, 1, 2));
    assertEquals(first, s.pipeline(1).checkpoint());
    assertEquals(2, s.pipeline(1).lastCheckpointId());

    // attempt 2 keeps the checkpoint to restore from and the id counter
    s = s.apply(new JobMasterEvent.PipelineSlotsReleased(1)).apply(new JobMasterEvent.PipelineAttemptStarted(1, 2));
    assertEquals(first, s.pipeline(1).checkpoint());
    assertEquals(2, s.pipeline(1).lastCheckpointId());
    assertEquals(TaskSnapshot.DONE, first.restoreOf(2), "a reader missing from a checkpoint had finished");

    JobMasterState before = s;
    assertSame(before, s.apply(new JobMasterEvent.CheckpointCompleted(1, 1, checkpoint(2, "20"))),
        "a late completion of attempt 1 is not restored from");
    PipelineCheckpoint third = checkpoint(3, "30");
    s = s.apply(new JobMasterEvent.CheckpointTriggered(1, 2, 3)).apply(new JobMasterEvent.CheckpointCompleted(1, 2, third));
    assertEquals(third, s.pipeline(1).checkpoint());
    assertSame(s, s.apply(new JobMasterEvent.CheckpointCompleted(1, 2, first)), "never back to an older checkpoint");
  }

  private static PipelineCheckpoint checkpoint(long id, String offset) {
    return new PipelineCheckpoint(id, new TaskSnapshot(List.of(), List.of(), false),
        Map.of(1, new TaskSnapshot(List.of(new SourceSplit("s", Map.of("start", offset))), List.of(List.of()), false)));
  }

  @Test
  void theSameEventsAlwaysGiveTheSameState() {
    List<JobMasterEvent> events = List.of(
        new JobMasterEvent.JobStarted(7, JOB, 2, 1000),
        new JobMasterEvent.PipelineAttemptStarted(1, 1),
        new JobMasterEvent.PipelineAttemptStarted(2, 1),
        new JobMasterEvent.PipelineSlotsAssigned(2, 1, List.of(slot(3))),
        new JobMasterEvent.CheckpointTriggered(2, 1, 1),
        new JobMasterEvent.CheckpointCompleted(2, 1, checkpoint(1, "5")),
        new JobMasterEvent.JobStatusRecorded(JobStatus.SCHEDULED, null, 1100));
    JobMasterState a = JobMasterState.EMPTY;
    JobMasterState b = JobMasterState.EMPTY;
    for (JobMasterEvent e : events) {
      a = a.apply(e);
    }
    for (JobMasterEvent e : events) {
      b = b.apply(e);
    }
    assertEquals(a, b);
  }

  @Test
  void theCoordinatorQueuesJobsInOrderAndAdmitsOneAtATime() {
    CoordinatorState s = CoordinatorState.EMPTY
        .apply(new CoordinatorEvent.JobSubmitted(summary(10)))
        .apply(new CoordinatorEvent.JobSubmitted(summary(11)));
    assertEquals(List.of(10L, 11L), s.queue());
    assertEquals(11, s.lastJobId());

    s = s.apply(new CoordinatorEvent.JobAdmitted(10));
    assertEquals(List.of(11L), s.queue());
    assertEquals(10, s.admitted());
    s = s.apply(new CoordinatorEvent.JobStatusUpdated(10, JobStatus.PENDING, null, null, 2000));
    assertEquals(10, s.admitted(), "still waiting for slots: the next job stays queued");
    s = s.apply(new CoordinatorEvent.JobStatusUpdated(10, JobStatus.SCHEDULED, null, null, 2100));
    assertEquals(0, s.admitted(), "got its slots: the next job may start");

    s = s.apply(new CoordinatorEvent.JobStatusUpdated(11, JobStatus.CANCELED, "before start", null, 2200));
    assertEquals(List.of(), s.queue());
    assertEquals(2200, s.job(11).orElseThrow().finishTime());
    assertEquals("before start", s.job(11).orElseThrow().errorMessage());

    s = s.apply(new CoordinatorEvent.JobExpired(11));
    assertTrue(s.job(11).isEmpty());
    assertEquals(11, s.lastJobId(), "ids are never reused, even after expiry");
  }

  private static JobSummary summary(long id) {
    return new JobSummary(id, "j" + id, JobStatus.PENDING, 1000, 0, null, JobMetrics.ZERO, JOB);
  }
}
