package io.atoll.runtime.cli;

import io.atoll.protocol.job.JobSummary;
import java.io.PrintWriter;
import java.util.function.LongSupplier;

/**
 * Live progress of a running job: rows read and written with their rates since the last update.
 * On a terminal one line is rewritten in place; otherwise a plain line is printed every few
 * seconds, so logs stay readable.
 *
 * <p>The last frame is the job's end: the counts of the final summary (a poll's counts can be up
 * to a poll older than the end), with the whole run's average rates.
 */
final class Progress {
  private static final long PLAIN_EVERY_MILLIS = 5_000;

  private final boolean terminal;
  private final PrintWriter out;
  private final LongSupplier clock;
  private long lastRead;
  private long lastWritten;
  private long lastTime;
  private long lastPlain;
  /** The status and counts of the last plain line printed; null before the first. */
  private String lastPlainCounts;
  /** Whether a terminal frame is showing, its line not yet ended. */
  private boolean lineOpen;
  /** No more live frames (a question is being asked on the terminal); the final frame still shows. */
  private boolean paused;

  Progress(boolean terminal, PrintWriter out) {
    this(terminal, out, System::currentTimeMillis);
  }

  Progress(boolean terminal, PrintWriter out, LongSupplier clock) {
    this.terminal = terminal;
    this.out = out;
    this.clock = clock;
    this.lastTime = clock.getAsLong();
  }

  synchronized void update(JobSummary job) {
    if (paused) {
      return;
    }
    long now = clock.getAsLong();
    double seconds = Math.max(0.001, (now - lastTime) / 1000.0);
    long read = job.metrics().rowsRead();
    long written = job.metrics().rowsWritten();
    String line = line(job, (read - lastRead) / seconds, (written - lastWritten) / seconds);
    if (terminal) {
      out.print("\r" + line + "   ");
      out.flush();
      lineOpen = true;
    } else if (now - lastPlain >= PLAIN_EVERY_MILLIS) {
      printPlain(job, line);
      lastPlain = now;
    }
    lastRead = read;
    lastWritten = written;
    lastTime = now;
  }

  /**
   * The final frame, from the job's final summary. Plain output repeats it only when a progress
   * line was printed before and showed other counts: a short job's log keeps just its statistics.
   */
  synchronized void done(JobSummary job) {
    long end = job.finishTime() > 0 ? job.finishTime() : clock.getAsLong();
    double seconds = Math.max(0.001, (end - job.createTime()) / 1000.0);
    String line = line(job, job.metrics().rowsRead() / seconds, job.metrics().rowsWritten() / seconds);
    if (terminal) {
      out.println("\r" + line + "   ");
      lineOpen = false;
    } else if (lastPlainCounts != null && !lastPlainCounts.equals(counts(job))) {
      printPlain(job, line);
    }
    out.flush();
  }

  /** Ends a terminal frame's line, so that a message (e.g. on Ctrl-C) starts on a line of its own. */
  private void breakLine() {
    if (lineOpen) {
      out.println();
      out.flush();
      lineOpen = false;
    }
  }

  /** Stops the live frames, ending the current one's line: the terminal is needed for a question. */
  synchronized void pause() {
    paused = true;
    breakLine();
  }

  private void printPlain(JobSummary job, String line) {
    out.println(line);
    out.flush();
    lastPlainCounts = counts(job);
  }

  private static String line(JobSummary job, double readRate, double writeRate) {
    return String.format("%s  read %,d rows (%,.0f/s)  written %,d rows (%,.0f/s)",
        job.status(), job.metrics().rowsRead(), readRate, job.metrics().rowsWritten(), writeRate);
  }

  private static String counts(JobSummary job) {
    return job.status() + " " + job.metrics().rowsRead() + " " + job.metrics().rowsWritten();
  }
}
