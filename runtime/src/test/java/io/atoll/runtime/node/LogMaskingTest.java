package io.atoll.runtime.node;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The nodes' log pattern (runtime's {@code logback.xml}) masks a password in a URL, in the message
 * and in an exception's stack trace, which it still prints once.
 */
class LogMaskingTest {
  @Test
  void aUrlPasswordIsMaskedInTheMessageAndTheStackTrace() throws Exception {
    String xml;
    try (InputStream in = LogMaskingTest.class.getResourceAsStream("/logback.xml")) {
      xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Matcher pattern = Pattern.compile("<pattern>(.*)</pattern>").matcher(xml);
    assertTrue(pattern.find(), xml);
    LoggerContext context = new LoggerContext();
    PatternLayout layout = new PatternLayout();
    layout.setContext(context);
    layout.setPattern(pattern.group(1).replace("&amp;", "&"));
    layout.start();
    LoggingEvent event = new LoggingEvent("test", context.getLogger("io.atoll.test"), Level.ERROR,
        "task group failed: cannot connect to jdbc:postgresql://db/x?user=u&password=Hunter2x",
        new IllegalStateException("refused: mysql://u:Hunter2y@db/x"), null);
    String line = layout.doLayout(event);
    assertFalse(line.contains("Hunter2"), line);
    assertTrue(line.contains("jdbc:postgresql://db/x?user=u&password=******"), line);
    assertTrue(line.contains("java.lang.IllegalStateException: refused: mysql://u:******@db/x"), line);
    assertTrue(line.contains("\tat io.atoll.runtime.node.LogMaskingTest"), "the stack trace is kept: " + line);
    assertFalse(line.indexOf("IllegalStateException") != line.lastIndexOf("IllegalStateException"),
        "printed once: " + line);
  }
}
