package io.atoll.runtime.master.job;

import static io.atoll.runtime.master.job.JobFixture.A;
import static io.atoll.runtime.master.job.JobFixture.B;
import static io.atoll.runtime.master.job.JobFixture.slot;
import static io.atoll.runtime.master.job.JobFixture.tg;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.atoll.persistence.job.JobMasterEvent;
import io.atoll.protocol.execution.JobMasterProtocol;
import io.atoll.protocol.execution.TaskGroupId;
import io.atoll.protocol.job.JobMetrics;
import io.atoll.protocol.job.JobStatus;
import io.atoll.protocol.resource.JobId;
import io.atoll.protocol.resource.SlotProfile;
import io.atoll.protocol.resource.WorkerLost;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One pipeline's state machine, decided without actors: every transition, repeats and stale attempts. */
class PipelineExecutionTest {

  private static Decision restart(JobFixture f) {
    return f.run(s -> f.job.onRestartPipeline(s, new JobMasterInternal.RestartPipeline(1), f.now));
  }

  private static Decision metrics(JobFixture f, TaskGroupId id) {
    return f.run(s -> f.job.onMetrics(s, new JobMasterProtocol.TaskGroupMetrics(id, JobMetrics.ZERO), f.now));
  }

  private static Decision checkReports(JobFixture f) {
    return f.run(s -> f.job.onCheckReports(s, f.now));
  }

  private static Decision workerLost(JobFixture f, String worker, long sequence) {
    return f.run(s -> f.job.onWorkerLost(s, new WorkerLost(JobId.of(JobFixture.JOB), worker,
        List.of(SlotProfile.free(worker, sequence, 0, io.atoll.runtime.testing.Profiles.SLOT)), "no heartbeat"), f.now));
  }

  @Test
  void anAttemptAsksForSlotsDeploysTheEnumeratorThenTheReadersAndRuns() {
    JobFixture f = new JobFixture();
    Decision started = f.start(JobFixture.job(2));
    JobMasterEffect.RequestSlots request = started.effects(JobMasterEffect.RequestSlots.class).get(0);
    assertEquals(3, request.count());
    assertEquals(1, request.attempt());
    assertEquals(1, f.job.slotRequestsInFlight());
    assertTrue(JobFixture.startsTimer(started, JobExecution.REPORT_CHECK_KEY), "the liveness check is armed");

    Decision allocated = f.allocate(slot(A, 0), slot(B, 0), slot(B, 1));
    assertEquals(0, f.job.slotRequestsInFlight());
    assertEquals(JobStatus.SCHEDULED, f.pipeline().status());
    assertEquals(List.of(JobStatus.SCHEDULED), JobFixture.reported(allocated));
    List<JobMasterEffect.Deploy> deploys = allocated.effects(JobMasterEffect.Deploy.class);
    assertEquals(1, deploys.size(), "the enumerator first");
    assertEquals(tg(1, 0), deploys.get(0).descriptor().id());
    assertNull(deploys.get(0).descriptor().restore(), "a first attempt starts afresh");

    Decision enumeratorRuns = f.report(tg(1, 0), JobStatus.RUNNING);
    assertEquals(List.of(tg(1, 1), tg(1, 2)), enumeratorRuns.effects(JobMasterEffect.Deploy.class).stream()
        .map(d -> d.descriptor().id()).toList());
    assertEquals(JobFixture.ENUMERATOR, enumeratorRuns.effects(JobMasterEffect.Deploy.class).get(0).descriptor().enumerator());
    f.report(tg(1, 1), JobStatus.RUNNING);
    assertEquals(JobStatus.SCHEDULED, f.pipeline().status(), "reader 2 has not started");
    Decision running = f.report(tg(1, 2), JobStatus.RUNNING);
    assertEquals(JobStatus.RUNNING, f.pipeline().status());
    assertEquals(List.of(JobStatus.RUNNING), JobFixture.reported(running));
  }

