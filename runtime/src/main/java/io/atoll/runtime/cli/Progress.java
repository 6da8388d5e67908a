package io.atoll.runtime.cli;

import io.atoll.protocol.job.JobSummary;
import java.io.PrintWriter;

/**
 * Live progress of a running job: rows read and written with their rates since the last update.
 * On a terminal one line is rewritten in place; otherwise a plain line is printed every few
 * seconds, so logs stay readable.
 */
final class Progress {
  private static final long PLAIN_EVERY_MILLIS = 5_000;

  private final boolean terminal;
  private final PrintWriter out;
  private long lastRead;
  private long lastWritten;
  private long lastTime = System.currentTimeMillis();
  private long lastPlain;

  Progress(boolean terminal, PrintWriter out) {
    this.terminal = terminal;
    this.out = out;
  }

  void update(JobSummary job) {
    long now = System.currentTimeMillis();
    double seconds = Math.max(0.001, (now - lastTime) / 1000.0);
    long read = job.metrics().rowsRead();
    long written = job.metrics().rowsWritten();
    String line = String.format("%s  read %,d rows (%,.0f/s)  written %,d rows (%,.0f/s)",
        job.status(), read, (read - lastRead) / seconds, written, (written - lastWritten) / seconds);
    if (terminal) {
      out.print("\r" + line + "   ");
      out.flush();
    } else if (now - lastPlain >= PLAIN_EVERY_MILLIS) {
      out.println(line);
      out.flush();
      lastPlain = now;
    }
    lastRead = read;
    lastWritten = written;
    lastTime = now;
  }

  void done(JobSummary job) {
    if (terminal) {
      out.println();
    }
    out.flush();
  }
}
