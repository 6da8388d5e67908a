package io.atoll.runtime.logging;

import akka.actor.NoSerializationVerificationNeeded;
import akka.actor.typed.Behavior;
import akka.actor.typed.SupervisorStrategy;
import akka.actor.typed.javadsl.Behaviors;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.FileAppender;
import com.typesafe.config.Config;
import io.atoll.protocol.node.NodeMonitorProtocol.ListLogFiles;
import io.atoll.protocol.node.NodeMonitorProtocol.ReadLogFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * Reads this node's log files for the REST API ({@code GET /logs}, {@code /log}): the NodeMonitor
 * hands it the requests, and it runs on the blocking dispatcher because it lists and reads files.
 * It keeps nothing open between requests ({@link LogFiles}); a failure to list the directory
 * restarts it (the request then times out and the node is reported as not answering). Every
 * {@link #SWEEP_INTERVAL} it closes the per-job log files whose job ended ({@link JobLogSweeper}).
 */
public final class NodeLogs {
  public static final String NAME = "log-files";

  private NodeLogs() {}

  /** How often ended jobs' files are closed ({@link JobLogSweeper}). */
  static final Duration SWEEP_INTERVAL = Duration.ofSeconds(5);

  /** What this actor handles: the NodeMonitor's requests, and its own sweep timer; never sent over the wire. */
  public sealed interface Command extends NoSerializationVerificationNeeded {}

  /** The NodeMonitor's {@link ListLogFiles}, handed on. */
  public record ListFiles(ListLogFiles request) implements Command {}

  /** The NodeMonitor's {@link ReadLogFile}, handed on. */
  public record ReadFile(ReadLogFile request) implements Command {}

  private enum Sweep implements Command {
    INSTANCE
  }

  public static Behavior<Command> create(LogFiles files) {
    return Behaviors.supervise(Behaviors.<Command>withTimers(timers -> {
          timers.startTimerWithFixedDelay(Sweep.INSTANCE, SWEEP_INTERVAL);
          return Behaviors.receive(Command.class)
              .onMessage(ListFiles.class, list -> {
                list.request().replyTo().tell(files.list());
                return Behaviors.same();
              })
              .onMessage(ReadFile.class, read -> {
                ReadLogFile r = read.request();
                r.replyTo().tell(files.read(r.name(), r.offset(), r.maxBytes()));
                return Behaviors.same();
              })
              .onMessage(Sweep.class, sweep -> {
                JobLogSweeper.sweep(System.currentTimeMillis());
                return Behaviors.same();
              })
              .build();
        }))
        .onFailure(SupervisorStrategy.restart());
  }

  /**
   * The node's log directory: {@code atoll.log-dir} when set, else the directory logback's first
   * file appender writes to (conf/logback.xml: {@code ATOLL_LOG_DIR}), else none (console only).
   */
  public static Optional<Path> directory(Config config) {
    String configured = config.getString("atoll.log-dir");
    if (!configured.isBlank()) {
      return Optional.of(Path.of(configured));
    }
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return Optional.empty();
    }
    for (Logger logger : context.getLoggerList()) {
      for (Iterator<Appender<ch.qos.logback.classic.spi.ILoggingEvent>> it = logger.iteratorForAppenders(); it.hasNext(); ) {
        if (it.next() instanceof FileAppender<?> file && file.getFile() != null) {
          Path parent = Path.of(file.getFile()).toAbsolutePath().getParent();
          if (parent != null) {
            return Optional.of(parent);
          }
        }
      }
    }
    return Optional.empty();
  }
}
