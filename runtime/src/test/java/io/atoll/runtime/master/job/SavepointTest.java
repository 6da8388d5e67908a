package io.atoll.runtime.master.job;

import static io.atoll.runtime.master.job.JobFixture.tg;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.atoll.persistence.job.JobMasterEvent;
import io.atoll.protocol.connector.SourceSplit;
import io.atoll.protocol.execution.JobMasterProtocol;
import io.atoll.protocol.execution.TaskSnapshot;
import io.atoll.protocol.job.JobCoordinatorProtocol;
import io.atoll.protocol.job.JobCoordinatorProtocol.CancelReply;
import io.atoll.protocol.job.JobDefinition;
import io.atoll.protocol.job.JobStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Stop with a savepoint and restore from it, decided by the job master's pure components. */
class SavepointTest {
  private static final TaskSnapshot UNASSIGNED =
      new TaskSnapshot(List.of(new SourceSplit("s-9", Map.of("start", "0"))), List.of(), false);

  private static TaskSnapshot readAt(int offset, String prepared) {
    return new TaskSnapshot(List.of(new SourceSplit("s-0", Map.of("start", Integer.toString(offset)))),
        List.of(List.of(prepared)), false);
  }

  private static final JobFixture.Ref<CancelReply> REQUESTER = new JobFixture.Ref<>("requester");

  private static Decision stop(JobFixture f) {
    return f.run(s -> f.job.onStopWithSavepoint(s, new JobMasterProtocol.StopWithSavepoint(REQUESTER), f.now));
  }

  private static Decision tick(JobFixture f) {
    return f.run(s -> f.job.onCheckpointTick(s, new JobMasterInternal.CheckpointTick(1, f.pipeline().attempt()), f.now));
  }

  private static CancelReply reply(Decision d) {
    List<JobMasterEffect.Reply> replies = d.effects(JobMasterEffect.Reply.class);
    assertEquals(1, replies.size(), "one answer: " + d.effects());
    assertEquals(REQUESTER, replies.get(0).to());
    return replies.get(0).reply();
  }

  /** A parallelism-2 job stopped with a savepoint: checkpoint 1 acknowledged by all, every task group cancelled. */
  private static JobFixture savepointDone() {
    JobFixture f = new JobFixture().running(2);
    stop(f);
    f.ack(tg(1, 0), 1, UNASSIGNED);
    f.ack(tg(1, 1), 1, readAt(3, "r1-cp1"));
    f.ack(tg(1, 2), 1, readAt(4, "r2-cp1"));
    f.report(tg(1, 0), JobStatus.CANCELED);
    f.report(tg(1, 1), JobStatus.CANCELED);
    f.report(tg(1, 2), JobStatus.CANCELED);
    assertEquals(JobStatus.SAVEPOINT_DONE, f.state.status());
    return f;
  }

  @Test
  void aStopWithASavepointTriggersACheckpointAndTheJobIsDoingASavepoint() {
    JobFixture f = new JobFixture().running(2);
    Decision d = stop(f);
    assertTrue(reply(d).accepted(), reply(d).message());
    assertEquals(JobStatus.DOING_SAVEPOINT, f.state.status());
    assertEquals(List.of(JobStatus.DOING_SAVEPOINT), JobFixture.reported(d));
    assertEquals(List.of(new JobMasterEvent.CheckpointTriggered(1, 1, 1)), d.events(JobMasterEvent.CheckpointTriggered.class));
    assertEquals(1, d.effects(JobMasterEffect.TriggerCheckpoint.class).size());
    assertTrue(JobFixture.cancelled(d).isEmpty(), "nothing stops before the savepoint completed");
  }

