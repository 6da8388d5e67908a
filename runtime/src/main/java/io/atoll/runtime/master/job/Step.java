package io.atoll.runtime.master.job;

import io.atoll.persistence.job.JobMasterEvent;
import io.atoll.persistence.job.JobMasterState;
import io.atoll.persistence.job.PipelineState;
import java.util.ArrayList;
import java.util.List;

/**
 * One command being decided: a working copy of the job's state with the events recorded so far
 * applied (by the same pure {@link JobMasterState#apply} the journal replays), those events, and
 * the effects to perform once they are persisted. The components pass it down as they decide, so a
 * later decision in the same command sees the earlier ones.
 */
final class Step {
  private JobMasterState state;
  private final List<JobMasterEvent> events = new ArrayList<>();
  private final List<JobMasterEffect> effects = new ArrayList<>();

  Step(JobMasterState state) {
    this.state = state;
  }

  JobMasterState state() {
    return state;
  }

  PipelineState pipeline(int pipelineId) {
    return state.pipeline(pipelineId);
  }

  /** Records an event: applied to the working state now, persisted when the command is decided. */
  void record(JobMasterEvent event) {
    events.add(event);
    state = state.apply(event);
    JobMasterEvents.announce(state.jobId(), event).ifPresent(e -> effects.add(new JobMasterEffect.Publish(e)));
  }

  void effect(JobMasterEffect effect) {
    effects.add(effect);
  }

  List<JobMasterEvent> events() {
    return events;
  }

  List<JobMasterEffect> effects() {
    return effects;
  }

  Decision decision() {
    return new Decision(events, effects);
  }
}
