package io.atoll.runtime.master.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.atoll.protocol.job.JobCoordinatorProtocol.CancelReply;
import io.atoll.protocol.job.JobCoordinatorProtocol.SubmitJob;
import io.atoll.protocol.job.JobCoordinatorProtocol.SubmitReply;
import io.atoll.protocol.job.JobDefinition;
import io.atoll.protocol.job.JobMetrics;
import io.atoll.protocol.job.JobStatus;
import io.atoll.protocol.job.JobSummary;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The coordinator's savepoint rules, from its job table alone. */
class SavepointRulesTest {
  private static final JobDefinition JOB = JobFixture.job(2);

  private static JobSummary summary(JobStatus status, String error) {
    return new JobSummary(5, "j", status, 1, status.isTerminal() ? 2 : 0, error, JobMetrics.ZERO, JOB);
  }

  private static SubmitJob submit(JobDefinition job, long id, boolean fromSavepoint) {
    return new SubmitJob(job, id, fromSavepoint, new JobFixture.Ref<SubmitReply>("client"));
  }

  private static String refusal(Optional<String> o) {
    assertTrue(o.isPresent(), "refused");
    return o.get();
  }

  @Test
  void onlyARunningJobCanBeStoppedWithASavepoint() {
    assertTrue(SavepointRules.stopRefusal(5, summary(JobStatus.RUNNING, null)).isEmpty());
    assertTrue(refusal(SavepointRules.stopRefusal(5, null)).contains("no job 5"));
    assertTrue(refusal(SavepointRules.stopRefusal(5, summary(JobStatus.FINISHED, null))).contains("already ended: FINISHED"));
    assertTrue(refusal(SavepointRules.stopRefusal(5, summary(JobStatus.PENDING, null))).contains("only a RUNNING job"));
    assertTrue(refusal(SavepointRules.stopRefusal(5, summary(JobStatus.DOING_SAVEPOINT, null))).contains("already under way"));
  }

  @Test
  void aRestoreNeedsAJobIdThatEndedWithASavepointAndTheSameShape() {
    assertTrue(SavepointRules.submitRefusal(5, summary(JobStatus.SAVEPOINT_DONE, null), submit(JOB, 5, true)).isEmpty());
    assertTrue(refusal(SavepointRules.submitRefusal(0, null, submit(JOB, 0, true))).contains("needs the jobId"));
    assertTrue(refusal(SavepointRules.submitRefusal(5, null, submit(JOB, 5, true))).contains("no savepoint for job 5"));
    String canceled = refusal(SavepointRules.submitRefusal(5, summary(JobStatus.CANCELED, null), submit(JOB, 5, true)));
    assertTrue(canceled.contains("it ended CANCELED"), canceled);
    String running = refusal(SavepointRules.submitRefusal(5, summary(JobStatus.RUNNING, null),
        submit(JobFixture.job(1), 5, true)));
    assertTrue(running.contains("is RUNNING"), running);
    assertTrue(SavepointRules.submitRefusal(5, summary(JobStatus.RUNNING, null), submit(JOB, 5, true)).isEmpty(),
        "a re-sent restore already under way is left to the usual rule (accepted again)");
    String shape = refusal(SavepointRules.submitRefusal(5, summary(JobStatus.SAVEPOINT_DONE, null),
        submit(JobFixture.job(3), 5, true)));
    assertTrue(shape.contains("parallelism 2") && shape.contains("now has 3"), shape);
  }

  @Test
  void aPlainSubmitWithTheIdOfASavedJobIsToldHowToRestoreIt() {
    String plain = refusal(SavepointRules.submitRefusal(5, summary(JobStatus.SAVEPOINT_DONE, null), submit(JOB, 5, false)));
    assertTrue(plain.contains("isStartWithSavePoint=true"), plain);
    assertTrue(SavepointRules.submitRefusal(0, null, submit(JOB, 0, false)).isEmpty());
    assertTrue(SavepointRules.submitRefusal(5, summary(JobStatus.FINISHED, null), submit(JOB, 5, false)).isEmpty(),
        "other rules decide (a re-sent submit, or an id in use)");
  }

  @Test
  void theOutcomeSaysWhetherTheSavepointCompleted() {
    CancelReply done = SavepointRules.outcome(summary(JobStatus.SAVEPOINT_DONE, null));
    assertTrue(done.accepted());
    CancelReply failed = SavepointRules.outcome(summary(JobStatus.RUNNING, "the savepoint of job 5 failed: x"));
    assertFalse(failed.accepted());
    assertEquals("the savepoint of job 5 failed: x", failed.message());
    CancelReply ended = SavepointRules.outcome(summary(JobStatus.FAILED, "boom"));
    assertFalse(ended.accepted());
    assertTrue(ended.message().contains("ended FAILED before its savepoint completed: boom"), ended.message());
    CancelReply cancelling = SavepointRules.outcome(summary(JobStatus.CANCELING, "cancelled by request"));
    assertFalse(cancelling.accepted());
    assertEquals("job 5 is CANCELING before its savepoint completed: cancelled by request", cancelling.message());
  }
}
