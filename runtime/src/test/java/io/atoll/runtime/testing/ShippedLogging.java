package io.atoll.runtime.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.sift.SiftingAppender;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.joran.spi.JoranException;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * The distribution's conf/logback.xml, as bin/atoll starts a node with it, writing into a test's
 * directory; {@link #close} puts the test configuration (logback-test.xml) back.
 */
public final class ShippedLogging implements AutoCloseable {
  public static final Path CONFIG = Path.of("..", "deploy", "conf", "logback.xml");
  private final LoggerContext context;

  private ShippedLogging(LoggerContext context) {
    this.context = context;
  }

  /** Configures logging with the shipped file, {@code ATOLL_LOG_DIR=dir} and {@code ATOLL_NODE_NAME=name}. */
  public static ShippedLogging configure(Path dir, String name) throws JoranException {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();
    context.putProperty("ATOLL_LOG_DIR", dir.toString());
    context.putProperty("ATOLL_NODE_NAME", name);
    context.putProperty("ATOLL_LOG_LEVEL", "INFO");
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    configurator.doConfigure(CONFIG.toFile());
    return new ShippedLogging(context);
  }

  /** The per-job SiftingAppender. */
  public SiftingAppender jobAppender() {
    return (SiftingAppender) context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("JOB");
  }

  @Override
  public void close() throws JoranException {
    context.reset();
    new ContextInitializer(context).autoConfig();
  }
}
