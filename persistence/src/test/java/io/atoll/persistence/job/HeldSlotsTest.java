package io.atoll.persistence.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.atoll.protocol.connector.PluginKind;
import io.atoll.protocol.execution.TaskGroupId;
import io.atoll.protocol.job.JobDefinition;
import io.atoll.protocol.job.JobMode;
import io.atoll.protocol.job.JobStatus;
import io.atoll.protocol.job.PluginDefinition;
import io.atoll.protocol.resource.JobId;
import io.atoll.protocol.resource.ResourceProfile;
import io.atoll.protocol.resource.SlotProfile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Slots of task groups that did not confirm a cancel stay with the job, across attempts, until released. */
class HeldSlotsTest {
  private static final JobDefinition JOB = new JobDefinition("j", JobMode.BATCH, 1, 0, 0, 3, 3, Map.of(), 0, Map.of(),
      List.of(new PluginDefinition(PluginKind.SOURCE, "FakeSource", 0, io.atoll.protocol.job.OptionValue.ObjectOf.EMPTY, List.of(), "t", 1, "test")), "test");
  private static final SlotProfile SLOT = SlotProfile.free("w", 1, 0, new ResourceProfile(1, 1)).assignTo(JobId.of(7));

  @Test
  void aHeldSlotOutlivesItsAttemptUntilReleased() {
    TaskGroupId stuck = new TaskGroupId(7, 1, 1, 0);
    JobMasterState s = JobMasterState.EMPTY
        .apply(new JobMasterEvent.JobStarted(7, JOB, 1, 1000))
        .apply(new JobMasterEvent.PipelineAttemptStarted(1, 1))
        .apply(new JobMasterEvent.PipelineSlotsAssigned(1, 1, List.of(SLOT)))
        .apply(new JobMasterEvent.TaskGroupSlotHeld(stuck, SLOT))
        .apply(new JobMasterEvent.TaskGroupStateRecorded(1, 1, 0, JobStatus.CANCELED))
        .apply(new JobMasterEvent.PipelineSlotsReleased(1))
        .apply(new JobMasterEvent.PipelineAttemptStarted(1, 2))
        .apply(new JobMasterEvent.JobStatusRecorded(JobStatus.RUNNING, null, 2000));
    assertEquals(Map.of(stuck, SLOT), s.heldSlots(), "a new attempt and status changes keep the held slot");
    assertTrue(s.pipeline(1).slots().isEmpty());
    s = s.apply(new JobMasterEvent.HeldSlotReleased(stuck));
    assertTrue(s.heldSlots().isEmpty());
    assertEquals(s, s.apply(new JobMasterEvent.HeldSlotReleased(stuck)), "releasing twice changes nothing");
  }
}