  @Test
  void repeatedAndStaleReportsChangeNothing() {
    JobFixture f = new JobFixture().running(1);
    assertTrue(f.report(tg(1, 1), JobStatus.RUNNING).events().isEmpty(), "a repeated RUNNING");
    f.report(tg(1, 1), JobStatus.FINISHED);
    assertTrue(f.report(tg(1, 1), JobStatus.FINISHED).events().isEmpty(), "a repeated FINISHED");
    assertTrue(f.report(tg(1, 1), JobStatus.FAILED, "late").events().isEmpty(), "a task group that ended stays ended");
    Decision stale = f.report(new TaskGroupId(JobFixture.JOB, 1, 0, 0), JobStatus.FAILED, "attempt 0");
    assertTrue(stale.events().isEmpty() && stale.effects().isEmpty(), "an earlier attempt is fenced off");
    assertEquals(JobStatus.RUNNING, f.pipeline().status());
  }

  @Test
  void aFailedTaskGroupStopsTheAttemptWhichRestartsUntilRetriesAreUsedUp() {
    JobFixture f = new JobFixture().running(1);
    Decision failed = f.report(tg(1, 1), JobStatus.FAILED, "boom");
    assertEquals(JobStatus.FAILING, f.pipeline().status());
    assertEquals(List.of(tg(1, 0)), JobFixture.cancelled(failed));
    assertTrue(JobFixture.startsTimer(failed, "cancel-1"));
    assertTrue(failed.effects(JobMasterEffect.ReleaseSlots.class).isEmpty(), "slots stay until the cancel is confirmed");

    Decision stopped = f.report(tg(1, 0), JobStatus.CANCELED);
    assertEquals(2, stopped.effects(JobMasterEffect.ReleaseSlots.class).get(0).slots().size());
    assertEquals(JobStatus.PENDING, f.pipeline().status());
    assertTrue(JobFixture.startsTimer(stopped, "restart-1"));
    assertEquals(JobStatus.RUNNING, f.state.status(), "the job goes on while its pipeline retries");

    Decision attempt2 = restart(f);
    assertEquals(2, attempt2.effects(JobMasterEffect.RequestSlots.class).get(0).attempt());
    f.allocate(slot(A, 0), slot(B, 0));
    f.report(tg(2, 0), JobStatus.FAILED, "boom again");
    Decision gaveUp = f.report(tg(2, 1), JobStatus.CANCELED);
    assertEquals(JobStatus.FAILED, f.pipeline().status(), "job.retry.times = 1 is used up");
    assertEquals(List.of(JobStatus.FAILING, JobStatus.FAILED), JobFixture.reported(gaveUp));
    assertEquals(JobStatus.FAILED, f.state.status());
    assertEquals("boom again", f.state.error());
  }

  @Test
  void aFailureHoldingThePasswordIsRecordedLoggedAndReportedMasked() {
    JobFixture f = new JobFixture().running(io.atoll.runtime.testing.Jobs.testing("j", 1,
        "{\"rows\":5, \"password\":\"Hunter2x\"}", "{\"collect_to\":\"pure\"}", 0, 1000));
    Decision failed = f.report(tg(1, 1), JobStatus.FAILED, "cannot log in with Hunter2x to jdbc:postgresql://db/x?password=Hunter2x");
    assertEquals("cannot log in with ****** to jdbc:postgresql://db/x?password=******", f.pipeline().error());
    assertFalse(failed.events().toString().contains("Hunter2x"), "the journal and the events it makes");
  }

  @Test
  void aCommandRefusedByAWorkersFencingIsAFreeRestart() {
    JobFixture f = new JobFixture().running(1);
    f.report(tg(1, 1), JobStatus.FAILED, "refused by worker akka://atoll@127.0.0.1:2: slot sequence 1 is not current");
    assertEquals(1, f.pipeline().freeRestarts());
    f.report(tg(1, 0), JobStatus.CANCELED);
    restart(f);
    assertEquals(0, f.pipeline().retriesUsed(), "attempt 2 used no retry");
  }

