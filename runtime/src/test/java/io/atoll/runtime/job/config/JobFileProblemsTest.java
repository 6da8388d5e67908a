package io.atoll.runtime.job.config;

import static io.atoll.runtime.job.config.JobFiles.at;
import static io.atoll.runtime.job.config.JobFiles.file;
import static io.atoll.runtime.job.config.JobFiles.problems;
import static io.atoll.runtime.job.config.JobFiles.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each kind of mistake is reported with file, line, what is wrong and what to do. */
class JobFileProblemsTest {

  @Test
  void syntaxErrorIsOneProblemWithFileAndLine() {
    Path path = file("syntax-error.conf");
    List<Problem> problems = problems(path, Map.of());

    assertEquals(1, problems.size());
    Problem p = problems.get(0);
    assertEquals(path.toString(), p.origin());
    assertEquals(7, p.line());
    assertEquals("syntax", p.where());
    assertTrue(p.message().contains("newline"), p.message());
    assertTrue(p.toString().startsWith(path + ":7: syntax: "), p.toString());
  }

  @Test
  void unreadableFileIsAProblemNamingIt() {
    Problem p = problems(file("no-such-job.conf"), Map.of()).get(0);

    assertEquals("job file", p.where());
    assertEquals("cannot be read: no such file", p.message());
  }

  @Test
  void aFileThatIsNotTextOrNotAFileIsAProblemSayingSo(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    Path binary = java.nio.file.Files.write(dir.resolve("job.conf"), new byte[] {(byte) 0xC3, (byte) 0x28, 0x0A});
    assertEquals("cannot be read: it is not UTF-8 text (a job file is HOCON or JSON in UTF-8)",
        problems(binary, Map.of()).get(0).message());
    assertEquals("cannot be read: it is a directory, not a file", problems(dir, Map.of()).get(0).message());
  }

  @Test
  void everyProblemOfAFileIsReportedSortedByLine() {
    Path path = file("many-problems.conf");
    List<Problem> problems = assertThrows(JobValidationException.class,
        () -> JobFileParser.readFile(path, Map.of(), true, JobFiles.REGISTRY)).problems();

    assertEquals(problems.stream().sorted(Comparator.comparingInt(Problem::line)).toList(), problems);
    assertTrue(problems.stream().allMatch(p -> p.origin().equals(path.toString())));
    assertEquals(2, at(problems, "env option 'parallelism'").line());
    Problem unknownPlugin = at(problems, "source[0] TestSorce");
    assertEquals(6, unknownPlugin.line());
    assertTrue(unknownPlugin.message().startsWith("unknown source plugin (did you mean 'TestSource'?); "
        + "known source plugins: "), unknownPlugin.message());
    assertTrue(unknownPlugin.message().contains("TestSource"), unknownPlugin.message());
    assertEquals("expected a whole number (INT), got \"ten\"",
        at(problems, "source[1] TestSource option 'rows'").message());
    assertEquals("unknown option (did you mean 'rows'?) (an error with --strict)",
        at(problems, "source[1] TestSource option 'rwos'").message());
    assertEquals(13, at(problems, "source[1] TestSource option 'mode'").line());
    Problem dangling = at(problems, "transform[0] TestTransform option 'plugin_input'");
    assertEquals(19, dangling.line());
    assertTrue(dangling.message().startsWith("reads table 'order', which no source or transform produces "
        + "(did you mean 'orders'?); known tables: "), dangling.message());
    String all = new JobValidationException(problems).getMessage();
    assertEquals(problems.size(), all.split("\n").length);
    assertTrue(all.contains(path + ":12: source[1] TestSource option 'rwos': unknown option"), all);
  }

  @Test
  void missingRequiredOptionNamesItAndTheBlockLine() {
    List<Problem> problems = problems("source {\n  TestSource {\n    rows = 1\n  }\n}\nsink { TestSink {} }");

    Problem p = at(problems, "source[0] TestSource option 'schema'");
    assertEquals(2, p.line());
    assertTrue(p.message().startsWith("is required but missing"), p.message());
  }

