package io.atoll.runtime.logging;

import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;

/**
 * Per-job log files: what works for a job logs with the job's id in the MDC under {@link #MDC_KEY},
 * so a logback SiftingAppender keyed on it (the distribution's conf/logback.xml) writes those lines
 * to {@code job-<jobId>.log} as well. The task groups run with it set ({@link #around}: Akka's
 * {@code Behaviors.withMdc} on the actor's thread while it handles a message of its protocol,
 * connector code included); the JobMaster, event-sourced, sets it with {@link #call} and
 * {@link #run} around each command and what it does after persisting. Threads a connector starts
 * itself do not inherit it.
 *
 * <p>When a job's work on a node is over (its JobMaster stops, its last task group and slot on a
 * worker are gone), {@link #ended} logs one line carrying logback's end-of-session marker: the
 * SiftingAppender then closes that job's file after lingering 10 s for late lines (at its next
 * append, or {@link JobLogSweeper}'s next sweep), so a node keeps no file open per finished job. The line goes through the logger
 * {@link #END_LOGGER}, which conf/logback.xml keeps at INFO whatever the root level, so the marker
 * arrives even when the node logs warnings only.
 */
public final class JobLogs {
  /** The MDC key, and the SiftingAppender's discriminator key. */
  public static final String MDC_KEY = "jobId";
  /** Logback's {@code ClassicConstants.FINALIZE_SESSION_MARKER}, by name (markers compare by name). */
  public static final Marker END_OF_JOB = MarkerFactory.getMarker("FINALIZE_SESSION");
  public static final String END_LOGGER = "io.atoll.runtime.logging.JobLogs";
  private static final Logger LOG = LoggerFactory.getLogger(END_LOGGER);

  private JobLogs() {}

  /**
   * {@code behavior} with the job's id in the MDC while it handles a message of its protocol
   * {@code protocol} (Akka's {@code Behaviors.withMdc}). Not for an event-sourced actor: it handles
   * stashed commands and runs its {@code thenRun} callbacks on the journal's replies, which are not
   * of its protocol, so it sets the MDC itself with {@link #call} and {@link #run}.
   */
  public static <T> Behavior<T> around(long jobId, Class<T> protocol, Behavior<T> behavior) {
    return Behaviors.withMdc(protocol, Map.of(MDC_KEY, Long.toString(jobId)), behavior);
  }

  /** Runs {@code work} with the job's id in the MDC, then puts back what was there. */
  public static void run(long jobId, Runnable work) {
    call(jobId, () -> {
      work.run();
      return null;
    });
  }

  /** As {@link #run}, for work with a result. */
  public static <R> R call(long jobId, java.util.function.Supplier<R> work) {
    String previous = MDC.get(MDC_KEY);
    MDC.put(MDC_KEY, Long.toString(jobId));
    try {
      return work.get();
    } finally {
      if (previous == null) {
        MDC.remove(MDC_KEY);
      } else {
        MDC.put(MDC_KEY, previous);
      }
    }
  }

  /**
   * Marks the end of the job's work on this node: its per-job log file is closed.
   *
   * @param why e.g. "its job master stopped"
   */
  public static void ended(long jobId, String why) {
    run(jobId, () -> LOG.info(END_OF_JOB, "job {}: {}; this node closes its job-{}.log", jobId, why, jobId));
  }
}
