package io.atoll.runtime.master.job;

import static io.atoll.runtime.master.job.JobFixture.tg;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.atoll.persistence.job.JobMasterEvent;
import io.atoll.protocol.connector.SourceSplit;
import io.atoll.protocol.event.EventType;
import io.atoll.protocol.execution.JobMasterProtocol;
import io.atoll.protocol.execution.TaskGroupId;
import io.atoll.protocol.execution.TaskSnapshot;
import io.atoll.protocol.job.JobStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A pipeline's checkpoints, decided without actors. */
class CheckpointCoordinatorTest {
  private static final TaskSnapshot UNASSIGNED =
      new TaskSnapshot(List.of(new SourceSplit("s-9", Map.of("start", "0"))), List.of(), false);
  private static final TaskSnapshot READ_AT_3 =
      new TaskSnapshot(List.of(new SourceSplit("s-0", Map.of("start", "3"))), List.of(List.of("staged")), false);

  private static Decision tick(JobFixture f) {
    return f.run(s -> f.job.onCheckpointTick(s, new JobMasterInternal.CheckpointTick(1, f.pipeline().attempt()), f.now));
  }

  @Test
  void aRunningPipelineSchedulesCheckpointsAndATickTriggersOneAtTheEnumerator() {
    JobFixture f = new JobFixture();
    f.start(JobFixture.job(1));
    f.allocate(JobFixture.slot(JobFixture.A, 0), JobFixture.slot(JobFixture.B, 0));
    f.report(tg(1, 0), JobStatus.RUNNING);
    Decision running = f.report(tg(1, 1), JobStatus.RUNNING);
    assertTrue(JobFixture.startsTimer(running, "checkpoint-1"), "checkpoints start when the pipeline runs");

    Decision d = tick(f);
    assertEquals(List.of(new JobMasterEvent.CheckpointTriggered(1, 1, 1)), d.events());
    JobMasterEffect.TriggerCheckpoint trigger = d.effects(JobMasterEffect.TriggerCheckpoint.class).get(0);
    assertEquals(tg(1, 0), trigger.enumerator());
    assertEquals(JobFixture.A, trigger.slot().worker());
    assertTrue(JobFixture.startsTimer(d, "checkpoint-timeout-1"));
    assertTrue(JobFixture.startsTimer(d, "checkpoint-1"), "the next tick is armed");
  }

  @Test
  void everyAcknowledgementCompletesTheCheckpointThenReadersCommitOnce() {
    JobFixture f = new JobFixture().running(2);
    tick(f);
    assertTrue(f.ack(tg(1, 0), 1, UNASSIGNED).events().isEmpty());
    assertTrue(f.ack(tg(1, 1), 1, READ_AT_3).events().isEmpty(), "reader 2 has not answered");
    Decision done = f.ack(tg(1, 2), 1, READ_AT_3);
    JobMasterEvent.CheckpointCompleted completed = done.events(JobMasterEvent.CheckpointCompleted.class).get(0);
    assertEquals(1, completed.checkpoint().checkpointId());
    assertEquals(UNASSIGNED, completed.checkpoint().enumerator());
    assertEquals(READ_AT_3, completed.checkpoint().restoreOf(2));
    // the commit goes out as an effect: the actor performs it only after CheckpointCompleted is journalled
    assertEquals(List.of(tg(1, 1), tg(1, 2)), done.effects(JobMasterEffect.NotifyCheckpointComplete.class).stream()
        .map(JobMasterEffect.NotifyCheckpointComplete::reader).toList());
    assertTrue(done.effects().stream().anyMatch(e -> e instanceof JobMasterEffect.CancelTimer t
        && t.key().equals("checkpoint-timeout-1")));
    assertEquals(1, f.pipeline().checkpoint().checkpointId());

    assertEquals(Decision.NONE.events(), f.ack(tg(1, 2), 1, READ_AT_3).events(), "a repeated ack commits nothing");
    assertTrue(f.ack(tg(1, 2), 1, READ_AT_3).effects(JobMasterEffect.NotifyCheckpointComplete.class).isEmpty());
  }

  @Test
  void atMostOneCheckpointIsInFlightAndIdsGrow() {
    JobFixture f = new JobFixture().running(1);
    tick(f);
    Decision second = tick(f);
    assertTrue(second.events().isEmpty(), "checkpoint 1 is still in flight");
    assertTrue(second.effects(JobMasterEffect.TriggerCheckpoint.class).isEmpty());
    f.ack(tg(1, 0), 1, UNASSIGNED);
    f.ack(tg(1, 1), 1, READ_AT_3);
    assertEquals(List.of(new JobMasterEvent.CheckpointTriggered(1, 1, 2)), tick(f).events());
  }

  @Test
  void acknowledgementsOfAnotherAttemptOrCheckpointAreIgnored() {
    JobFixture f = new JobFixture().running(1);
    tick(f);
    assertTrue(f.ack(new TaskGroupId(JobFixture.JOB, 1, 0, 1), 1, READ_AT_3).events().isEmpty());
    assertTrue(f.ack(tg(1, 1), 7, READ_AT_3).events().isEmpty());
    f.ack(tg(1, 0), 1, UNASSIGNED);
    assertNull(f.pipeline().checkpoint(), "reader 1 never acknowledged checkpoint 1 itself");
  }

