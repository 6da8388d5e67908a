package io.atoll.runtime.master.job;

import io.atoll.persistence.job.PipelineState;
import io.atoll.protocol.job.JobStatus;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * When each deployed task group (by index) of a pipeline's current attempt was last heard from:
 * a state change, metrics, a checkpoint acknowledgement, input ended. Volatile (never journalled):
 * counted from the deploy, and from "now" again after a master restart. Pure; time is passed in.
 */
final class TaskLiveness {
  private final Map<Integer, Long> lastHeard = new HashMap<>();
  /** When the attempt's first task group was deployed (or the master restarted); -1: nothing deployed. */
  private long deployedAt = -1;

  /** A new attempt: nothing of the old one counts. */
  void clear() {
    lastHeard.clear();
    deployedAt = -1;
  }

  void deployed(int index, long nowMillis) {
    lastHeard.put(index, nowMillis);
    if (deployedAt < 0) {
      deployedAt = nowMillis;
    }
  }

  /** How long ago the attempt's first task group was deployed; -1 when none was. */
  long sinceDeployed(long nowMillis) {
    return deployedAt < 0 ? -1 : nowMillis - deployedAt;
  }

  /** Only deployed task groups are followed: one not yet deployed cannot be heard from. */
  void heard(int index, long nowMillis) {
    lastHeard.computeIfPresent(index, (i, before) -> Math.max(before, nowMillis));
  }

  /** After a master restart: every task group that had not ended is counted from now. */
  void restartedAt(PipelineState p, long nowMillis) {
    lastHeard.clear();
    deployedAt = nowMillis;
    p.taskGroups().forEach((index, s) -> {
      if (!s.isTerminal()) {
        lastHeard.put(index, nowMillis);
      }
    });
  }

  /** The task groups that have not ended and were not heard from for longer than the timeout, with their silence. */
  Map<Integer, Long> silent(PipelineState p, long nowMillis, long timeoutMillis) {
    Map<Integer, Long> silent = new LinkedHashMap<>();
    for (Map.Entry<Integer, JobStatus> task : new TreeMap<>(p.taskGroups()).entrySet()) {
      Long heard = lastHeard.get(task.getKey());
      if (!task.getValue().isTerminal() && heard != null && nowMillis - heard > timeoutMillis) {
        silent.put(task.getKey(), nowMillis - heard);
      }
    }
    return silent;
  }
}
