package io.atoll.runtime.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.sift.SiftingAppender;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.Set;
import org.slf4j.LoggerFactory;

/**
 * Closes the per-job files whose time is up without waiting for a line to be logged. Logback's
 * SiftingAppender only looks for ended (lingering past 10 s) and idle (past its timeout) per-job
 * appenders when it appends; on a quiet node an ended job's file would stay open until the next
 * line. {@link NodeLogs} calls this every few seconds.
 */
public final class JobLogSweeper {
  private JobLogSweeper() {}

  /**
   * Closes, in every SiftingAppender of the logging configuration, the per-job appenders that are
   * stale at {@code now} (epoch ms).
   *
   * @return how many SiftingAppenders were looked at
   */
  public static int sweep(long now) {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return 0;
    }
    Set<SiftingAppender> seen = Collections.newSetFromMap(new IdentityHashMap<>()); // one may hang on several loggers
    for (Logger logger : context.getLoggerList()) {
      for (Iterator<Appender<ILoggingEvent>> it = logger.iteratorForAppenders(); it.hasNext(); ) {
        if (it.next() instanceof SiftingAppender sifting && sifting.isStarted() && seen.add(sifting)) {
          // the appender's own lock: its doAppend holds it while it uses the tracker
          synchronized (sifting) {
            sifting.getAppenderTracker().removeStaleComponents(now);
          }
        }
      }
    }
    return seen.size();
  }
}