  @Test
  void onceTheSavepointCompletesTheReadersCommitItThenTheirTaskGroupsAreCancelledAndTheJobEndsSavepointDone() {
    JobFixture f = new JobFixture().running(2);
    stop(f);
    f.ack(tg(1, 0), 1, UNASSIGNED);
    Decision partial = f.ack(tg(1, 1), 1, readAt(3, "r1-cp1"));
    assertTrue(JobFixture.cancelled(partial).isEmpty(), "reader 2 has not acknowledged");

    Decision complete = f.ack(tg(1, 2), 1, readAt(4, "r2-cp1"));
    assertEquals(1, complete.events(JobMasterEvent.CheckpointCompleted.class).size());
    assertEquals(List.of(tg(1, 0), tg(1, 1), tg(1, 2)), JobFixture.cancelled(complete));
    int lastNotify = complete.effects().lastIndexOf(complete.effects(JobMasterEffect.NotifyCheckpointComplete.class).get(1));
    int firstCancel = complete.effects().indexOf(complete.effects(JobMasterEffect.CancelTaskGroup.class).get(0));
    assertTrue(lastNotify < firstCancel, "a writer hears its savepoint is complete before its cancel: "
        + complete.effects());
    assertEquals(JobStatus.DOING_SAVEPOINT, f.state.status(), "not ended while task groups still run");
    assertEquals(JobStatus.CANCELING, f.pipeline().status());

    f.report(tg(1, 0), JobStatus.CANCELED);
    f.report(tg(1, 1), JobStatus.CANCELED);
    Decision end = f.report(tg(1, 2), JobStatus.CANCELED);
    assertEquals(JobStatus.SAVEPOINT_DONE, f.state.status());
    assertEquals(List.of(JobStatus.SAVEPOINT_DONE), JobFixture.reported(end));
    JobMasterEffect.SettleSinks settle = end.effects(JobMasterEffect.SettleSinks.class).get(0);
    assertEquals("SAVEPOINT_DONE", settle.pipelines().get(0).end().status());
    assertEquals(List.of("r1-cp1", "r2-cp1"), settle.pipelines().get(0).end().committedStates(),
        "the sinks commit what the savepoint covers and discard the rest");
    assertEquals(1, f.pipeline().checkpoint().checkpointId(), "the savepoint stays in the job's state");
    assertTrue(f.job.mayPassivate(f.state));
  }

  @Test
  void aCheckpointInFlightWhenTheStopComesIsTheSavepoint() {
    JobFixture f = new JobFixture().running(1);
    tick(f);
    Decision d = stop(f);
    assertTrue(d.effects(JobMasterEffect.TriggerCheckpoint.class).isEmpty(), "checkpoint 1 is in flight already");
    assertTrue(reply(d).message().contains("[1]"), reply(d).message());
    f.ack(tg(1, 0), 1, UNASSIGNED);
    Decision complete = f.ack(tg(1, 1), 1, readAt(2, "p"));
    assertEquals(List.of(tg(1, 0), tg(1, 1)), JobFixture.cancelled(complete));
  }

  @Test
  void aJobNotRunningOrAlreadySavingIsRefusedAndNothingChanges() {
    JobFixture pending = new JobFixture();
    pending.start(JobFixture.job(1));
    Decision notRunning = stop(pending);
    assertFalse(reply(notRunning).accepted());
    assertTrue(reply(notRunning).message().contains("only a RUNNING job"), reply(notRunning).message());
    assertTrue(notRunning.events().isEmpty());
    assertEquals(JobStatus.PENDING, pending.state.status());

    JobFixture f = new JobFixture().running(1);
    stop(f);
    Decision again = stop(f);
    assertFalse(reply(again).accepted());
    assertTrue(reply(again).message().contains("already under way"), reply(again).message());
    assertTrue(again.events().isEmpty());
  }

  @Test
  void aSavepointThatTimesOutLeavesTheJobRunningWithTheReasonNeverCanceled() {
    JobFixture f = new JobFixture().running(1);
    stop(f);
    f.ack(tg(1, 0), 1, UNASSIGNED);
    Decision timedOut = f.run(s -> f.job.onCheckpointTimedOut(s, new JobMasterInternal.CheckpointTimedOut(1, 1, 1), f.now));
    assertEquals(List.of(JobStatus.RUNNING), JobFixture.reported(timedOut));
    assertEquals(JobStatus.RUNNING, f.state.status());
    assertTrue(f.state.error().contains("savepoint of job 7 failed"), f.state.error());
    assertTrue(f.state.error().contains("did not complete within"), f.state.error());
    assertEquals(JobStatus.FAILING, f.pipeline().status(), "the pipeline fails over as for any checkpoint timeout");
    // its task groups stop; it restarts (retry 1 of 1) instead of ending the job
    f.report(tg(1, 0), JobStatus.CANCELED);
    Decision stopped = f.report(tg(1, 1), JobStatus.CANCELED);
    assertEquals(JobStatus.PENDING, f.pipeline().status());
    assertTrue(JobFixture.startsTimer(stopped, "restart-1"));
    assertFalse(f.state.status().isTerminal(), "never CANCELED without a savepoint");
  }

  @Test
  void aJobCancelledDuringItsSavepointEndsCanceled() {
    JobFixture f = new JobFixture().running(1);
    stop(f);
    f.run(s -> f.job.onCancel(s, new JobMasterProtocol.CancelJob("by hand"), f.now));
    f.report(tg(1, 0), JobStatus.CANCELED);
    f.report(tg(1, 1), JobStatus.CANCELED);
    assertEquals(JobStatus.CANCELED, f.state.status());
  }

