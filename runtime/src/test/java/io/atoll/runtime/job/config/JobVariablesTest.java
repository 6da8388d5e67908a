package io.atoll.runtime.job.config;

import static io.atoll.runtime.job.config.JobFiles.REGISTRY;
import static io.atoll.runtime.job.config.JobFiles.at;
import static io.atoll.runtime.job.config.JobFiles.file;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.typesafe.config.Config;
import io.atoll.protocol.connector.PluginKind;
import io.atoll.protocol.job.JobDefinition;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code ${name}} filled from the job's variables, then the environment; quoted and unquoted. */
class JobVariablesTest {
  private static final Map<String, String> ALL = Map.of("job_name", "nightly", "day", "2024-01-02", "rows", "7",
      "missing_quoted", "x", "table", "__source_0");

  private static Config sourceConfig(JobDefinition job) {
    return io.atoll.runtime.job.config.PluginOptions.config(job.plugins(PluginKind.SOURCE).get(0));
  }

  @Test
  void variablesFillUnquotedAndQuotedPlaces() throws Exception {
    JobDefinition job = JobFileParser.parseFile(file("variables.conf"), ALL, REGISTRY);

    assertEquals("nightly", job.jobName());
    Config source = sourceConfig(job);
    assertEquals("/data/2024-01-02/orders", source.getString("label"));
    assertEquals(7, source.getInt("rows"));
    assertEquals(List.of("__source_0"), job.plugins(PluginKind.SINK).get(0).inputTables());
  }

  @Test
  void environmentFillsWhatTheVariablesDoNot() throws Exception {
    String text = Files.readString(file("variables.conf"));
    Map<String, String> env = Map.of("day", "from-env", "rows", "9", "job_name", "env-job", "missing_quoted", "y");

    JobDefinition job = JobFileParser.parse(text, "variables.conf", Map.of("day", "from-vars"), env, REGISTRY);

    assertEquals("env-job", job.jobName());
    assertEquals("/data/from-vars/orders", sourceConfig(job).getString("label"));
    assertEquals(9, sourceConfig(job).getInt("rows"));
    assertEquals("y", sourceConfig(job).getString("extra"));
  }

  @Test
  void theRealEnvironmentIsUsed() throws Exception {
    Optional<Map.Entry<String, String>> variable = System.getenv().entrySet().stream()
        .filter(e -> e.getKey().matches("[A-Za-z_][A-Za-z0-9_]*") && !e.getValue().contains("${"))
        .findFirst();
    assumeTrue(variable.isPresent(), "no environment variable to read");
    String name = variable.get().getKey();

    JobDefinition job = JobFileParser.parseString("env { job.name = ${" + name + "} }\n"
        + "source { TestSource { label = \"<${" + name + "}>\", schema.fields.id = int } }\nsink { TestSink {} }",
        "env.conf", Map.of(), REGISTRY);

    assertEquals(variable.get().getValue(), job.jobName());
    assertEquals("<" + variable.get().getValue() + ">", sourceConfig(job).getString("label"));
  }

  @Test
  void anUntrustedJobNeverReadsTheEnvironment() throws Exception {
    Optional<Map.Entry<String, String>> variable = System.getenv().entrySet().stream()
        .filter(e -> e.getKey().matches("[A-Za-z_][A-Za-z0-9_]*") && !e.getValue().contains("${"))
        .findFirst();
    assumeTrue(variable.isPresent(), "no environment variable to read");
    String name = variable.get().getKey();
    ParsedJob parsed = JobFileParser.readUntrusted("env { job.name = ${" + name + "} }\n"
        + "source { TestSource { label = \"<${" + name + "}>\", schema.fields.id = int } }\n"
        + "sink { TestSink {} }", "rest", Map.of(), false, REGISTRY);

    assertEquals("<${" + name + "}>", sourceConfig(parsed.job()).getString("label"), "kept as written");
    assertEquals("${" + name + "}", parsed.job().jobName());
    assertEquals(List.of(1, 2), parsed.warnings().stream().map(Problem::line).toList(), parsed.warnings()::toString);
    assertTrue(parsed.warnings().get(0).message().contains("-i " + name + "="), parsed.warnings()::toString);
    assertTrue(!parsed.warnings().get(0).message().contains("environment"), "a REST job has no environment");
  }

  @Test
  void everyUnsetVariableIsAProblemAtItsLineWhenStrict() {
    List<Problem> problems = org.junit.jupiter.api.Assertions.assertThrows(JobValidationException.class,
        () -> JobFileParser.readFile(file("variables.conf"), Map.of("day", "d"), true, REGISTRY)).problems();

    assertEquals(2, at(problems, "variable 'job_name'").line());
    assertTrue(at(problems, "variable 'job_name'").message().contains("-i job_name="));
    assertEquals(8, at(problems, "variable 'rows'").line());
    assertEquals(9, at(problems, "variable 'missing_quoted'").line());
    // ${?table} is optional: unset, the option is simply absent
    assertTrue(problems.stream().noneMatch(p -> p.where().contains("table")), problems.toString());
  }

  @Test
  void quotedDefaultsOptionalsAndTablePlaceholdersFollowSeaTunnel() throws Exception {
    JobDefinition job = JobFiles.parse("""
        source { TestSource { label = "${who:nobody}/${?nothing}/${table_name}", schema.fields.id = int } }
        sink { TestSink {} }
        """);

    assertEquals("nobody//${table_name}", sourceConfig(job).getString("label"));
  }

  @Test
  void pathsOfTheFileItselfAreNotVariables() throws Exception {
    JobDefinition job = JobFiles.parse("""
        env { job.name = "base", parallelism = 2 }
        source { TestSource { label = ${env.job.name}"-copy", rows = ${env.parallelism}, schema.fields.id = int } }
        sink { TestSink {} }
        """);

    assertEquals("base-copy", sourceConfig(job).getString("label"));
    assertEquals(2, sourceConfig(job).getInt("rows"));
  }

  @Test
  void variableOfTheWrongTypeIsStillCaught() {
    JobValidationException e = assertThrows(JobValidationException.class, () -> JobFileParser.parse(
        "source { TestSource { rows = ${n}, schema.fields.id = int } }\nsink { TestSink {} }", "v.conf",
        Map.of("n", "many"), Map.of(), REGISTRY));

    assertEquals("expected a whole number (INT), got \"many\"",
        at(e.problems(), "source[0] TestSource option 'rows'").message());
  }
}
