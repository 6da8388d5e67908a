package io.atoll.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.atoll.protocol.job.JobDefinition;
import io.atoll.protocol.job.PluginDefinition;
import io.atoll.runtime.connector.PluginRegistry;
import io.atoll.runtime.job.config.JobFileParser;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What {@code atoll submit} sends is the same job the file describes: the rendered JSON, parsed
 * again as the cluster parses it, gives back every setting, table link and plugin option.
 */
class JobConfigJsonTest {
  private static final PluginRegistry PLUGINS = PluginRegistry.fromClasspath();
  private static final Map<String, String> VARIABLES = Map.of("job_name", "nightly", "day", "2024-01-02",
      "rows", "7", "missing_quoted", "x", "table", "__source_0");

  @ParameterizedTest
  @ValueSource(strings = {"valid.conf", "list-form.json", "duplicate-blocks.conf", "variables.conf"})
  void theRenderedJobParsesBackToTheSameJob(String name) throws Exception {
    JobDefinition original = JobFileParser.parseFile(Path.of("src/test/resources/jobs", name), VARIABLES, PLUGINS);
    String sent = JobConfigJson.render(original);
    JobDefinition received = JobFileParser.parseString(sent, "rest", Map.of(), PLUGINS);

    assertFalse(sent.contains("${"), sent);
    assertEquals(original.jobName(), received.jobName());
    assertEquals(original.mode(), received.mode());
    assertEquals(original.parallelism(), received.parallelism());
    assertEquals(original.checkpointIntervalMillis(), received.checkpointIntervalMillis());
    assertEquals(original.checkpointTimeoutMillis(), received.checkpointTimeoutMillis());
    assertEquals(original.retryTimes(), received.retryTimes());
    assertEquals(original.retryIntervalSeconds(), received.retryIntervalSeconds());
    assertEquals(original.tagFilter(), received.tagFilter());
    assertEquals(original.readLimitRowsPerSecond(), received.readLimitRowsPerSecond());
    Map<String, String> env = new HashMap<>(original.env());
    env.put("job.name", original.jobName()); // always sent, also when the file left it at its default
    assertEquals(env, received.env());
    assertEquals(original.plugins().size(), received.plugins().size());
    for (int i = 0; i < original.plugins().size(); i++) {
      PluginDefinition a = original.plugins().get(i);
      PluginDefinition b = received.plugins().get(i);
      assertEquals(a.label(), b.label());
      assertEquals(a.inputTables(), b.inputTables(), a::label);
      assertEquals(a.outputTable(), b.outputTable(), a::label);
      assertEquals(options(a), options(b), a::label);
    }
  }

  /** The options without plugin_name, which the list form carries and the block form does not. */
  private static com.typesafe.config.ConfigObject options(PluginDefinition plugin) {
    return io.atoll.runtime.job.config.PluginOptions.config(plugin).root().withoutKey("plugin_name");
  }
}