  @Test
  void wrongTypesNameTheOptionTheTypeAndTheValue() {
    List<Problem> problems = problems("""
        source {
          TestSource {
            schema.fields.id = int
            limit = 1.5
            ratio = abc
            enabled = maybe
            interval = "soon"
            tags = "a"
            samples = [1, 2]
            schema.extra = 1
            row = { num = [] }
            label = { a = 1 }
          }
        }
        sink { TestSink { expect_fields = {} } }
        """);

    assertEquals("expected a whole number (LONG), got 1.5", at(problems, "source[0] TestSource option 'limit'").message());
    assertEquals("expected a number (DOUBLE), got \"abc\"", at(problems, "source[0] TestSource option 'ratio'").message());
    assertEquals(6, at(problems, "source[0] TestSource option 'enabled'").line());
    assertTrue(at(problems, "source[0] TestSource option 'interval'").message().startsWith("expected a duration"));
    assertEquals("expected a list of strings (STRING_LIST), got \"a\"",
        at(problems, "source[0] TestSource option 'tags'").message());
    assertEquals("expected a list of objects [{ ... }] (OBJECT_LIST), got [1,2]",
        at(problems, "source[0] TestSource option 'samples'").message());
    assertEquals("expected a whole number (INT), got []", at(problems, "source[0] TestSource option 'row.num'").message());
    assertEquals("expected a string (STRING), got {\"a\":1}", at(problems, "source[0] TestSource option 'label'").message());
    assertEquals(15, at(problems, "sink[0] TestSink option 'expect_fields'").line());
  }

  @Test
  void unknownOptionIsAWarningWithASuggestionOrTheKnownList() throws Exception {
    List<Problem> problems = JobFiles.warnings("""
        source {
          TestSource {
            schema.fields.id = int
            row.nmu = 3
            rwo { num = 3 }
            colour = red
            Limit = 3
          }
        }
        sink { TestSink {} }
        """);

    assertEquals("unknown option (did you mean 'row.num'?)", at(problems, "source[0] TestSource option 'row.nmu'").message());
    assertEquals(5, at(problems, "source[0] TestSource option 'rwo.num'").line());
    assertTrue(at(problems, "source[0] TestSource option 'colour'").message()
        .startsWith("unknown option; known options: schema, rows, limit,"));
    assertEquals("unknown option (did you mean 'limit'?)", at(problems, "source[0] TestSource option 'Limit'").message());
  }

  @Test
  void nameAndItsOldNameTogetherAreRefused() {
    List<Problem> problems = problems("source { TestSource { schema.fields.id = int, label = a\n title = b } }\n"
        + "sink { TestSink {} }");

    Problem p = at(problems, "source[0] TestSource option 'title'");
    assertEquals(2, p.line());
    assertTrue(p.message().contains("not both"), p.message());
  }

  @Test
  void unknownPluginListsTheKnownOnesOfItsKind() {
    List<Problem> problems = problems("source { " + source("t") + " }\nsink { Consol {}\n TestSource {} }");

    Problem p = at(problems, "sink[0] Consol");
    assertEquals(2, p.line());
    assertTrue(p.message().startsWith("unknown sink plugin"), p.message());
    assertTrue(p.message().contains("; known sink plugins: "), p.message());
    assertTrue(p.message().contains("TestSink"), p.message());
    assertTrue(at(problems, "sink[1] TestSource").message().contains("('TestSource' is a source plugin)"));
  }

  @Test
  void danglingInputNamesTheTableAndTheKnownTables() {
    List<Problem> problems = problems("source { " + source("orders") + " }\nsink { TestSink { plugin_input = customers } }");

    Problem p = at(problems, "sink[0] TestSink option 'plugin_input'");
    assertEquals("reads table 'customers', which no source or transform produces; known tables: orders", p.message());
    assertEquals(2, p.line());
  }

  @Test
  void implicitLinkWithSeveralSourcesIsAmbiguous() {
    List<Problem> problems = problems("source {\n " + source("a") + "\n " + source("b") + "\n}\n"
        + "transform {\n TestTransform { drop_field = name }\n}\nsink { TestSink {} }");

    Problem p = at(problems, "transform[0] TestTransform");
    assertEquals(6, p.line());
    assertTrue(p.message().contains("the job has 2 sources"), p.message());
    assertTrue(p.message().contains("plugin_output") && p.message().contains("plugin_input"), p.message());
  }

  @Test
  void twoPluginsProducingOneTableAreRefused() {
    List<Problem> problems = problems("source {\n " + source("t") + "\n " + source("t") + "\n}\n"
        + "sink { TestSink { plugin_input = t } }");

    Problem p = at(problems, "source[1] TestSource option 'plugin_output'");
    assertEquals(3, p.line());
    assertEquals("table 't' is also produced by source[0] TestSource (line 2); give each table its own name", p.message());
  }

