package io.atoll.runtime.master.job;

import io.atoll.persistence.job.JobMasterEvent;
import java.util.List;

/** What handling one command decided: events to persist, then effects to perform. */
record Decision(List<JobMasterEvent> events, List<JobMasterEffect> effects) {
  static final Decision NONE = new Decision(List.of(), List.of());

  Decision {
    events = List.copyOf(events);
    effects = List.copyOf(effects);
  }

  /** The effects of one kind, in order (mostly for tests). */
  <T extends JobMasterEffect> List<T> effects(Class<T> kind) {
    return effects.stream().filter(kind::isInstance).map(kind::cast).toList();
  }

  <T extends JobMasterEvent> List<T> events(Class<T> kind) {
    return events.stream().filter(kind::isInstance).map(kind::cast).toList();
  }
}
