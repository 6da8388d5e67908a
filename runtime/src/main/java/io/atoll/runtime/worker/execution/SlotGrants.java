package io.atoll.runtime.worker.execution;

import io.atoll.protocol.execution.TaskGroupDescriptor;
import io.atoll.protocol.execution.TaskGroupId;
import io.atoll.protocol.resource.JobId;
import io.atoll.protocol.resource.SlotProfile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a TaskExecutor checks a deploy against, as Flink's {@code TaskExecutor.submitTask} checks its
 * slot table: which slots of this worker incarnation its SlotService granted to which job, and the
 * newest attempt of each pipeline deployed here. Plain code owned by the TaskExecutor; it learns every
 * change from the SlotService before the ResourceManager does, so a deploy never overtakes its grant.
 */
final class SlotGrants {
  static final long NO_SEQUENCE = Long.MIN_VALUE;

  private record Pipeline(long jobId, int pipelineId) {}

  private String worker;
  private long sequence = NO_SEQUENCE;
  private final Map<Integer, JobId> owners = new HashMap<>();
  private final Map<Pipeline, Integer> newestAttempts = new HashMap<>();

  /** A (re)started SlotService: a new incarnation with no slot granted. */
  void reset(String worker, long sequence) {
    this.worker = worker;
    this.sequence = sequence;
    owners.clear();
    newestAttempts.clear();
  }

  long sequence() {
    return sequence;
  }

  /** False (and nothing changes) when the grant is for another incarnation than the current one. */
  boolean grant(long sequence, JobId job, List<Integer> slotIds) {
    if (sequence != this.sequence) {
      return false;
    }
    slotIds.forEach(id -> owners.put(id, job));
    return true;
  }

  /** Frees the job's slots among {@code slotIds}; returns those that were the job's. */
  List<Integer> free(long sequence, JobId job, List<Integer> slotIds) {
    List<Integer> freed = new ArrayList<>();
    if (sequence != this.sequence) {
      return freed;
    }
    for (Integer id : slotIds) {
      if (owners.remove(id, job)) {
        freed.add(id);
      }
    }
    if (!owners.containsValue(job)) {
      // The job holds nothing here any more: its attempts are history on this worker.
      newestAttempts.keySet().removeIf(p -> p.jobId() == job.value());
    }
    return freed;
  }

  /** The jobs holding a slot of this incarnation. */
  Set<Long> jobs() {
    Set<Long> jobs = new HashSet<>();
    owners.values().forEach(job -> jobs.add(job.value()));
    return jobs;
  }

  /** Whether the job holds any slot of this incarnation. */
  boolean holdsAny(long jobId) {
    return owners.values().stream().anyMatch(job -> job.value() == jobId);
  }

  /** Why this deploy must not run here, or empty when its slot and attempt are current. */
  Optional<String> refuse(TaskGroupDescriptor d) {
    SlotProfile slot = d.slot();
    TaskGroupId id = d.id();
    if (sequence == NO_SEQUENCE) {
      return Optional.of("its slot service has not started yet, no slot is granted");
    }
    if (!slot.worker().equals(worker)) {
      return Optional.of("slot " + slot + " belongs to worker " + slot.worker() + ", not to this one");
    }
    if (slot.sequence() != sequence) {
      return Optional.of("slot " + slot + " was granted with sequence " + slot.sequence()
          + ", this worker runs sequence " + sequence + " (a message for an earlier incarnation)");
    }
    JobId owner = owners.get(slot.slotId());
    if (owner == null) {
      return Optional.of("slot #" + slot.slotId() + " is not granted to any job here");
    }
    if (owner.value() != id.jobId()) {
      return Optional.of("slot #" + slot.slotId() + " is granted to job " + owner + ", not to job " + id.jobId());
    }
    Integer newest = newestAttempts.get(new Pipeline(id.jobId(), id.pipelineId()));
    if (newest != null && id.attempt() < newest) {
      return Optional.of("attempt " + id.attempt() + " of pipeline " + id.pipelineId()
          + " is older than attempt " + newest + " already deployed here");
    }
    return Optional.empty();
  }

  /** Remembers an accepted deploy's attempt, so older ones arriving late are refused. */
  void deployed(TaskGroupId id) {
    newestAttempts.merge(new Pipeline(id.jobId(), id.pipelineId()), id.attempt(), Math::max);
  }

  /** True when {@code slot} is still this incarnation's and granted to job {@code jobId}. */
  boolean holds(SlotProfile slot, long jobId) {
    JobId owner = owners.get(slot.slotId());
    return slot.sequence() == sequence && owner != null && owner.value() == jobId;
  }
}
