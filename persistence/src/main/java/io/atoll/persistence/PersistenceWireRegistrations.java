package io.atoll.persistence;

import io.atoll.persistence.event.EventStoreEvent;
import io.atoll.persistence.event.EventStoreState;
import io.atoll.persistence.job.CoordinatorEvent;
import io.atoll.persistence.job.CoordinatorState;
import io.atoll.persistence.job.JobMasterEvent;
import io.atoll.persistence.job.JobMasterState;
import io.atoll.persistence.job.PipelineCheckpoint;
import io.atoll.persistence.job.PipelineState;
import io.atoll.protocol.wire.WireRegistrations;
import java.util.function.BiConsumer;

/**
 * Kryo ids of the journal's events and snapshots: block 500-599. These ids are stored with every
 * journal entry: never renumber or reuse one.
 */
public final class PersistenceWireRegistrations implements WireRegistrations {
  @Override
  public void register(BiConsumer<Class<?>, Integer> register) {
    register.accept(CoordinatorState.class, 500);
    register.accept(CoordinatorEvent.JobSubmitted.class, 501);
    register.accept(CoordinatorEvent.JobAdmitted.class, 502);
    register.accept(CoordinatorEvent.JobStatusUpdated.class, 503);
    register.accept(CoordinatorEvent.JobExpired.class, 504);
    register.accept(CoordinatorEvent.JobRestoreSubmitted.class, 505);
    register.accept(JobMasterState.class, 520);
    register.accept(PipelineState.class, 521);
    register.accept(JobMasterEvent.JobStarted.class, 522);
    register.accept(JobMasterEvent.PipelineAttemptStarted.class, 523);
    register.accept(JobMasterEvent.PipelineSlotsAssigned.class, 524);
    register.accept(JobMasterEvent.TaskGroupStateRecorded.class, 525);
    register.accept(JobMasterEvent.PipelineStatusChanged.class, 526);
    register.accept(JobMasterEvent.PipelineSlotsReleased.class, 527);
    register.accept(JobMasterEvent.JobStatusRecorded.class, 528);
    register.accept(JobMasterEvent.PipelineRestartForgiven.class, 529);
    register.accept(JobMasterEvent.CheckpointTriggered.class, 530);
    register.accept(JobMasterEvent.CheckpointCompleted.class, 531);
    register.accept(PipelineCheckpoint.class, 532);
    register.accept(JobMasterEvent.TaskGroupSlotHeld.class, 533);
    register.accept(JobMasterEvent.HeldSlotReleased.class, 534);
    register.accept(JobMasterEvent.JobRestored.class, 535);
    register.accept(EventStoreState.class, 540);
    register.accept(EventStoreEvent.EventsStored.class, 541);
    register.accept(EventStoreEvent.EventsReported.class, 542);
    register.accept(EventStoreEvent.ProducerForgotten.class, 543);
  }
}
