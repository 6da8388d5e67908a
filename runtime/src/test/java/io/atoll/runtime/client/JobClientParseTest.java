package io.atoll.runtime.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import io.atoll.protocol.job.JobCoordinatorProtocol;
import io.atoll.protocol.job.JobDefinition;
import io.atoll.runtime.config.ClientSettings;
import io.atoll.runtime.connector.PluginRegistry;
import io.atoll.runtime.job.config.JobValidationException;
import io.atoll.runtime.job.config.ParsedJob;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The actor API's string form treats a job text as untrusted, as the REST API does. */
class JobClientParseTest {
  private static final ActorTestKit testKit = ActorTestKit.create("JobClientParseTest");
  private static final JobClient CLIENT = new JobClient(testKit.system(),
      testKit.createTestProbe(JobCoordinatorProtocol.class).ref(), PluginRegistry.fromClasspath(),
      new ClientSettings(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofMillis(100), Duration.ofSeconds(5)));
  private static final String PLUGINS = "source { TestSource { plugin_output = t, schema.fields.id = int } }\n"
      + "sink { TestSink {} }\n";

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  @Test
  void includesAreRefusedWithTheirLine() {
    JobValidationException e = assertThrows(JobValidationException.class,
        () -> CLIENT.parse("env {\n  include file(\"/etc/hostname\")\n}\n" + PLUGINS, Map.of()));

    assertEquals(2, e.problems().get(0).line());
    assertEquals("include", e.problems().get(0).where());
  }

  @Test
  void readGivesTheWarningsAndStrictRefusesThem() throws Exception {
    String text = "env { job.mode = BATCH }\nsource { TestSource { plugin_output = t, rwos = 2, schema.fields.id = int } }\n"
        + "sink { TestSink {} }\n";

    ParsedJob parsed = CLIENT.read(text, Map.of(), false);
    assertEquals("api:2: source[0] TestSource option 'rwos': unknown option (did you mean 'rows'?)",
        parsed.warnings().get(0).toString());
    JobValidationException e = assertThrows(JobValidationException.class, () -> CLIENT.read(text, Map.of(), true));
    assertEquals(2, e.problems().get(0).line());
  }

  @Test
  void variablesComeFromTheCallerOnly() throws Exception {
    JobDefinition job = CLIENT.parse("env { job.name = ${name} }\n" + PLUGINS, Map.of("name", "given"));
    assertEquals("given", job.jobName());

    JobDefinition unfilled = CLIENT.parse("env { job.name = ${HOME} }\n" + PLUGINS, Map.of());
    assertEquals("${HOME}", unfilled.jobName(), "kept as written, never this process's HOME");
  }
}
