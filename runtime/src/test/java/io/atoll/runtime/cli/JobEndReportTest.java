package io.atoll.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.atoll.protocol.job.JobMetrics;
import io.atoll.protocol.job.JobStatus;
import io.atoll.protocol.job.JobSummary;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class JobEndReportTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private final JobEndReport report =
      new JobEndReport(new Progress(false, new PrintWriter(out), () -> 2_000L), new PrintWriter(out), new PrintWriter(err));

  private static JobSummary ended(JobStatus status, String error) {
    return new JobSummary(42, "orders", status, 1_000, 2_000, error, JobMetrics.ZERO, null);
  }

  @Test
  void aFinishedJobExitsZeroWithNothingOnStderr() {
    assertEquals(0, report.show(ended(JobStatus.FINISHED, null), s -> s));
    assertEquals("", err.toString());
  }

  @Test
  void aJobStoppedWithASavepointExitsZeroAndSaysHowToResumeIt() {
    assertEquals(0, report.show(ended(JobStatus.SAVEPOINT_DONE, null), s -> s));
    assertTrue(out.toString().contains("job 42 stopped with a savepoint; resume it with atoll submit --restore 42 JOBFILE"),
        out.toString());
    assertEquals("", err.toString());
  }

  @Test
  void aCancelledOrFailedJobExitsOneWithItsMaskedReasonOnStderr() {
    assertEquals(1, report.show(ended(JobStatus.FAILED, "password=hunter2 refused"), s -> s.replace("hunter2", "******")));
    assertTrue(err.toString().contains("atoll: job 42 FAILED: password=****** refused"), err.toString());
    assertFalse(err.toString().contains("hunter2"));
    assertEquals(1, JobEndReport.exitCode(JobStatus.CANCELED));
  }

  @Test
  void theEndIsShownOnceEvenWhenTwoThreadsGetThere() {
    report.show(ended(JobStatus.SAVEPOINT_DONE, null), s -> s);
    String first = out.toString();
    assertEquals(0, report.show(ended(JobStatus.SAVEPOINT_DONE, null), s -> s));
    assertEquals(first, out.toString());
  }
}