  @Test
  void aLostWorkerFailsOnlyItsIncarnationsTaskGroupsAndTheRestartIsFree() {
    JobFixture f = new JobFixture().running(1);
    assertTrue(workerLost(f, B, 2).events().isEmpty(), "another incarnation of B held none of our slots");
    Decision lost = workerLost(f, B, 1);
    assertEquals(JobStatus.FAILED, f.pipeline().taskGroups().get(1));
    assertEquals(JobStatus.FAILING, f.pipeline().status());
    assertEquals(List.of(tg(1, 0)), JobFixture.cancelled(lost));
    assertTrue(f.pipeline().error().contains("worker " + B + " lost"), f.pipeline().error());
    assertEquals(1, f.pipeline().freeRestarts());
    assertTrue(workerLost(f, B, 1).events().isEmpty(), "a repeated notice changes nothing");
  }

  @Test
  void aTaskGroupSilentPastTheReportTimeoutFailsThePipelineOverFromItsLastCheckpoint() {
    JobFixture f = new JobFixture().running(1);
    f.run(s -> f.job.onCheckpointTick(s, new JobMasterInternal.CheckpointTick(1, 1), f.now));
    f.ack(tg(1, 0), 1, io.atoll.protocol.execution.TaskSnapshot.DONE);
    f.ack(tg(1, 1), 1, io.atoll.protocol.execution.TaskSnapshot.DONE);
    f.now += 20_000;
    metrics(f, tg(1, 0)); // the enumerator keeps reporting; the reader falls silent
    assertTrue(checkReports(f).events().isEmpty(), "20 s of silence is within the 30 s timeout");
    metrics(f, new TaskGroupId(JobFixture.JOB, 1, 0, 1)); // another attempt's reader proves nothing
    f.now += 15_000;
    Decision silent = checkReports(f);
    assertEquals(JobStatus.FAILED, f.pipeline().taskGroups().get(1), "silent for 35 s");
    assertEquals(JobStatus.FAILING, f.pipeline().status());
    assertEquals(List.of(tg(1, 1), tg(1, 0)), JobFixture.cancelled(silent),
        "the silent reader is cancelled too (it may still run), then the enumerator, heard 15 s ago");
    assertEquals(Map.of(tg(1, 1), slot(B, 0)), f.state.heldSlots(), "the silent reader's slot stays held");
    assertEquals(1, f.pipeline().freeRestarts(), "silence is not the pipeline's fault");
    assertTrue(JobFixture.startsTimer(silent, JobExecution.REPORT_CHECK_KEY), "the check goes on");

    Decision stopped = f.report(tg(1, 0), JobStatus.CANCELED);
    assertEquals(List.of(slot(A, 0)), stopped.effects(JobMasterEffect.ReleaseSlots.class).get(0).slots());
    restart(f);
    Decision deploy = f.allocate(slot(A, 1), slot(B, 1));
    assertEquals(io.atoll.protocol.execution.TaskSnapshot.DONE, deploy.effects(JobMasterEffect.Deploy.class).get(0)
        .descriptor().restore(), "attempt 2 restores from checkpoint 1");
  }

  @Test
  void silenceIsCountedFromTheDeployAndNotForTaskGroupsNotYetDeployed() {
    JobFixture f = new JobFixture();
    f.start(JobFixture.job(1));
    f.allocate(slot(A, 0), slot(B, 0));
    f.now += 31_000;
    Decision silent = checkReports(f);
    assertEquals(JobStatus.FAILED, f.pipeline().taskGroups().get(0), "the enumerator never answered its deploy");
    assertEquals(List.of(tg(1, 0), tg(1, 1)), JobFixture.cancelled(silent),
        "the silent enumerator and the reader, never deployed, are cancelled");
    assertEquals(List.of(tg(1, 0)), List.copyOf(f.state.heldSlots().keySet()), "only the silent one's slot is held");
  }

