package io.atoll.runtime.job.config;

import static io.atoll.runtime.job.config.JobFiles.REGISTRY;
import static io.atoll.runtime.job.config.JobFiles.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import io.atoll.protocol.connector.PluginKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SeaTunnel's leniency, made visible: what it lets pass silently (unknown options, {@code ${name}}
 * with no value) passes here too, as a warning with its line; strict mode makes each an error.
 */
class JobLeniencyTest {
  private static final String MISSPELLED = """
      env { job.mode = BATCH }
      source {
        TestSource {
          schema.fields.id = int
          rwos = 3
          colour = red
        }
      }
      sink { TestSink { plugin_input = "__source_0" } }
      """;

  private static Config sourceConfig(ParsedJob parsed) {
    return io.atoll.runtime.job.config.PluginOptions.config(parsed.job().plugins(PluginKind.SOURCE).get(0));
  }

  private static ParsedJob lenient(String text) throws JobValidationException {
    return JobFileParser.parse(text, "job.conf", Map.of(), Map.of(), null, false, REGISTRY);
  }

  @Test
  void unknownOptionsPassAsWarningsEachOnceWithLineAndSuggestion() throws Exception {
    ParsedJob parsed = lenient(MISSPELLED);

    assertEquals(2, parsed.warnings().size(), parsed.warnings()::toString);
    Problem rwos = at(parsed.warnings(), "source[0] TestSource option 'rwos'");
    assertEquals(5, rwos.line());
    assertEquals("unknown option (did you mean 'rows'?)", rwos.message());
    assertEquals("job.conf:5: source[0] TestSource option 'rwos': unknown option (did you mean 'rows'?)", rwos.toString());
    assertEquals(6, at(parsed.warnings(), "source[0] TestSource option 'colour'").line());
    assertTrue(!sourceConfig(parsed).hasPath("rows"), "the misspelled option does not set rows");
  }

  @Test
  void warningsComeWithTheProblemsOfAnInvalidFileAsTheyOftenExplainThem() {
    JobValidationException e = assertThrows(JobValidationException.class, () -> lenient(
        MISSPELLED.replace("colour = red", "rows = many")));
    assertEquals(List.of(6), e.problems().stream().map(Problem::line).toList(), e.problems()::toString);
    assertEquals("unknown option (did you mean 'rows'?)",
        at(e.warnings(), "source[0] TestSource option 'rwos'").message());
  }

  @Test
  void strictMakesEveryWarningAnError(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("job.conf");
    Files.writeString(file, MISSPELLED);

    List<Problem> problems = assertThrows(JobValidationException.class,
        () -> JobFileParser.readFile(file, Map.of(), true, REGISTRY)).problems();

    assertEquals(List.of(5, 6), problems.stream().map(Problem::line).toList(), problems::toString);
    assertEquals("unknown option (did you mean 'rows'?) (an error with --strict)",
        at(problems, "source[0] TestSource option 'rwos'").message());
    assertEquals(2, JobFileParser.readFile(file, Map.of(), false, REGISTRY).warnings().size());
  }

  @Test
  void envStrictMakesEveryWarningAnError() {
    List<Problem> problems = assertThrows(JobValidationException.class, () -> lenient(
        MISSPELLED.replace("env { job.mode = BATCH }", "env { job.mode = BATCH, strict = true }"))).problems();

    assertEquals(2, problems.size(), problems::toString);
    assertTrue(problems.get(0).message().endsWith("(an error with env.strict = true)"), problems::toString);
  }

  @Test
  void aPluginsOwnWarningsPassWithTheirLineAndAreErrorsWhenStrict() throws Exception {
    String job = """
        source { FakeSource { row.num = 3, schema.fields.id = int } }
        sink {
          Assert {
            rules {
              rule_ruls = [{ rule_type = MIN_ROW, rule_value = 3 }]
            }
          }
        }
        """;
    var registry = io.atoll.runtime.connector.PluginRegistry.fromClasspath();
    ParsedJob parsed = JobFileParser.parse(job, "job.conf", Map.of(), Map.of(), null, false, registry);
    Problem warning = at(parsed.warnings(), "sink[0] Assert");
    assertEquals("option 'rules': unknown key 'rule_ruls' is ignored; known: "
        + "[catalog_table_rule, field_rules, row_rules, table-names, tables_configs]", warning.message());
    assertTrue(warning.line() >= 3 && warning.line() <= 5, warning::toString);
    List<Problem> problems = assertThrows(JobValidationException.class,
        () -> JobFileParser.parse(job, "job.conf", Map.of(), Map.of(), null, true, registry)).problems();
    assertTrue(problems.get(0).message().endsWith("(an error with --strict)"), problems::toString);
  }

  @Test
  void aVariableWithNoValueStaysAsWrittenWithAWarning() throws Exception {
    ParsedJob parsed = lenient("""
        env { job.name = ${nightly_name} }
        source { TestSource { label = "/data/${day}/x", schema.fields.id = int } }
        sink { TestSink {} }
        """);

    assertEquals("${nightly_name}", parsed.job().jobName());
    assertEquals("/data/${day}/x", sourceConfig(parsed).getString("label"));
    assertEquals(1, at(parsed.warnings(), "variable 'nightly_name'").line());
    assertEquals(2, at(parsed.warnings(), "variable 'day'").line());
    assertTrue(at(parsed.warnings(), "variable 'day'").message().startsWith("has no value, kept as written"));
  }

  @Test
  void theFileSinksOwnPlaceholdersAreNeitherVariablesNorWarnings() throws Exception {
    ParsedJob parsed = lenient("""
        source { TestSource { label = "${transactionId}_${now}_${uuid}/${k0}=${v0}/${k12}/${kn}=${vn}", schema.fields.id = int } }
        sink { TestSink {} }
        """);

    assertEquals("${transactionId}_${now}_${uuid}/${k0}=${v0}/${k12}/${kn}=${vn}", sourceConfig(parsed).getString("label"));
    assertEquals(List.of(), parsed.warnings());
  }

  @Test
  void aVariableNamedLikeAPlaceholderIsStillFilled() throws Exception {
    ParsedJob parsed = JobFileParser.parse("source { TestSource { label = \"${now}\", schema.fields.id = int } }\n"
        + "sink { TestSink {} }", "job.conf", Map.of("now", "given"), Map.of(), null, false, REGISTRY);

    assertEquals("given", sourceConfig(parsed).getString("label"));
  }

  @Test
  void strictRefusesAVariableWithNoValue() {
    List<Problem> problems = JobFiles.strictProblems("source { TestSource { label = \"${day}\", schema.fields.id = int } }\n"
        + "sink { TestSink {} }");

    assertTrue(at(problems, "variable 'day'").message().endsWith("(an error with --strict)"), problems::toString);
  }
}
