package io.atoll.runtime.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.atoll.runtime.cli.NodeCommand;
import io.atoll.runtime.connector.PluginRegistry;
import io.atoll.runtime.job.config.JobFileParser;
import io.atoll.runtime.job.config.JobValidationException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The new transforms' job files, validated by the real parser and run with {@code atoll run}. */
class TransformJobFilesTest {
  private static Path job(String name) {
    return Path.of("src/test/resources/jobs/transforms", name);
  }

  private record Result(int exitCode, String out, String err) {}

  private static Result run(Path job) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new NodeCommand());
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    return new Result(cli.execute("run", job.toString()), out.toString(), err.toString());
  }

  @Test
  void badOptionsOfEveryTransformAreReportedInOnePassWithTheirLines() {
    Path file = job("bad_transform_options.conf");
    var e = assertThrows(JobValidationException.class,
        () -> JobFileParser.parseFile(file, Map.of(), PluginRegistry.fromClasspath()));
    List<String> problems = e.problems().stream().map(Object::toString).toList();
    assertTrue(problems.contains(file + ":17: transform[0] FieldRename option 'convert_case': expected one of"
        + " UPPER, LOWER (ENUM), got \"title\""), String.join("\n", problems));
    assertTrue(problems.contains(file + ":22: transform[1] RowKindExtractor: option 'custom_field_name': field 'id'"
        + " exists in the input already"), String.join("\n", problems));
    assertTrue(problems.contains(file + ":27: transform[2] JsonPath: option 'columns' entry 1: src_field 'id' is"
        + " int; JsonPath reads string, bytes, array, map and row fields"), String.join("\n", problems));
  }

  @Test
  void aChangelogBecomesAppendOnlyWithParsedAndRenamedColumns() {
    Result r = run(job("changelog_to_append_only.conf"));
    assertEquals(0, r.exitCode(), r.out() + r.err());
    assertTrue(r.out().contains("Total Write Count         : 4"), r.out());
  }

  @Test
  void jsonPathFillsColumnsOfEveryType() {
    Result r = run(job("jsonpath_typed_columns.conf"));
    assertEquals(0, r.exitCode(), r.out() + r.err());
    assertTrue(r.out().contains("Total Write Count         : 1"), r.out());
  }

  @Test
  void jsonPathReadsTextStrictJsonRefusesAsSeaTunnelDoes() {
    Result r = run(job("jsonpath_permissive_text.conf"));
    assertEquals(0, r.exitCode(), r.out() + r.err());
    assertTrue(r.out().contains("Total Write Count         : 1"), r.out());
  }

  @Test
  void regexExtractFillsGroupsOrDefaults() {
    Result r = run(job("regex_extract.conf"));
    assertEquals(0, r.exitCode(), r.out() + r.err());
    assertTrue(r.out().contains("Total Write Count         : 3"), r.out());
  }

  @Test
  void dataValidatorDropsTheRowsThatBreakARule() {
    Result r = run(job("data_validator_skip.conf"));
    assertEquals(0, r.exitCode(), r.out() + r.err());
    assertTrue(r.out().contains("Total Read Count          : 5"), r.out());
    assertTrue(r.out().contains("Total Write Count         : 2"), r.out());
  }

  @Test
  void jsonPathSkipsTheRowsItCannotRead() {
    Result r = run(job("jsonpath_skip_bad_rows.conf"));
    assertEquals(0, r.exitCode(), r.out() + r.err());
    assertTrue(r.out().contains("Total Read Count          : 4"), r.out());
    assertTrue(r.out().contains("Total Write Count         : 2"), r.out());
  }

  @Test
  void jsonPathFailsTheJobNamingTheColumnByDefault() {
    Result r = run(job("jsonpath_fail_on_bad_row.conf"));
    assertEquals(1, r.exitCode(), r.out() + r.err());
    assertTrue(r.err().contains("JsonPath column 'age' (src_field 'payload', path '$.age', dest_type int):"
        + " path '$.age': no ['age'] in the object"), r.err());
  }
}
