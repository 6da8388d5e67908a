package io.atoll.runtime.master.job;

import io.atoll.persistence.job.JobMasterEvent;
import io.atoll.protocol.execution.TaskGroupId;
import io.atoll.protocol.resource.SlotProfile;
import io.atoll.protocol.resource.WorkerLost;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slots of task groups that may still run — a cancel never confirmed, or silent past the report
 * timeout — stay held by the job (journalled) so no other task group is placed in them: the cancel
 * is sent again every cancel timeout, and the slot is released when the task group confirms (any
 * terminal report) or given up when its worker incarnation is lost. Pure.
 */
final class HeldSlots {
  private static final Logger log = LoggerFactory.getLogger(HeldSlots.class);
  static final String RESEND_KEY = "held-cancels";
  static final String RESEND_REASON = "its pipeline attempt was stopped; cancel not yet confirmed";

  private HeldSlots() {}

  /** The task group of a held slot ended: the slot goes back to the ResourceManager. */
  static void confirmed(Step step, TaskGroupId id, String how, long jobId) {
    SlotProfile slot = step.state().heldSlots().get(id);
    if (slot != null) {
      log.info("job {}: {} {}; releasing its held slot {}", jobId, id, how, slot);
      step.record(new JobMasterEvent.HeldSlotReleased(id));
      step.effect(new JobMasterEffect.ReleaseSlots(List.of(slot)));
    }
  }

  /** The worker is gone, and its slots with it: nothing to release at the ResourceManager. */
  static void workerLost(Step step, WorkerLost lost, long jobId) {
    inOrder(step.state().heldSlots()).forEach((id, slot) -> {
      if (WorkerIncarnations.onLostWorker(slot, lost)) {
        log.info("job {}: slot {} held for {} is given up: its worker {} is lost", jobId, slot, id, lost.worker());
        step.record(new JobMasterEvent.HeldSlotReleased(id));
      }
    });
  }

  /** Cancels every held task group again and re-arms the resend. */
  static void resend(Step step, Duration cancelTimeout) {
    inOrder(step.state().heldSlots()).forEach((id, slot) ->
        step.effect(new JobMasterEffect.CancelTaskGroup(slot, id, RESEND_REASON)));
    armResend(step, cancelTimeout);
  }

  static void armResend(Step step, Duration cancelTimeout) {
    step.effect(new JobMasterEffect.StartTimer(RESEND_KEY, new JobMasterInternal.ResendCancels(), cancelTimeout));
  }

  /** Held slots in a stable order (by pipeline, attempt, index), so effects come out the same every time. */
  static Map<TaskGroupId, SlotProfile> inOrder(Map<TaskGroupId, SlotProfile> held) {
    Map<TaskGroupId, SlotProfile> ordered = new LinkedHashMap<>();
    held.keySet().stream()
        .sorted(Comparator.comparingInt(TaskGroupId::pipelineId).thenComparingInt(TaskGroupId::attempt)
            .thenComparingInt(TaskGroupId::index))
        .forEach(id -> ordered.put(id, held.get(id)));
    return ordered;
  }
}
