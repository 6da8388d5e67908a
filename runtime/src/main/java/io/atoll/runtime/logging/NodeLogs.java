package io.atoll.runtime.logging;

import akka.actor.typed.Behavior;
import akka.actor.typed.SupervisorStrategy;
import akka.actor.typed.javadsl.Behaviors;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.FileAppender;
import com.typesafe.config.Config;
import io.atoll.protocol.node.NodeMonitorProtocol.ListLogFiles;
import io.atoll.protocol.node.NodeMonitorProtocol.LogRequest;
import io.atoll.protocol.node.NodeMonitorProtocol.ReadLogFile;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * Reads this node's log files for the REST API ({@code GET /logs}, {@code /log}): the NodeMonitor
 * hands it the requests, and it runs on the blocking dispatcher because it lists and reads files.
 * It keeps nothing open between requests ({@link LogFiles}); a failure to list the directory
 * restarts it (the request then times out and the node is reported as not answering).
 */
public final class NodeLogs {
  public static final String NAME = "log-files";

  private NodeLogs() {}

  public static Behavior<LogRequest> create(LogFiles files) {
    return Behaviors.supervise(Behaviors.receive(LogRequest.class)
            .onMessage(ListLogFiles.class, list -> {
              list.replyTo().tell(files.list());
              return Behaviors.same();
            })
            .onMessage(ReadLogFile.class, read -> {
              read.replyTo().tell(files.read(read.name(), read.offset(), read.maxBytes()));
              return Behaviors.same();
            })
            .build())
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
