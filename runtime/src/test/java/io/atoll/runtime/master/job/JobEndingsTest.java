package io.atoll.runtime.master.job;

import static io.atoll.runtime.master.job.JobFixture.A;
import static io.atoll.runtime.master.job.JobFixture.B;
import static io.atoll.runtime.master.job.JobFixture.slot;
import static io.atoll.runtime.master.job.JobFixture.tg;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.atoll.protocol.connector.SinkEnd;
import io.atoll.protocol.execution.JobMasterProtocol;
import io.atoll.protocol.execution.TaskSnapshot;
import io.atoll.protocol.job.JobCoordinatorProtocol;
import io.atoll.protocol.job.JobStatus;
import io.atoll.protocol.resource.JobId;
import io.atoll.protocol.resource.SlotReply;
import io.atoll.runtime.config.JobSettings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a whole job ends — finished, cancelled, failed, rejected — decided by JobExecution without actors. */
class JobEndingsTest {

  private static Decision notEnoughSlots(JobFixture f) {
    return f.run(s -> f.job.onSlotAnswer(s, new JobMasterInternal.SlotAnswer(1, 1,
        new SlotReply.NotEnoughSlots(JobId.of(JobFixture.JOB), 2, 0, Map.of(), "0 free"), null), f.now));
  }

  @Test
  void aJobWhosePipelinesFinishEndsFinishedAndMayPassivate() {
    JobFixture f = new JobFixture().running(1);
    f.report(tg(1, 0), JobStatus.FINISHED);
    assertFalse(f.job.mayPassivate(f.state));
    Decision last = f.report(tg(1, 1), JobStatus.FINISHED);
    assertEquals(JobStatus.FINISHED, f.pipeline().status());
    assertEquals(List.of(JobStatus.FINISHED), JobFixture.reported(last));
    assertEquals(2, last.effects(JobMasterEffect.ReleaseSlots.class).get(0).slots().size());
    assertTrue(f.job.mayPassivate(f.state));
    assertTrue(f.run(s -> f.job.onCancel(s, new JobMasterProtocol.CancelJob("late"), f.now)).events().isEmpty(),
        "an ended job cannot be cancelled");
  }

  @Test
  void aPipelineTooQuickToBeSeenRunningStillReportsRunningBeforeFinished() {
    JobFixture f = new JobFixture();
    f.start(JobFixture.job(1));
    f.allocate(slot(A, 0), slot(B, 0));
    f.report(tg(1, 0), JobStatus.RUNNING);
    f.report(tg(1, 0), JobStatus.FINISHED);
    Decision d = f.report(tg(1, 1), JobStatus.FINISHED);
    assertEquals(List.of(JobStatus.RUNNING, JobStatus.FINISHED), JobFixture.reported(d));
  }

  @Test
  void aCancelledJobEndsCancelledOnceEveryTaskGroupConfirmed() {
    JobFixture f = new JobFixture().running(1);
    Decision cancel = f.run(s -> f.job.onCancel(s, new JobMasterProtocol.CancelJob("user"), f.now));
    assertEquals(List.of(JobStatus.CANCELING), JobFixture.reported(cancel));
    assertEquals(List.of(tg(1, 0), tg(1, 1)), JobFixture.cancelled(cancel));
    assertTrue(f.run(s -> f.job.onCancel(s, new JobMasterProtocol.CancelJob("again"), f.now)).effects().isEmpty(),
        "a repeated cancel is ignored");
    f.report(tg(1, 0), JobStatus.CANCELED);
    Decision done = f.report(tg(1, 1), JobStatus.CANCELED);
    assertEquals(List.of(JobStatus.CANCELED), JobFixture.reported(done));
    assertEquals(JobStatus.CANCELED, f.pipeline().status());
    assertTrue(f.job.mayPassivate(f.state));
  }

