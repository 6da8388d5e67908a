package io.atoll.runtime.job.config;

import static io.atoll.runtime.job.config.JobFiles.REGISTRY;
import static io.atoll.runtime.job.config.JobFiles.at;
import static io.atoll.runtime.job.config.JobFiles.file;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.atoll.protocol.connector.PluginKind;
import io.atoll.protocol.job.JobDefinition;
import io.atoll.protocol.job.OptionValue;
import io.atoll.runtime.connector.PluginRegistry;
import io.atoll.runtime.connector.file.ConfigOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Atoll's typed form of a validated job: what {@code submit} sends and the master validates again
 * with its own plugins, keeping the job file's name, lines and key order.
 */
class TypedJobJsonTest {
  private static final Map<String, String> VARIABLES = Map.of("job_name", "nightly", "day", "2024-01-02",
      "rows", "7", "missing_quoted", "x", "table", "__source_0");

  @ParameterizedTest
  @ValueSource(strings = {"valid.conf", "list-form.json", "duplicate-blocks.conf", "variables.conf",
      "ordered-one-line.conf"})
  void theSentJobValidatesBackToTheSameJobWithItsLinesAndOrder(String name) throws Exception {
    JobDefinition original = JobFileParser.parseFile(file(name), VARIABLES, REGISTRY);

    String sent = TypedJobJson.write(original, false);
    JobDefinition received = JobFileParser.readSent(sent, "rest", REGISTRY).job();

    assertEquals(original, received, sent);
    assertEquals(file(name).toString(), received.origin());
    assertTrue(received.plugins().stream().allMatch(p -> p.origin().equals(file(name).toString())));
  }

  @Test
  void keyOrderOnOneLineSurvivesTheWireAndReachesThePlugin() throws Exception {
    JobDefinition original = JobFileParser.parseFile(file("ordered-one-line.conf"), Map.of(), REGISTRY);
    JobDefinition received = JobFileParser.readSent(TypedJobJson.write(original, false), "rest", REGISTRY).job();

    var fields = PluginOptions.config(received.plugins(PluginKind.SOURCE).get(0)).getObject("schema.fields");
    assertEquals(List.of("c", "a", "b"), ConfigOrder.entries(fields).stream().map(Map.Entry::getKey).toList());
    assertEquals(file("ordered-one-line.conf") + ": 3", fields.get("a").origin().description());
  }

  @Test
  void aPluginTheMasterLacksIsReportedAtTheUsersFileAndLine() throws Exception {
    Path path = file("valid.conf");
    String sent = TypedJobJson.write(JobFileParser.parseFile(path, Map.of(), REGISTRY), false);
    PluginRegistry bare = PluginRegistry.of(List.of());

    List<Problem> problems = assertThrows(JobValidationException.class,
        () -> JobFileParser.readSent(sent, "rest", bare)).problems();

    Problem source = at(problems, "source[0] TestSource");
    assertEquals(path + ":16: source[0] TestSource: unknown source plugin; known source plugins: (none installed)",
        source.toString());
    assertEquals(32, at(problems, "sink[0] TestSink").line());
  }

  @Test
  void optionsTheMastersPluginDoesNotKnowAreWarningsAtTheirLinesAndErrorsWhenStrict() throws Exception {
    JobDefinition job = JobFiles.parse("""
        source {
          TestSource {
            schema.fields { id = int }
            rows = 3
          }
        }
        sink { TestSink {} }
        """);
    // a newer client's plugin knew an option the master's version does not: send one the master lacks
    OptionValue.ObjectOf options = job.plugins().get(0).options();
    List<OptionValue.Member> members = new java.util.ArrayList<>(options.members());
    members.add(new OptionValue.Member("compression", new OptionValue.Text("zstd", 5)));
    JobDefinition newer = withSourceOptions(job, new OptionValue.ObjectOf(members, options.line()));

    List<Problem> warnings = JobFileParser.readSent(TypedJobJson.write(newer, false), "rest", REGISTRY).warnings();
    assertTrue(warnings.get(0).toString().startsWith(
        "test.conf:5: source[0] TestSource option 'compression': unknown option; known options: schema, rows,"),
        warnings.toString());
    List<Problem> strict = assertThrows(JobValidationException.class,
        () -> JobFileParser.readSent(TypedJobJson.write(newer, true), "rest", REGISTRY)).problems();
    assertTrue(strict.get(0).message().endsWith("(an error with --strict)"), strict.toString());
  }

  @Test
  void aBodyOfTheWrongShapeIsOneProblemNamingWhere() {
    Problem p = assertThrows(JobValidationException.class, () -> JobFileParser.readSent(
        "{\"atollJob\": 1, \"origin\": \"j.conf\", \"env\": {}, \"plugins\": [{\"kind\": \"source\", \"name\": \"X\","
            + " \"line\": 1, \"options\": {\"line\": 1, \"object\": [{\"key\": \"a\", \"value\": {\"line\": 2}}]}}]}",
        "rest", REGISTRY)).problems().get(0);

    assertEquals("rest:0: plugins[0].options.a: must hold one of text, number, bool, null, list or object",
        p.toString());
  }

  @Test
  void deeplyNestedBodiesAreRefusedBeforeAnyRecursiveWalk() {
    String body = "{\"atollJob\": 1, \"plugins\": " + "[".repeat(200_000) + "]".repeat(200_000) + "}";

    Problem p = assertThrows(JobValidationException.class, () -> JobFileParser.readSent(body, "rest", REGISTRY))
        .problems().get(0);
    assertTrue(p.message().startsWith("nests deeper than"), p.toString());
  }

  private static JobDefinition withSourceOptions(JobDefinition job, OptionValue.ObjectOf options) {
    var p = job.plugins().get(0);
    var source = new io.atoll.protocol.job.PluginDefinition(p.kind(), p.name(), p.index(), options, p.inputTables(),
        p.outputTable(), p.line(), p.origin());
    List<io.atoll.protocol.job.PluginDefinition> plugins = new java.util.ArrayList<>(job.plugins());
    plugins.set(0, source);
    return new JobDefinition(job.jobName(), job.mode(), job.parallelism(), job.checkpointIntervalMillis(),
        job.checkpointTimeoutMillis(), job.retryTimes(), job.retryIntervalSeconds(), job.tagFilter(),
        job.readLimitRowsPerSecond(), job.env(), plugins, job.origin());
  }
}
