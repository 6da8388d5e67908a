package io.atoll.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.atoll.protocol.job.JobMetrics;
import io.atoll.protocol.job.JobStatus;
import io.atoll.protocol.job.JobSummary;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/**
 * A local run's end is shown once, whether the main thread or the Ctrl-C hook gets there first;
 * the process-level behaviour is in {@link RunCommandSignalTest}.
 */
class LocalJobEndTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private final LocalJobEnd end =
      new LocalJobEnd(new Progress(false, new PrintWriter(out)), new PrintWriter(out), new PrintWriter(err));

  @Test
  void theEndIsShownOnceAndTheSecondCallerOnlyGetsTheExitCode() {
    JobSummary canceled = new JobSummary(4, "slow", JobStatus.CANCELED, 1_000, 3_000,
        "cancelled by request", new JobMetrics(7, 70, 7, 70), null);
    assertEquals(1, end.show(canceled)); // the Ctrl-C hook
    assertEquals(1, end.show(canceled)); // the main thread, whose wait ended with the cancel

    assertEquals(1, out.toString().split("Job Statistic Information", -1).length - 1, out.toString());
    assertTrue(out.toString().contains("Job Status                : CANCELED"), out.toString());
    assertEquals("atoll: job 4 CANCELED: cancelled by request", err.toString().strip());
  }

  @Test
  void anInterruptBeforeTheSubmitSaysSoAndCancelsNothing() {
    end.onInterrupt();
    assertEquals("", out.toString());
    assertTrue(err.toString().startsWith("atoll: interrupted before the job was submitted"), err.toString());
  }

  @Test
  void aFinishedJobExits0WithoutAReasonLine() {
    assertEquals(0, end.show(new JobSummary(5, "quick", JobStatus.FINISHED, 1_000, 2_000, null, JobMetrics.ZERO, null)));
    assertEquals("", err.toString());
  }
}
