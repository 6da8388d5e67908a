package io.atoll.runtime.master.job;

import akka.actor.typed.ActorRef;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.TimerScheduler;
import io.atoll.persistence.job.JobMasterEvent;
import io.atoll.persistence.job.PipelineState;
import io.atoll.protocol.execution.JobMasterProtocol;
import io.atoll.protocol.execution.JobMasterProtocol.CancelJob;
import io.atoll.protocol.execution.JobMasterProtocol.StartJob;
import io.atoll.protocol.execution.JobMasterProtocol.TaskGroupMetrics;
import io.atoll.protocol.execution.JobMasterProtocol.TaskGroupStateChanged;
import io.atoll.protocol.execution.JobMasterProtocol.WorkerLostNotice;
import io.atoll.protocol.execution.TaskExecutorProtocol;
import io.atoll.protocol.execution.TaskGroupId;
import io.atoll.protocol.job.JobCoordinatorProtocol;
import io.atoll.protocol.job.JobStatus;
import io.atoll.protocol.resource.ResourceManagerProtocol;
import io.atoll.runtime.config.JobSettings;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** A job master's logic, whole: routes each command to its handler, and resumes after recovery. */
final class JobRun extends PipelineScheduling {
  JobRun(
      ActorContext<Object> context,
      long jobId,
      JobSettings settings,
      ActorRef<ResourceManagerProtocol> resourceManager,
      ActorRef<JobCoordinatorProtocol> coordinator,
      Function<String, ActorRef<TaskExecutorProtocol>> taskExecutors,
      TimerScheduler<Object> timers) {
    super(context, jobId, settings, resourceManager, coordinator, taskExecutors, timers);
  }

  void dispatch(Object command) {
    if (command instanceof StartJob start) {
      onStart(start);
    } else if (command instanceof SlotAnswer answer) {
      onSlotAnswer(answer);
    } else if (command instanceof RetrySlots r) {
      requestSlots(r.pipelineId(), r.attempt());
    } else if (command instanceof TaskGroupStateChanged report) {
      onTaskGroupState(report);
    } else if (command instanceof TaskGroupMetrics update) {
      onMetrics(update);
    } else if (command instanceof WorkerLostNotice lost) {
      onWorkerLost(lost);
    } else if (command instanceof RestartPipeline r) {
      startAttempt(r.pipelineId());
    } else if (command instanceof CancelTimedOut timeout) {
      onCancelTimedOut(timeout);
    } else if (command instanceof CancelJob cancel) {
      onCancel(cancel);
    } else if (command instanceof JobMasterProtocol.GetJobStatus get) {
      if (!state.started()) {
        stopIfUnknown(); // no answer: the asker's timeout means "no job master"
      } else {
        get.replyTo().tell(new JobMasterProtocol.JobMasterStatus(jobId, state.status()));
      }
    } else if (command == Resume.INSTANCE) {
      onResume();
    } else if (command instanceof JobMasterProtocol.CheckpointAck ack) {
      onCheckpointAck(ack);
    } else if (command instanceof JobMasterProtocol.ReaderInputEnded ended) {
      onReaderInputEnded(ended);
    } else if (command instanceof CheckpointTick tick) {
      onCheckpointTick(tick);
    } else if (command instanceof CheckpointTimedOut timeout) {
      onCheckpointTimedOut(timeout);
    } else if (command instanceof TaskGroupsFound found) {
      onTaskGroupsFound(found);
    } else {
      context.getLog().warn("job master {} ignores unexpected {}", jobId, command);
    }
  }

  // ---- recovery ----

  /**
   * After a restart: pipelines waiting for slots ask again; for running ones, every worker holding
   * a task group is asked which still run. Those are adopted as they are (their reports reach this
   * entity through sharding); the others are lost and their pipeline restarts.
   */
  void onResume() {
    reportJob(state.status(), null);
    for (PipelineState p : state.pipelines().values()) {
      switch (p.status()) {
        case CREATED -> startAttempt(p.pipelineId());
        case PENDING -> {
          if (p.attempt() == 0) {
            startAttempt(p.pipelineId());
          } else {
            requestSlots(p.pipelineId(), p.attempt());
          }
        }
        case SCHEDULED, RUNNING -> queryWorkers(p);
        case FAILING, CANCELING -> stopPipeline(p.pipelineId(), "resumed after a master restart");
        default -> { }
      }
    }
  }

  void queryWorkers(PipelineState p) {
    Set<String> workers = new HashSet<>();
    p.taskGroups().forEach((index, s) -> {
      if (!s.isTerminal()) {
        workers.add(p.slots().get(index).worker());
      }
    });
    for (String worker : workers) {
      int pipelineId = p.pipelineId();
      int attempt = p.attempt();
      effects.add(() -> context.ask(TaskExecutorProtocol.TaskGroupsRunning.class, taskExecutorRefs.apply(worker),
          RECOVERY_QUERY_TIMEOUT, replyTo -> new TaskExecutorProtocol.QueryTaskGroups(jobId, replyTo),
          (reply, failure) -> new TaskGroupsFound(pipelineId, attempt, worker,
              reply == null ? List.of() : reply.running())));
    }
  }

  void onTaskGroupsFound(TaskGroupsFound found) {
    PipelineState p = state.pipeline(found.pipelineId());
    if (p.attempt() != found.attempt() || p.status().isTerminal()) {
      return;
    }
    boolean lost = false;
    for (Map.Entry<Integer, JobStatus> task : p.taskGroups().entrySet()) {
      TaskGroupId id = new TaskGroupId(jobId, p.pipelineId(), p.attempt(), task.getKey());
      if (!task.getValue().isTerminal() && p.slots().get(task.getKey()).worker().equals(found.worker())
          && !found.running().contains(id)) {
        apply(new JobMasterEvent.TaskGroupStateRecorded(p.pipelineId(), p.attempt(), task.getKey(), JobStatus.FAILED));
        lost = true;
      }
    }
    if (lost) {
      // not the pipeline's fault: this restart does not use up job.retry.times
      apply(new JobMasterEvent.PipelineRestartForgiven(p.pipelineId()));
      pipelineFailed(p.pipelineId(), "task groups on " + found.worker() + " stopped while the master was down");
    } else {
      context.getLog().info("job {} pipeline {}: adopted its task groups on {}", jobId, p.pipelineId(), found.worker());
      scheduleCheckpoints(p.pipelineId());
    }
  }
}
