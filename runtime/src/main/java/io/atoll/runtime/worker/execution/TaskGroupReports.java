package io.atoll.runtime.worker.execution;

import akka.actor.typed.ActorRef;
import akka.actor.typed.RecipientRef;
import io.atoll.protocol.execution.JobMasterProtocol;
import io.atoll.protocol.execution.SplitProtocol;
import io.atoll.protocol.execution.TaskGroupId;
import io.atoll.protocol.execution.TaskSnapshot;
import io.atoll.protocol.job.JobMetrics;
import io.atoll.protocol.job.JobStatus;

/** Sends a task group's state changes and counters to its job's JobMaster. */
final class TaskGroupReports {
  private final TaskGroupId id;
  private final RecipientRef<JobMasterProtocol> jobMaster;

  TaskGroupReports(TaskGroupId id, RecipientRef<JobMasterProtocol> jobMaster) {
    this.id = id;
    this.jobMaster = jobMaster;
  }

  void state(JobStatus state, String error, JobMetrics metrics) {
    jobMaster.tell(new JobMasterProtocol.TaskGroupStateChanged(id, state, error, metrics, null));
  }

  void enumeratorRunning(ActorRef<SplitProtocol> enumerator) {
    jobMaster.tell(new JobMasterProtocol.TaskGroupStateChanged(id, JobStatus.RUNNING, null, JobMetrics.ZERO, enumerator));
  }

  void checkpointAck(long checkpointId, TaskSnapshot snapshot) {
    jobMaster.tell(new JobMasterProtocol.CheckpointAck(id, checkpointId, snapshot));
  }

  void inputEnded() {
    jobMaster.tell(new JobMasterProtocol.ReaderInputEnded(id));
  }

  void metrics(JobMetrics metrics) {
    jobMaster.tell(new JobMasterProtocol.TaskGroupMetrics(id, metrics));
  }

  /** A failure as users read it: the exception's class and message, and its root cause. */
  static String describe(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
    if (root != e && root.getMessage() != null && !message.contains(root.getMessage())) {
      message += " (caused by " + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
    }
    return message;
  }
}
