package io.atoll.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.atoll.protocol.job.JobMetrics;
import io.atoll.protocol.job.JobStatus;
import io.atoll.protocol.job.JobSummary;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The progress line of {@code run} and {@code submit}: its last frame is the job's end, with the final counts. */
class ProgressTest {
  private static final long T0 = 1_700_000_000_000L;
  private final StringWriter text = new StringWriter();
  private final AtomicLong now = new AtomicLong(T0);

  @Test
  void onATerminalTheLastFrameShowsTheFinalCountsNotThoseOfTheLastPoll() {
    Progress progress = new Progress(true, new PrintWriter(text), now::get);
    now.set(T0 + 1000);
    progress.update(job(JobStatus.RUNNING, 40, 30, 0));
    now.set(T0 + 2000);
    progress.update(job(JobStatus.RUNNING, 90, 70, 0));
    now.set(T0 + 2500);
    progress.done(job(JobStatus.FINISHED, 100, 100, T0 + 2000)); // ended after the last poll

    String[] frames = text.toString().split("\r");
    String last = frames[frames.length - 1];
    assertTrue(last.startsWith("FINISHED  read 100 rows (50/s)  written 100 rows (50/s)"), last);
    assertTrue(last.endsWith(System.lineSeparator()), "the cursor leaves the progress line: " + last);
  }

  @Test
  void plainOutputEndsWithTheFinalCountsWhenItShowedOthers() {
    Progress progress = new Progress(false, new PrintWriter(text), now::get);
    now.set(T0 + 1000);
    progress.update(job(JobStatus.RUNNING, 4, 3, 0));
    now.set(T0 + 2000);
    progress.update(job(JobStatus.RUNNING, 9, 7, 0)); // within 5 s: not printed
    progress.done(job(JobStatus.CANCELED, 12, 12, T0 + 3000));

    assertEquals(List.of(
        "RUNNING  read 4 rows (4/s)  written 3 rows (3/s)",
        "CANCELED  read 12 rows (4/s)  written 12 rows (4/s)"), text.toString().lines().toList());
  }

  @Test
  void plainOutputDoesNotRepeatAnEndItAlreadyShowedNorStartOneAtTheEnd() {
    Progress shown = new Progress(false, new PrintWriter(text), now::get);
    now.set(T0 + 1000);
    shown.update(job(JobStatus.FINISHED, 5, 5, T0 + 1000)); // submit's watcher passes the end to update too
    shown.done(job(JobStatus.FINISHED, 5, 5, T0 + 1000));
    assertEquals(1, text.toString().lines().count(), text.toString());

    StringWriter quiet = new StringWriter();
    new Progress(false, new PrintWriter(quiet), now::get).done(job(JobStatus.FINISHED, 16, 16, T0 + 900));
    assertEquals("", quiet.toString(), "a job that ended before its first progress line gets only its statistics");
  }

  @Test
  void pausedForAQuestionItEndsTheFrameLineShowsNoMoreFramesButStillTheEnd() {
    Progress progress = new Progress(true, new PrintWriter(text), now::get);
    now.set(T0 + 1000);
    progress.update(job(JobStatus.RUNNING, 4, 3, 0));
    progress.pause(); // Ctrl-C: "cancel job 7 on the cluster? [y/N]" goes on a line of its own
    String paused = text.toString();
    assertTrue(paused.endsWith(System.lineSeparator()), paused);
    now.set(T0 + 2000);
    progress.update(job(JobStatus.RUNNING, 9, 7, 0));
    assertEquals(paused, text.toString(), "no frame over the question");
    progress.done(job(JobStatus.CANCELED, 9, 7, T0 + 3000));
    assertTrue(text.toString().substring(paused.length()).startsWith("\rCANCELED  read 9 rows"), text.toString());
  }

  private static JobSummary job(JobStatus status, long read, long written, long finishTime) {
    return new JobSummary(7, "orders", status, T0, finishTime, null, new JobMetrics(read, read * 10, written, written * 10), null);
  }
}
