package io.atoll.runtime.testing;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

/** Config every runtime test starts from: messages are serialized even locally, Java serialization off. */
public final class TestConfigs {
  private TestConfigs() {}

  public static Config base() {
    return ConfigFactory.parseString(
        """
        akka.actor.serialize-messages = on
        akka.actor.allow-java-serialization = off
        akka.loggers = ["akka.event.slf4j.Slf4jLogger"]
        akka.logging-filter = "akka.event.slf4j.Slf4jLoggingFilter"
        """);
  }
}
