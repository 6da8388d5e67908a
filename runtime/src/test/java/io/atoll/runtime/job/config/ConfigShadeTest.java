package io.atoll.runtime.job.config;

import static io.atoll.runtime.job.config.JobFiles.at;
import static io.atoll.runtime.job.config.JobFiles.parse;
import static io.atoll.runtime.job.config.JobFiles.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.atoll.protocol.connector.PluginKind;
import io.atoll.protocol.job.JobDefinition;
import io.atoll.protocol.job.OptionValue;
import io.atoll.protocol.job.PluginDefinition;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigShadeTest {

  private static String b64(String plain) {
    return Base64.getEncoder().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }

  private static String option(JobDefinition job, PluginKind kind, String key) {
    PluginDefinition plugin = job.plugins().stream().filter(p -> p.kind() == kind).findFirst().orElseThrow();
    return ((OptionValue.Text) plugin.options().get(key).orElseThrow()).value();
  }

  @Test
  void aBase64JobHasItsSensitiveOptionsDecodedWhenItIsReadAndTheRestAsWritten() throws Exception {
    JobDefinition job = parse("env {\n  shade.identifier = base64\n  shade.options = [\"name\"]\n}\n"
        + "source { " + JobFiles.source("t") + " }\n"
        + "sink { TestSink { plugin_input = t, password = \"" + b64("s3cret pass") + "\", user = \""
        + b64("not-shaded") + "\", name = \"" + b64("extra") + "\" } }\n");

    assertEquals("s3cret pass", option(job, PluginKind.SINK, "password"), "a default sensitive option");
    assertEquals("extra", option(job, PluginKind.SINK, "name"), "an option named in shade.options");
    assertEquals(b64("not-shaded"), option(job, PluginKind.SINK, "user"), "user is no SeaTunnel shade option");
    assertTrue(job.env().keySet().stream().noneMatch(k -> k.startsWith("shade.")), () -> "env " + job.env());
  }

  @Test
  void theTypedFormSentOnIsNotDecodedASecondTime() throws Exception {
    JobDefinition job = parse("env { shade.identifier = base64 }\nsource { " + JobFiles.source("t") + " }\n"
        + "sink { TestSink { plugin_input = t, password = \"" + b64(b64("twice")) + "\" } }\n");

    JobDefinition sent = JobFileParser.readSent(TypedJobJson.write(job, false), "rest", JobFiles.REGISTRY).job();

    assertEquals(b64("twice"), option(job, PluginKind.SINK, "password"));
    assertEquals(b64("twice"), option(sent, PluginKind.SINK, "password"));
  }

  @Test
  void withoutAShadeTheOptionsAreAsWritten() throws Exception {
    JobDefinition job = parse("source { " + JobFiles.source("t") + " }\n"
        + "sink { TestSink { plugin_input = t, password = \"" + b64("plain") + "\" } }\n");

    assertEquals(b64("plain"), option(job, PluginKind.SINK, "password"));
  }

  @Test
  void aValueThatIsNoBase64IsAProblemAtItsLine() {
    List<Problem> problems = problems("env { shade.identifier = base64 }\nsource { " + JobFiles.source("t") + " }\n"
        + "sink {\n  TestSink {\n    plugin_input = t\n    password = \"not base64!\"\n  }\n}\n");

    Problem p = at(problems, "sink[0] TestSink option 'password'");
    assertEquals(6, p.line());
    assertTrue(p.message().startsWith("is not base64"), p.message());
    assertFalse(p.message().contains("not base64!\""), "the value is not echoed: " + p.message());
  }

  @Test
  void anUnknownShadeIsRefusedNamingTheEnvOption() {
    List<Problem> problems = problems("env {\n  shade.identifier = aes256\n}\nsource { " + JobFiles.source("t")
        + " }\nsink { TestSink { plugin_input = t } }\n");

    Problem p = at(problems, "env option 'shade.identifier'");
    assertEquals(2, p.line());
    assertTrue(p.message().contains("'aes256' is not a shade Atoll knows"), p.message());
  }
}