  @Test
  void aRestoreStartsEveryPipelineFromItsSavepointWithFreshRetries() {
    JobFixture f = savepointDone();
    JobFixture restored = new JobFixture(); // the entity passivated: a new job master on the journalled state
    restored.state = f.state;
    JobDefinition next = JobFixture.job(2);
    Decision d = restored.run(s -> restored.job.onRestore(s,
        new JobMasterProtocol.RestoreJob(JobFixture.JOB, next, new JobFixture.Ref<JobCoordinatorProtocol>("c")),
        restored.now));
    assertEquals(JobStatus.PENDING, restored.state.status());
    assertEquals(List.of(JobStatus.PENDING), JobFixture.reported(d));
    assertEquals(List.of(new JobMasterEvent.PipelineAttemptStarted(1, 2)), d.events(JobMasterEvent.PipelineAttemptStarted.class));
    assertEquals(1, d.effects(JobMasterEffect.RequestSlots.class).size());
    assertEquals(0, restored.pipeline().retriesUsed(), "the restored run has all of job.retry.times");
    assertEquals(Decision.NONE, restored.run(s -> restored.job.onResume(s, restored.now)),
        "a Resume queued behind the restore asks for no slots twice");

    restored.allocate(JobFixture.slot(JobFixture.A, 0), JobFixture.slot(JobFixture.B, 0), JobFixture.slot(JobFixture.B, 1));
    restored.report(tg(2, 0), JobStatus.RUNNING);
    List<JobMasterEffect.Deploy> readers = restored.decisions.get(restored.decisions.size() - 1)
        .effects(JobMasterEffect.Deploy.class);
    assertEquals(2, readers.size());
    assertEquals(readAt(3, "r1-cp1"), readers.get(0).descriptor().restore(), "reader 1 continues after its savepoint");
    assertEquals(readAt(4, "r2-cp1"), readers.get(1).descriptor().restore());
    restored.report(tg(2, 1), JobStatus.RUNNING);
    restored.report(tg(2, 2), JobStatus.RUNNING);
    assertEquals(JobStatus.RUNNING, restored.state.status());
    // checkpoint ids go on from the savepoint's, so output named by checkpoint never collides
    Decision next2 = tick(restored);
    assertEquals(List.of(new JobMasterEvent.CheckpointTriggered(1, 2, 2)), next2.events(JobMasterEvent.CheckpointTriggered.class));

    Decision repeated = restored.run(s -> restored.job.onRestore(s,
        new JobMasterProtocol.RestoreJob(JobFixture.JOB, next, new JobFixture.Ref<JobCoordinatorProtocol>("c")),
        restored.now));
    assertEquals(Decision.NONE, repeated, "a repeated restore of a running job is ignored");
  }

  @Test
  void aRestoreWithAnotherParallelismIsRefusedAndTheSavepointKept() {
    JobFixture f = savepointDone();
    Decision d = f.run(s -> f.job.onRestore(s,
        new JobMasterProtocol.RestoreJob(JobFixture.JOB, JobFixture.job(3), new JobFixture.Ref<JobCoordinatorProtocol>("c")),
        f.now));
    assertTrue(d.events().isEmpty());
    assertEquals(List.of(JobStatus.SAVEPOINT_DONE), JobFixture.reported(d), "still restorable with a job file that fits");
    assertEquals(JobStatus.SAVEPOINT_DONE, f.state.status());
    assertNotNull(f.pipeline().checkpoint());
  }

  @Test
  void aMasterRestartDuringTheSavepointTakesItAgainWithTheNextCheckpoint() {
    JobFixture f = new JobFixture().running(1);
    stop(f); // checkpoint 1 in flight: lost with the master
    JobFixture recovered = new JobFixture();
    recovered.state = f.state;
    Decision resumed = recovered.run(s -> recovered.job.onResume(s, recovered.now));
    assertEquals(List.of(JobStatus.DOING_SAVEPOINT), JobFixture.reported(resumed));
    recovered.run(s -> recovered.job.onTaskGroupsFound(s,
        new JobMasterInternal.TaskGroupsFound(1, 1, JobFixture.A, 1, List.of(tg(1, 0)), true), recovered.now));
    recovered.run(s -> recovered.job.onTaskGroupsFound(s,
        new JobMasterInternal.TaskGroupsFound(1, 1, JobFixture.B, 1, List.of(tg(1, 1)), true), recovered.now));
    assertEquals(List.of(new JobMasterEvent.CheckpointTriggered(1, 1, 2)),
        tick(recovered).events(JobMasterEvent.CheckpointTriggered.class));
    recovered.ack(tg(1, 0), 2, UNASSIGNED);
    Decision complete = recovered.ack(tg(1, 1), 2, readAt(5, "p2"));
    assertEquals(List.of(tg(1, 0), tg(1, 1)), JobFixture.cancelled(complete));
    recovered.report(tg(1, 0), JobStatus.CANCELED);
    recovered.report(tg(1, 1), JobStatus.CANCELED);
    assertEquals(JobStatus.SAVEPOINT_DONE, recovered.state.status());
    assertEquals(2, recovered.pipeline().checkpoint().checkpointId());
  }
}