  @Test
  void aCancelNotConfirmedInTimeHoldsItsSlotsUntilConfirmedWhileThePipelineRestartsElsewhere() {
    JobFixture f = new JobFixture().running(1);
    f.report(tg(1, 0), JobStatus.FAILED, "boom");
    Decision timedOut = f.run(s -> f.job.onCancelTimedOut(s, new JobMasterInternal.CancelTimedOut(1, 1), f.now));
    assertEquals(Map.of(tg(1, 1), slot(B, 0)), f.state.heldSlots(), "the reader may still run in B#0");
    assertEquals(List.of(slot(A, 0)), timedOut.effects(JobMasterEffect.ReleaseSlots.class).get(0).slots(),
        "only the enumerator's slot is given back");
    assertEquals(JobStatus.PENDING, f.pipeline().status(), "the pipeline does not wait for the stuck cancel");
    assertTrue(JobFixture.startsTimer(timedOut, JobExecution.HELD_CANCELS_KEY));
    assertTrue(f.run(s -> f.job.onCancelTimedOut(s, new JobMasterInternal.CancelTimedOut(1, 1), f.now))
        .events().isEmpty(), "a repeated timeout changes nothing");

    restart(f);
    f.allocate(slot(A, 1), slot(B, 1));
    Decision resent = f.run(s -> f.job.onResendCancels(s, f.now));
    assertEquals(List.of(tg(1, 1)), JobFixture.cancelled(resent), "the cancel is sent again");
    assertTrue(JobFixture.startsTimer(resent, JobExecution.HELD_CANCELS_KEY));

    Decision confirmed = f.report(tg(1, 1), JobStatus.CANCELED);
    assertTrue(f.state.heldSlots().isEmpty());
    assertEquals(List.of(slot(B, 0)), confirmed.effects(JobMasterEffect.ReleaseSlots.class).get(0).slots());
    assertEquals(2, f.pipeline().attempt(), "attempt 2 is untouched by attempt 1's confirmation");
    assertEquals(JobStatus.SCHEDULED, f.pipeline().status());
    assertTrue(f.run(s -> f.job.onResendCancels(s, f.now)).effects().isEmpty(), "nothing held, nothing resent");
  }

  @Test
  void aHeldSlotIsGivenUpWhenItsWorkerIsLostAndTheJobStaysUntilThen() {
    JobFixture f = new JobFixture().running(1);
    f.run(s -> f.job.onCancel(s, new JobMasterProtocol.CancelJob("user"), f.now));
    f.report(tg(1, 0), JobStatus.CANCELED);
    Decision timedOut = f.run(s -> f.job.onCancelTimedOut(s, new JobMasterInternal.CancelTimedOut(1, 1), f.now));
    assertEquals(JobStatus.CANCELED, f.state.status(), "the job ends");
    assertEquals(List.of(JobStatus.CANCELED), JobFixture.reported(timedOut));
    assertFalse(f.job.mayPassivate(f.state), "but holds B#0 while the reader may run");

    Decision lost = workerLost(f, B, 1);
    assertTrue(f.state.heldSlots().isEmpty());
    assertTrue(lost.effects(JobMasterEffect.ReleaseSlots.class).isEmpty(), "a lost worker's slots are gone with it");
    assertTrue(f.job.mayPassivate(f.state));
  }

  @Test
  void aRecoveredPipelineAsksEachWorkerIncarnationAndAdoptsWhatStillRuns() {
    JobFixture f = new JobFixture().running(2);
    JobFixture recovered = new JobFixture();
    recovered.state = f.state;
    Decision resumed = recovered.run(s -> recovered.job.onResume(s, recovered.now));
    assertEquals(List.of(JobStatus.RUNNING), JobFixture.reported(resumed));
    assertEquals(List.of(A, B), resumed.effects(JobMasterEffect.QueryWorker.class).stream()
        .map(q -> q.slot().worker()).toList(), "one query per worker incarnation");

    Decision adopted = recovered.run(s -> recovered.job.onTaskGroupsFound(s,
        new JobMasterInternal.TaskGroupsFound(1, 1, B, 1, List.of(tg(1, 1), tg(1, 2)), true), recovered.now));
    assertTrue(adopted.events().isEmpty());
    assertTrue(JobFixture.startsTimer(adopted, "checkpoint-1"));
    Decision gone = recovered.run(s -> recovered.job.onTaskGroupsFound(s,
        new JobMasterInternal.TaskGroupsFound(1, 1, A, 1, List.of(), false), recovered.now));
    assertEquals(JobStatus.FAILING, recovered.pipeline().status());
    assertEquals(List.of(tg(1, 1), tg(1, 2)), JobFixture.cancelled(gone));
    assertEquals(1, recovered.pipeline().freeRestarts(), "lost while the master was down: a free restart");
    assertTrue(recovered.run(s -> recovered.job.onTaskGroupsFound(s,
        new JobMasterInternal.TaskGroupsFound(1, 0, A, 1, List.of(), true), recovered.now)).events().isEmpty(),
        "an answer about another attempt is ignored");
  }