  @Test
  void transformValidationAboutAMissingFieldNamesThePlugin() {
    List<Problem> problems = problems("source { " + source("t") + " }\n"
        + "transform {\n  TestTransform { drop_field = amount }\n}\nsink { TestSink {} }");

    Problem p = at(problems, "transform[0] TestTransform");
    assertEquals(3, p.line());
    assertEquals("option 'drop_field': the input has no field 'amount' (fields: id, name)", p.message());
  }

  @Test
  void sinkValidationSeesTheSchemaAfterTheTransforms() {
    List<Problem> problems = problems("source { " + source("t") + " }\n"
        + "transform { TestTransform { drop_field = name } }\nsink {\n TestSink { expect_fields = [id, name] } }");

    Problem p = at(problems, "sink[0] TestSink");
    assertEquals(4, p.line());
    assertEquals("option 'expect_fields': unknown field 'name'; the input has id", p.message());
  }

  @Test
  void factoryThrowingOnCreateIsAProblemNotAStackTrace() {
    List<Problem> problems = problems("source { TestSource { fail_on_create = true, schema.fields.id = int } }\n"
        + "sink { TestSink {} }");

    assertEquals("could not be created from its options: IllegalStateException: cannot connect to test-db:5432",
        at(problems, "source[0] TestSource").message());
  }

  @Test
  void transformWithSeveralInputsIsRefused() {
    List<Problem> problems = problems("source {\n " + source("a") + "\n " + source("b") + "\n}\n"
        + "transform { TestTransform { plugin_input = [a, b], drop_field = id } }\nsink { TestSink {} }");

    assertTrue(at(problems, "transform[0] TestTransform option 'plugin_input'").message()
        .startsWith("a transform reads exactly one table, got a, b"));
  }

  @Test
  void transformsReadingEachOtherAreACycle() {
    List<Problem> problems = problems("source { " + source("s") + " }\ntransform {\n"
        + " TestTransform { plugin_input = y, plugin_output = x, drop_field = id }\n"
        + " TestTransform { plugin_input = x, plugin_output = y, drop_field = id }\n}\n"
        + "sink { TestSink { plugin_input = [s, x] } }");

    Problem p = at(problems, "transform[0] TestTransform");
    assertEquals(3, p.line());
    assertTrue(p.message().startsWith("transforms read each other in a cycle (transform[1] TestTransform -> "
        + "transform[0] TestTransform -> transform[1] TestTransform)"), p.message());
  }

  @Test
  void tableNobodyReadsIsAnError() {
    List<Problem> problems = problems("source {\n " + source("a") + "\n " + source("b") + "\n}\n"
        + "sink { TestSink { plugin_input = a } }");

    Problem p = at(problems, "source[1] TestSource");
    assertEquals(3, p.line());
    assertTrue(p.message().startsWith("nothing reads its table 'b', so its rows would be dropped"), p.message());
  }

  @Test
  void jobWithoutSourceOrSinkIsRefused() {
    List<Problem> problems = problems("env { job.mode = BATCH }\nsource {}");

    // no sink block at all: line 0 sorts first; the empty source block is at line 2
    assertEquals(List.of("0 has no sink", "2 has no source"),
        problems.stream().map(p -> p.line() + " " + p.message().substring(0, p.message().indexOf(':'))).toList());
    assertTrue(problems.get(0).message().contains("known sink plugins: "), problems.get(0).message());
  }

  @Test
  void envProblemsNameTheEnvOption() {
    List<Problem> problems = problems("env {\n job.mode = BATCHY\n parallelism = 0\n checkpoint.interval = -5\n"
        + " job.retry.times = -1\n tag_filter = [a]\n read_limit.rows_per_second = 0\n}\n"
        + "source { " + source("t") + " }\nsink { TestSink {} }");

    assertEquals("expected one of BATCH, STREAMING (ENUM), got \"BATCHY\"", at(problems, "env option 'job.mode'").message());
    assertEquals("must be at least 1, got 0", at(problems, "env option 'parallelism'").message());
    assertEquals(4, at(problems, "env option 'checkpoint.interval'").line());
    assertEquals("must be at least 0, got -1", at(problems, "env option 'job.retry.times'").message());
    assertEquals(6, at(problems, "env option 'tag_filter'").line());
    assertEquals(7, at(problems, "env option 'read_limit.rows_per_second'").line());
  }

  @Test
  void unknownTopLevelBlockIsRefusedWithASuggestion() {
    List<Problem> problems = problems("source { " + source("t") + " }\nsink { TestSink {} }\ntrasnform { }");

    assertEquals("is not part of a job file (did you mean 'transform'?); a job file has env, source, transform and sink",
        at(problems, "block 'trasnform'").message());
  }
}
