package io.atoll.runtime.master.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.atoll.persistence.job.JobMasterEvent;
import io.atoll.persistence.job.PipelineCheckpoint;
import io.atoll.protocol.event.EventType;
import io.atoll.protocol.event.JobEvent;
import io.atoll.protocol.execution.TaskSnapshot;
import io.atoll.protocol.job.JobStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobMasterEventsTest {

  @Test
  void pipelineTaskAndCheckpointEventsAreAnnounced() {
    JobEvent failing = JobMasterEvents.announce(7, new JobMasterEvent.PipelineStatusChanged(2, JobStatus.FAILING, "boom")).orElseThrow();
    assertEquals(EventType.PIPELINE_FAILED, failing.eventType());
    assertEquals(2, failing.pipelineId());
    assertEquals("boom", failing.reason());
    assertEquals(EventType.PIPELINE_SCHEDULED,
        JobMasterEvents.announce(7, new JobMasterEvent.PipelineSlotsAssigned(1, 1, List.of())).orElseThrow().eventType());
    JobEvent task = JobMasterEvents.announce(7, new JobMasterEvent.TaskGroupStateRecorded(1, 2, 3, JobStatus.FAILED)).orElseThrow();
    assertEquals(EventType.TASK_FAILED, task.eventType());
    assertEquals("job-7-p1-a2-tg3", task.taskGroup());
    JobEvent checkpoint = JobMasterEvents.announce(7, new JobMasterEvent.CheckpointCompleted(1, 1,
        new PipelineCheckpoint(9, TaskSnapshot.DONE, Map.of()))).orElseThrow();
    assertEquals(EventType.CHECKPOINT_COMPLETED, checkpoint.eventType());
    assertEquals(9L, checkpoint.checkpointId());
  }

  @Test
  void bookkeepingEventsAnnounceNothing() {
    assertTrue(JobMasterEvents.announce(7, new JobMasterEvent.PipelineSlotsReleased(1)).isEmpty());
    assertTrue(JobMasterEvents.announce(7, new JobMasterEvent.CheckpointTriggered(1, 1, 3)).isEmpty());
    assertTrue(JobMasterEvents.announce(7, new JobMasterEvent.PipelineStatusChanged(1, JobStatus.PENDING, null)).isEmpty());
  }
}
