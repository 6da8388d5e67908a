package io.atoll.runtime.job.config;

import static io.atoll.runtime.job.config.JobFiles.REGISTRY;
import static io.atoll.runtime.job.config.JobFiles.file;
import static io.atoll.runtime.job.config.JobFiles.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.atoll.protocol.connector.PluginKind;
import io.atoll.protocol.job.JobDefinition;
import io.atoll.protocol.job.JobMode;
import io.atoll.protocol.job.OptionValue;
import io.atoll.protocol.job.PluginDefinition;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobFileParserTest {

  @Test
  void validFileGivesTheExactDefinition() throws Exception {
    JobDefinition job = JobFileParser.parseFile(file("valid.conf"), Map.of(), REGISTRY);

    JobDefinition expected = new JobDefinition("orders-daily", JobMode.STREAMING, 2, 10_000, 60_000, 5, 7,
        Map.of("zone", "eu-1", "disk", "ssd"), 1000,
        Map.ofEntries(Map.entry("job.name", "orders-daily"), Map.entry("job.mode", "streaming"),
            Map.entry("parallelism", "2"), Map.entry("checkpoint.interval", "10s"),
            Map.entry("checkpoint.timeout", "60000"), Map.entry("job.retry.times", "5"),
            Map.entry("job.retry.interval.seconds", "7"), Map.entry("tag_filter.zone", "eu-1"),
            Map.entry("tag_filter.disk", "ssd"), Map.entry("read_limit.rows_per_second", "1000"),
            Map.entry("flink.execution.checkpointing.mode", "EXACTLY_ONCE")),
        List.of(
            new PluginDefinition(PluginKind.SOURCE, "TestSource", 0, obj(16,
                m("plugin_output", text("orders", 17)), m("rows", new OptionValue.Numeric("10", 18)),
                m("schema", obj(19, m("fields", obj(19, m("id", text("bigint", 19)), m("name", text("string", 19)),
                    m("amount", text("decimal(10, 2)", 19))))))),
                List.of(), "orders", 16, ORIGIN),
            new PluginDefinition(PluginKind.TRANSFORM, "TestTransform", 0, obj(24,
                m("plugin_input", text("orders", 25)), m("plugin_output", text("slim", 26)),
                m("drop_field", text("amount", 27))), List.of("orders"), "slim", 24, ORIGIN),
            new PluginDefinition(PluginKind.SINK, "TestSink", 0, obj(32,
                m("plugin_input", text("slim", 33)),
                m("expect_fields", new OptionValue.ListOf(List.of(text("id", 34), text("name", 34)), 34))),
                List.of("slim"), null, 32, ORIGIN)),
        file("valid.conf").toString());
    assertEquals(expected, job);
  }

  @Test
  void envDefaultsAreSeaTunnels() throws Exception {
    JobDefinition job = parse("source { " + JobFiles.source("t") + " }\nsink { TestSink {} }");

    assertEquals("SeaTunnel_Job", job.jobName());
    assertEquals(JobMode.BATCH, job.mode());
    assertEquals(1, job.parallelism());
    assertEquals(0, job.checkpointIntervalMillis());
    assertEquals(0, job.checkpointTimeoutMillis());
    assertEquals(3, job.retryTimes());
    assertEquals(3, job.retryIntervalSeconds());
    assertEquals(Map.of(), job.tagFilter());
    assertEquals(0, job.readLimitRowsPerSecond());
    assertEquals(Map.of(), job.env());
  }

  @Test
  void twoBlocksOfTheSamePluginStayTwoPlugins() throws Exception {
    JobDefinition job = JobFileParser.parseFile(file("duplicate-blocks.conf"), Map.of(), REGISTRY);

    List<PluginDefinition> sources = job.plugins(PluginKind.SOURCE);
    assertEquals(List.of("TestSource", "TestSource"), sources.stream().map(PluginDefinition::name).toList());
    assertEquals(List.of(0, 1), sources.stream().map(PluginDefinition::index).toList());
    assertEquals(List.of(4, 8), sources.stream().map(PluginDefinition::line).toList());
    assertEquals(List.of("a", "b"), sources.stream().map(PluginDefinition::outputTable).toList());
    assertEquals("string", io.atoll.runtime.job.config.PluginOptions.config(sources.get(1)).getString("schema.fields.name"));
    assertEquals(List.of(List.of("a"), List.of("b")),
        job.plugins(PluginKind.SINK).stream().map(PluginDefinition::inputTables).toList());
  }

  @Test
  void sameNameOnOneLineAndSplitKindBlocksKeepFileOrder() throws Exception {
    JobDefinition job = parse("""
        source { TestSource { plugin_output = a, schema.fields.x = int }, TestSource { plugin_output = b, schema.fields.y = int } }
        sink { TestSink { plugin_input = a } }
        source { TestSource { plugin_output = c, schema.fields.z = int } }
        sink { TestSink { plugin_input = [b, c] } }
        """);

    assertEquals(List.of("a", "b", "c"),
        job.plugins(PluginKind.SOURCE).stream().map(PluginDefinition::outputTable).toList());
    assertEquals(List.of(List.of("a"), List.of("b", "c")),
        job.plugins(PluginKind.SINK).stream().map(PluginDefinition::inputTables).toList());
  }

  @Test
  void jsonWithSeaTunnelsListFormIsAccepted() throws Exception {
    JobDefinition job = JobFileParser.parseFile(file("list-form.json"), Map.of(), REGISTRY);

    assertEquals(3, job.parallelism());
    assertEquals(Map.of("job.mode", "BATCH", "parallelism", "3"), job.env());
    PluginDefinition source = job.plugins(PluginKind.SOURCE).get(0);
    assertEquals("TestSource", source.name());
    assertEquals(4, source.line());
    assertEquals(List.of(List.of("t"), List.of("t")),
        job.plugins(PluginKind.SINK).stream().map(PluginDefinition::inputTables).toList());
  }

  @Test
  void quotedDottedKeysAreOptionPaths() throws Exception {
    JobDefinition job = parse("""
        {"env": {"job.mode": "STREAMING", "job.retry.times": 0},
         "source": {"TestSource": {"row.num": 5, "schema": {"fields": {"a.b": "int"}}}},
         "sink": {"TestSink": {"expect_fields": ["a.b"]}}}
        """);

    assertEquals(JobMode.STREAMING, job.mode());
    assertEquals(0, job.retryTimes());
    assertEquals(5, io.atoll.runtime.job.config.PluginOptions.config(job.plugins(PluginKind.SOURCE).get(0)).getInt("row.num"));
  }

  @Test
  void implicitLinksFollowFileOrderAndGetGeneratedNames() throws Exception {
    JobDefinition job = parse("""
        source { TestSource { schema = { fields { id = int, name = string, age = int } } } }
        transform {
          TestTransform { drop_field = age }
          TestTransform { drop_field = name }
        }
        sink {
          TestSink { expect_fields = [id] }
          TestSink {}
        }
        """);

    List<PluginDefinition> plugins = job.plugins();
    assertEquals(List.of(List.of(), List.of("__source_0"), List.of("__transform_0"),
        List.of("__transform_1"), List.of("__transform_1")),
        plugins.stream().map(PluginDefinition::inputTables).toList());
    assertEquals(java.util.Arrays.asList("__source_0", "__transform_0", "__transform_1", null, null),
        plugins.stream().map(PluginDefinition::outputTable).toList());
  }

  @Test
  void oldTableOptionNamesAndFallbackNamesAreAccepted() throws Exception {
    JobDefinition job = parse("""
        source { TestSource { result_table_name = raw, title = "old name", schema.fields.id = int } }
        sink { TestSink { source_table_name = [raw] } }
        """);

    assertEquals("raw", job.plugins(PluginKind.SOURCE).get(0).outputTable());
    assertEquals(List.of("raw"), job.plugins(PluginKind.SINK).get(0).inputTables());
  }

  @Test
  void everyOptionTypeAcceptsItsValues() throws Exception {
    JobDefinition job = parse("""
        source {
          TestSource {
            rows = "12", limit = 5000000000, ratio = 0.5, enabled = yes, interval = 2 minutes
            mode = FAST, tags = [a, b, 3], samples = [{ x = 1 }, { y = 2 }], extra = [1, { z = 2 }]
            label = plain, row.num = 7, fail_on_create = false, parallelism = 4
            schema { fields { id = int } }
          }
        }
        sink { TestSink {} }
        """);

    assertEquals(1, job.plugins(PluginKind.SOURCE).size());
  }

  @Test
  void unknownEnvKeysAreKeptNotRefused() throws Exception {
    JobDefinition job = parse("env { jars = \"file:///x.jar\", custom { a = 1 } }\n"
        + "source { " + JobFiles.source("t") + " }\nsink { TestSink {} }");

    assertEquals(Map.of("jars", "file:///x.jar", "custom.a", "1"), job.env());
  }

  private static final String ORIGIN = file("valid.conf").toString();

  private static OptionValue.ObjectOf obj(int line, OptionValue.Member... members) {
    return new OptionValue.ObjectOf(List.of(members), line);
  }

  private static OptionValue.Member m(String key, OptionValue value) {
    return new OptionValue.Member(key, value);
  }

  private static OptionValue.Text text(String value, int line) {
    return new OptionValue.Text(value, line);
  }
}