  @Test
  void aTimedOutCheckpointFailsThePipelineWhichRestoresFromTheLastCompletedOne() {
    JobFixture f = new JobFixture().running(1);
    tick(f);
    f.ack(tg(1, 0), 1, UNASSIGNED);
    f.ack(tg(1, 1), 1, READ_AT_3);
    tick(f);
    f.ack(tg(1, 0), 2, UNASSIGNED);
    assertTrue(f.run(s -> f.job.onCheckpointTimedOut(s, new JobMasterInternal.CheckpointTimedOut(1, 1, 1), f.now))
        .events().isEmpty(), "a stale timeout (checkpoint 1 completed) changes nothing");
    Decision timedOut = f.run(s -> f.job.onCheckpointTimedOut(s, new JobMasterInternal.CheckpointTimedOut(1, 1, 2), f.now));
    assertEquals(JobStatus.FAILING, f.pipeline().status());
    assertTrue(f.pipeline().error().contains("checkpoint 2 did not complete") && f.pipeline().error().contains("[1]"),
        f.pipeline().error());
    assertTrue(timedOut.effects(JobMasterEffect.Publish.class).stream()
        .anyMatch(p -> p.event().eventType() == EventType.CHECKPOINT_FAILED));
    assertEquals(List.of(tg(1, 0), tg(1, 1)), JobFixture.cancelled(timedOut));
    assertEquals(1, f.pipeline().retriesUsed() + 1, "a checkpoint timeout is the pipeline's own failure");

    f.report(tg(1, 0), JobStatus.CANCELED);
    f.report(tg(1, 1), JobStatus.CANCELED);
    f.run(s -> f.job.onRestartPipeline(s, new JobMasterInternal.RestartPipeline(1), f.now));
    Decision deploy = f.allocate(JobFixture.slot(JobFixture.A, 0), JobFixture.slot(JobFixture.B, 0));
    assertEquals(UNASSIGNED, deploy.effects(JobMasterEffect.Deploy.class).get(0).descriptor().restore());
    f.report(tg(2, 0), JobStatus.RUNNING);
    f.report(tg(2, 1), JobStatus.RUNNING);
    assertEquals(List.of(new JobMasterEvent.CheckpointTriggered(1, 2, 3)), tick(f).events(),
        "ids grow across attempts: 2 was handed out, so attempt 2 starts at 3");
  }

  @Test
  void aReaderThatReadEverythingTriggersAtOnceAndOneThatEndedAfterItsBarrierGetsOneMore() {
    JobFixture f = new JobFixture().running(2);
    Decision ended = f.run(s -> f.job.onReaderInputEnded(s, new JobMasterProtocol.ReaderInputEnded(tg(1, 1)), f.now));
    assertEquals(List.of(new JobMasterEvent.CheckpointTriggered(1, 1, 1)), ended.events());
    // reader 2 ends after it took its barrier: its snapshot says input had not ended yet
    f.run(s -> f.job.onReaderInputEnded(s, new JobMasterProtocol.ReaderInputEnded(tg(1, 2)), f.now));
    f.ack(tg(1, 0), 1, UNASSIGNED);
    f.ack(tg(1, 1), 1, TaskSnapshot.DONE);
    Decision done = f.ack(tg(1, 2), 1, READ_AT_3);
    assertEquals(List.of(1L, 2L), done.events().stream()
        .map(e -> e instanceof JobMasterEvent.CheckpointCompleted c ? c.checkpoint().checkpointId()
            : ((JobMasterEvent.CheckpointTriggered) e).checkpointId()).toList(),
        "checkpoint 1 completes and checkpoint 2 is triggered at once for reader 2's last rows");
  }

  @Test
  void aFinishedTaskGroupCountsAsAcknowledgedWithItsLastPart() {
    JobFixture f = new JobFixture().running(2);
    tick(f);
    f.ack(tg(1, 0), 1, UNASSIGNED);
    f.ack(tg(1, 1), 1, READ_AT_3);
    Decision finished = f.report(tg(1, 2), JobStatus.FINISHED);
    JobMasterEvent.CheckpointCompleted completed = finished.events(JobMasterEvent.CheckpointCompleted.class).get(0);
    assertEquals(TaskSnapshot.DONE, completed.checkpoint().restoreOf(2), "no earlier checkpoint: nothing left");
    assertFalse(finished.effects(JobMasterEffect.NotifyCheckpointComplete.class).stream()
        .anyMatch(n -> n.reader().equals(tg(1, 2))), "a finished reader is not told to commit");
  }

  @Test
  void noCheckpointStartsOnceTheEnumeratorHasFinished() {
    JobFixture f = new JobFixture().running(1);
    f.report(tg(1, 0), JobStatus.FINISHED);
    assertTrue(tick(f).effects(JobMasterEffect.TriggerCheckpoint.class).isEmpty());
  }
}