  @Test
  void cancellingAJobWaitingForSlotsEndsItAtOnceAndSlotsGrantedLaterAreHandedBack() {
    JobFixture f = new JobFixture();
    f.start(JobFixture.job(1));
    Decision cancel = f.run(s -> f.job.onCancel(s, new JobMasterProtocol.CancelJob("user"), f.now));
    assertEquals(List.of(JobStatus.CANCELING, JobStatus.CANCELED), JobFixture.reported(cancel));
    assertFalse(f.job.mayPassivate(f.state), "its slot request is still out");
    Decision late = f.allocate(slot(A, 0), slot(B, 0));
    assertEquals(2, late.effects(JobMasterEffect.ReleaseSlots.class).get(0).slots().size());
    assertTrue(late.effects(JobMasterEffect.Deploy.class).isEmpty());
    assertTrue(f.job.mayPassivate(f.state));
  }

  @Test
  void withRejectTooFewSlotsFailTheJobAtOnce() {
    JobFixture f = new JobFixture(JobFixture.settings(JobSettings.ScheduleStrategy.REJECT));
    f.start(JobFixture.job(1));
    Decision d = notEnoughSlots(f);
    assertEquals(List.of(JobStatus.FAILING, JobStatus.FAILED), JobFixture.reported(d));
    assertTrue(f.state.error().contains("REJECT") && f.state.error().contains("0 free"), f.state.error());
    assertTrue(f.job.mayPassivate(f.state));
  }

  @Test
  void withWaitTheJobAsksAgainAfterTheRetryIntervalAndIgnoresStaleRetries() {
    JobFixture f = new JobFixture();
    f.start(JobFixture.job(1));
    Decision d = notEnoughSlots(f);
    assertTrue(JobFixture.reported(d).isEmpty());
    JobMasterEffect.StartTimer retry = d.effects(JobMasterEffect.StartTimer.class).get(0);
    assertEquals(new JobMasterInternal.RetrySlots(1, 1), retry.message());
    assertEquals(JobFixture.SETTINGS.slotRetryInterval(), retry.delay());
    assertEquals(1, f.run(s -> f.job.onRetrySlots(s, new JobMasterInternal.RetrySlots(1, 1), f.now))
        .effects(JobMasterEffect.RequestSlots.class).size());
    assertTrue(f.run(s -> f.job.onRetrySlots(s, new JobMasterInternal.RetrySlots(1, 0), f.now)).effects().isEmpty());
  }

  @Test
  void aJobWhosePipelineFailsForGoodFailsWithItsError() {
    JobFixture f = new JobFixture().running(1);
    f.report(tg(1, 1), JobStatus.FAILED, "boom");
    f.report(tg(1, 0), JobStatus.CANCELED);
    f.run(s -> f.job.onRestartPipeline(s, new JobMasterInternal.RestartPipeline(1), f.now));
    f.allocate(slot(A, 0), slot(B, 0));
    f.report(tg(2, 0), JobStatus.FAILED, "boom 2");
    Decision end = f.report(tg(2, 1), JobStatus.CANCELED);
    assertEquals(List.of(JobStatus.FAILING, JobStatus.FAILED), JobFixture.reported(end));
    assertEquals("boom 2", ((io.atoll.protocol.job.JobCoordinatorProtocol.JobStatusChanged)
        end.effects(JobMasterEffect.SettleSinks.class).get(0).report()).errorMessage());
    assertTrue(f.job.mayPassivate(f.state));
  }

  @Test
  void aRepeatedStartIsIgnored() {
    JobFixture f = new JobFixture();
    f.start(JobFixture.job(1));
    assertEquals(Decision.NONE, f.start(JobFixture.job(1)));
  }