  @Test
  void adoptedReadersHearOfTheLastCompletedCheckpointAgain() {
    JobFixture f = new JobFixture().running(2);
    f.run(s -> f.job.onCheckpointTick(s, new JobMasterInternal.CheckpointTick(1, 1), f.now));
    f.ack(tg(1, 0), 1, io.atoll.protocol.execution.TaskSnapshot.DONE);
    f.ack(tg(1, 1), 1, io.atoll.protocol.execution.TaskSnapshot.DONE);
    f.ack(tg(1, 2), 1, io.atoll.protocol.execution.TaskSnapshot.DONE); // journalled; the master then dies
    JobFixture recovered = new JobFixture();
    recovered.state = f.state;
    recovered.run(s -> recovered.job.onResume(s, recovered.now));

    Decision adopted = recovered.run(s -> recovered.job.onTaskGroupsFound(s,
        new JobMasterInternal.TaskGroupsFound(1, 1, B, 1, List.of(tg(1, 0), tg(1, 1), tg(1, 2)), true), recovered.now));
    assertEquals(List.of(tg(1, 1), tg(1, 2)), adopted.effects(JobMasterEffect.NotifyCheckpointComplete.class).stream()
        .map(JobMasterEffect.NotifyCheckpointComplete::reader).toList(),
        "the readers (not the enumerator) commit checkpoint 1 if the notice died with the master");
    assertTrue(adopted.effects(JobMasterEffect.NotifyCheckpointComplete.class).stream()
        .allMatch(n -> n.checkpointId() == 1));

    JobFixture fresh = new JobFixture().running(2);
    JobFixture noCheckpoint = new JobFixture();
    noCheckpoint.state = fresh.state;
    noCheckpoint.run(s -> noCheckpoint.job.onResume(s, noCheckpoint.now));
    assertTrue(noCheckpoint.run(s -> noCheckpoint.job.onTaskGroupsFound(s,
        new JobMasterInternal.TaskGroupsFound(1, 1, B, 1, List.of(tg(1, 1), tg(1, 2)), true), noCheckpoint.now))
        .effects(JobMasterEffect.NotifyCheckpointComplete.class).isEmpty(), "nothing completed, nothing to repeat");
  }

  @Test
  void aPipelineThatNeverComesToRunningIsRetriedThoughEveryTaskGroupReports() {
    JobFixture f = new JobFixture();
    f.start(JobFixture.job(1));
    f.allocate(slot(A, 0), slot(B, 0));
    f.report(tg(1, 0), JobStatus.RUNNING); // the enumerator runs and its reader is deployed ...
    for (int i = 0; i < 3; i++) {
      f.now += 10_500; // ... and both keep reporting, but the reader's RUNNING never arrives
      metrics(f, tg(1, 0));
      metrics(f, tg(1, 1));
      Decision check = checkReports(f);
      if (i < 2) {
        assertTrue(check.events().isEmpty(), "within the report timeout of the deploy: wait");
      }
    }
    assertEquals(JobStatus.FAILING, f.pipeline().status(), "31.5 s after its deploy it still was not RUNNING");
    assertTrue(f.pipeline().error().contains("did not start running"), f.pipeline().error());
    assertEquals(0, f.pipeline().freeRestarts(), "counted against job.retry.times: the cause may be the job's own");

    JobFixture running = new JobFixture().running(1);
    running.now += 31_000;
    metrics(running, tg(1, 0));
    metrics(running, tg(1, 1));
    assertTrue(checkReports(running).events().isEmpty(), "a RUNNING pipeline whose task groups report is left alone");
  }
}
