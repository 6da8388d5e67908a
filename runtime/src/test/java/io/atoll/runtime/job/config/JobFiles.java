package io.atoll.runtime.job.config;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import io.atoll.protocol.job.JobDefinition;
import io.atoll.runtime.connector.PluginRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Shared helpers: the test plugins' registry, parsing text and files, finding problems. */
final class JobFiles {
  static final PluginRegistry REGISTRY = PluginRegistry.fromClasspath();

  private JobFiles() {}

  static Path file(String name) {
    return Path.of("src/test/resources/jobs", name);
  }

  static JobDefinition parse(String text) throws JobValidationException {
    return JobFileParser.parse(text, "test.conf", Map.of(), Map.of(), REGISTRY);
  }

  /** The warnings of a text that passes (not strict). */
  static List<Problem> warnings(String text) throws JobValidationException {
    return JobFileParser.parse(text, "test.conf", Map.of(), Map.of(), null, false, REGISTRY).warnings();
  }

  /** The problems of a text parsed as with {@code --strict}. */
  static List<Problem> strictProblems(String text) {
    return assertThrows(JobValidationException.class,
        () -> JobFileParser.parse(text, "test.conf", Map.of(), Map.of(), null, true, REGISTRY)).problems();
  }

  static List<Problem> problems(String text) {
    return assertThrows(JobValidationException.class, () -> parse(text)).problems();
  }

  static List<Problem> problems(Path file, Map<String, String> variables) {
    return assertThrows(JobValidationException.class,
        () -> JobFileParser.parseFile(file, variables, REGISTRY)).problems();
  }

  /** The one problem reported at {@code where}; fails listing all problems when there is none. */
  static Problem at(List<Problem> problems, String where) {
    List<Problem> found = problems.stream().filter(p -> p.where().equals(where)).toList();
    if (found.size() != 1) {
      fail("expected one problem at '" + where + "', got " + found.size() + " in:\n"
          + String.join("\n", problems.stream().map(Problem::toString).toList()));
    }
    return found.get(0);
  }

  /** A minimal valid source block reading into table {@code t}. */
  static String source(String table) {
    return "TestSource { plugin_output = \"" + table + "\", schema = { fields { id = int, name = string } } }";
  }
}