  @Test
  void aFailedJobHasItsUnfinishedPipelinesSinksSettledWithTheLastCompletedCheckpointsWriterStates() {
    JobFixture f = new JobFixture().running(2);
    f.run(s -> f.job.onCheckpointTick(s, new JobMasterInternal.CheckpointTick(1, 1), f.now));
    f.ack(tg(1, 0), 1, TaskSnapshot.DONE);
    f.ack(tg(1, 1), 1, new TaskSnapshot(List.of(), List.of(List.of("started", "xid-1a")), false));
    f.ack(tg(1, 2), 1, new TaskSnapshot(List.of(), List.of(List.of("started", "xid-2a")), false));
    f.report(tg(1, 1), JobStatus.FAILED, "boom");
    f.report(tg(1, 0), JobStatus.CANCELED);
    Decision before = f.report(tg(1, 2), JobStatus.CANCELED);
    assertTrue(before.effects(JobMasterEffect.SettleSinks.class).isEmpty(), "a pipeline that restarts is not settled");
    f.run(s -> f.job.onRestartPipeline(s, new JobMasterInternal.RestartPipeline(1), f.now));
    f.allocate(slot(A, 0), slot(B, 0), slot(B, 1));
    f.report(tg(2, 0), JobStatus.FAILED, "boom 2");
    f.report(tg(2, 1), JobStatus.CANCELED);
    Decision end = f.report(tg(2, 2), JobStatus.CANCELED);

    assertEquals(List.of(JobStatus.FAILING, JobStatus.FAILED), JobFixture.reported(end));
    List<JobMasterEffect.SettleSinks> settles = end.effects(JobMasterEffect.SettleSinks.class);
    assertEquals(1, settles.size());
    assertTrue(end.effects(JobMasterEffect.ReportToCoordinator.class).stream()
        .noneMatch(r -> r.message() instanceof JobCoordinatorProtocol.JobStatusChanged c && c.status().isTerminal()),
        "the end is reported once the sinks are settled, by the settle effect");
    JobMasterEffect.Settlement settlement = settles.get(0).pipelines().get(0);
    assertEquals(new SinkEnd(JobFixture.JOB, 1, "FAILED", List.of("started", "xid-1a", "started", "xid-2a")),
        settlement.end());
    assertEquals(List.of("TestingSink"), settlement.sinks().stream().map(d -> d.name()).toList());
  }

  @Test
  void aCancelledJobIsSettledTooAndAFinishedOneIsNot() {
    JobFixture cancelled = new JobFixture().running(1);
    cancelled.run(s -> cancelled.job.onCancel(s, new JobMasterProtocol.CancelJob("user"), cancelled.now));
    cancelled.report(tg(1, 0), JobStatus.CANCELED);
    Decision end = cancelled.report(tg(1, 1), JobStatus.CANCELED);
    assertEquals(new SinkEnd(JobFixture.JOB, 1, "CANCELED", List.of()),
        end.effects(JobMasterEffect.SettleSinks.class).get(0).pipelines().get(0).end(),
        "no checkpoint completed: nothing to commit");

    JobFixture finished = new JobFixture().running(1);
    finished.report(tg(1, 0), JobStatus.FINISHED);
    assertTrue(finished.report(tg(1, 1), JobStatus.FINISHED).effects(JobMasterEffect.SettleSinks.class).isEmpty());
  }

  @Test
  void aFailedJobRecoveredAfterAMasterRestartIsSettledAgainAndAFinishedOneIsNot() {
    JobFixture f = new JobFixture().running(1);
    f.report(tg(1, 1), JobStatus.FAILED, "boom");
    f.report(tg(1, 0), JobStatus.CANCELED);
    f.run(s -> f.job.onRestartPipeline(s, new JobMasterInternal.RestartPipeline(1), f.now));
    f.allocate(slot(A, 0), slot(B, 0));
    f.report(tg(2, 0), JobStatus.FAILED, "boom 2");
    f.report(tg(2, 1), JobStatus.CANCELED);
    assertEquals(JobStatus.FAILED, f.state.status());

    JobExecution recovered = new JobExecution(JobFixture.JOB, JobFixture.SETTINGS); // a new master, same journal
    Decision resumed = recovered.onResume(f.state, f.now);
    List<JobMasterEffect.SettleSinks> settles = resumed.effects(JobMasterEffect.SettleSinks.class);
    assertEquals(1, settles.size(), "the master may have died while settling");
    assertEquals("FAILED", settles.get(0).pipelines().get(0).end().status());
    assertEquals(JobStatus.FAILED, ((JobCoordinatorProtocol.JobStatusChanged) settles.get(0).report()).status());
    assertTrue(resumed.events().isEmpty());

    JobFixture finished = new JobFixture().running(1);
    finished.report(tg(1, 0), JobStatus.FINISHED);
    finished.report(tg(1, 1), JobStatus.FINISHED);
    assertTrue(new JobExecution(JobFixture.JOB, JobFixture.SETTINGS).onResume(finished.state, finished.now)
        .effects(JobMasterEffect.SettleSinks.class).isEmpty());
  }
}
