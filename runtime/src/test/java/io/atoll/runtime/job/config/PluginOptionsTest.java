package io.atoll.runtime.job.config;

import static io.atoll.runtime.job.config.JobFiles.REGISTRY;
import static io.atoll.runtime.job.config.JobFiles.at;
import static io.atoll.runtime.job.config.JobFiles.file;
import static io.atoll.runtime.job.config.JobFiles.parse;
import static io.atoll.runtime.job.config.JobFiles.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import io.atoll.protocol.connector.PluginKind;
import io.atoll.protocol.job.JobDefinition;
import io.atoll.protocol.job.OptionValue;
import io.atoll.protocol.job.PluginDefinition;
import io.atoll.runtime.connector.file.ConfigOrder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A plugin's options travel as a typed tree and become the Config plugins read without parsing:
 * the job file's key order is where plugins look for it (sorting by origin, {@link ConfigOrder}),
 * and every value's origin names the job file and the line it was written on.
 */
class PluginOptionsTest {

  @ParameterizedTest
  @ValueSource(strings = {"ordered-one-line.conf", "ordered-multi-line.conf", "ordered.json"})
  void schemaFieldsKeepTheirFileOrder(String name) throws Exception {
    JobDefinition job = JobFileParser.parseFile(file(name), Map.of(), REGISTRY);

    for (PluginDefinition source : job.plugins(PluginKind.SOURCE)) {
      Config config = PluginOptions.config(source);
      assertEquals(List.of("c", "a", "b"), ordered(config.getObject("schema.fields")), source.toString());
      assertEquals("plugin_", ordered(config.root()).get(0).substring(0, 7), source.toString());
      ConfigValue a = config.getValue("schema.fields.a");
      OptionValue.ObjectOf schema = (OptionValue.ObjectOf) source.options().get("schema").orElseThrow();
      int line = ((OptionValue.ObjectOf) schema.get("fields").orElseThrow()).get("a").orElseThrow().line();
      assertTrue(line > 0, source.toString());
      assertEquals(file(name) + ": " + line, a.origin().description());
    }
  }

  @Test
  void pluginsAreGivenTheOrderToo() {
    List<Problem> problems = problems("""
        source { TestSource { plugin_output = t, schema.fields { c = string, a = int, b = bigint } } }
        transform {
          TestTransform { plugin_input = t, plugin_output = u, drop_field = a }
          TestTransform { plugin_input = t, plugin_output = v, drop_field = nope }
        }
        sink { TestSink { plugin_input = u, expect_fields = [nope] } }
        """);

    assertTrue(problems.stream().anyMatch(p -> p.where().equals("transform[1] TestTransform")
        && p.message().endsWith("(fields: c, a, b)")), problems.toString());
    assertTrue(at(problems, "sink[0] TestSink").message().endsWith("the input has c, b"), problems.toString());
  }

  @Test
  void configErrorsInPluginCodeCiteTheOptionsLineWithoutRepeatingTheOrigin() {
    List<Problem> problems = problems("""
        source {
          TestSource {
            schema { fields = x }
          }
        }
        sink { TestSink {} }
        """);

    Problem p = at(problems, "source[0] TestSource");
    assertEquals(3, p.line(), "the line the plugin's Typesafe exception names, not the block's");
    assertEquals("could not be created from its options: WrongType: schema.fields has type STRING rather than OBJECT",
        p.message());
  }

  @Test
  void aMessageAPluginBuildsFromAnOriginCitesTheJobFileAndLine() throws Exception {
    JobDefinition job = JobFileParser.parseString("""
        source {
          TestSource {
            plugin_output = t
            schema.fields { id = int }
          }
        }
        sink { TestSink { plugin_input = t } }
        """, "jobs/orders.conf", Map.of(), REGISTRY);

    Config config = PluginOptions.config(job.plugins(PluginKind.SOURCE).get(0));
    ConfigException e = assertThrows(ConfigException.class, () -> config.getObject("plugin_output"));
    assertEquals("jobs/orders.conf: 3: plugin_output has type STRING rather than OBJECT", e.getMessage());
    assertEquals(4, config.getValue("schema.fields.id").origin().lineNumber());
  }

  @Test
  void keysMergedFromSeveralPlacesFollowTheirFirstAppearance() throws Exception {
    JobDefinition job = parse("""
        source {
          TestSource { schema.fields { z = int, y = int }, plugin_output = t }
          TestSource { plugin_output = u, schema.fields.q = int }
        }
        source { TestSource { "schema.fields" { p = int }, plugin_output = v } }
        source.TestSource { schema { fields { x = int, y = string } }, plugin_output = w }
        sink { TestSink { plugin_input = [t, u, v, w] } }
        """);

    List<PluginDefinition> sources = job.plugins(PluginKind.SOURCE);
    assertEquals(List.of(List.of("schema", "plugin_output"), List.of("plugin_output", "schema"),
        List.of("schema", "plugin_output"), List.of("schema", "plugin_output")),
        sources.stream().map(s -> ordered(PluginOptions.config(s).root())).toList());
    assertEquals(List.of("p"),
        ordered(PluginOptions.config(sources.get(2)).getObject("schema.fields")));
    assertEquals(List.of("x", "y"),
        ordered(PluginOptions.config(sources.get(3)).getObject("schema.fields")));
  }

  @Test
  void objectsInListsAreOrdered() throws Exception {
    JobDefinition job = parse("""
        source {
          TestSource {
            plugin_output = t, schema.fields { id = int }
            extra { rules { field_rules = [ { field_name = x, field_type = string, nullable = true },
              { rule_type = NOT_NULL, field_name = y } ] }, lists = [[{ m = 1, b = 2 }]] }
            samples = [{ z = 1, a = 2 }, { y = 1 }]
          }
        }
        sink { TestSink { plugin_input = t } }
        """);

    Config config = PluginOptions.config(job.plugins(PluginKind.SOURCE).get(0));
    assertEquals("y", config.getObjectList("extra.rules.field_rules").get(1).toConfig().getString("field_name"));
    List<? extends ConfigObject> rules = config.getObjectList("extra.rules.field_rules");
    assertEquals(List.of("field_name", "field_type", "nullable"), ordered(rules.get(0)));
    assertEquals(List.of("rule_type", "field_name"), ordered(rules.get(1)));
    assertEquals(List.of("z", "a"), ordered((ConfigObject) config.getList("samples").get(0)));
    assertEquals(List.of("m", "b"), ordered((ConfigObject) ((ConfigList) config.getList("extra.lists").get(0)).get(0)));
    assertEquals(4, config.getValue("extra.rules").origin().lineNumber());
    assertEquals(5, ((ConfigObject) config.getList("extra.rules.field_rules").get(1)).get("field_name").origin()
        .lineNumber());
  }

  @Test
  void valuesSurviveTheRoundTrip() throws Exception {
    String text = """
        source {
          TestSource {
            plugin_output = t, schema.fields { id = int }, interval = 2 minutes, rows = 3
            extra {
              quote = "say \\"hi\\"", backslash = "C:\\\\dir\\\\x", unicode = "é 日本 \\u00e9 😀 \\u0001"
              whitespace = "a\\tb\\nc", triple = \"\"\"two
        lines "quoted" \\n\"\"\"
              int = 42, long = 5000000000, negative = -7, double = 0.25, exp = 1e3, zero = 0.50
              yes = true, no = false, word = yes, nothing = null, duration = 10s
              list = [1, "two", 3.0, null, [a, b], { k = v }, []], concatenated = foo bar ${?NOT_SET}
              nested { deeper { deepest = "x" }, empty {} }
              "quoted.key" = 1, "": "empty key", "wéird \\"key\\"" = 2
            }
          }
        }
        sink { TestSink { plugin_input = t } }
        """;
    JobDefinition job = parse(text);

    ConfigObject original = ConfigFactory.parseString(text).resolve().getObject("source.TestSource");
    Config config = PluginOptions.config(job.plugins(PluginKind.SOURCE).get(0));
    assertEquals(original, config.root());
    assertEquals("say \"hi\"", config.getString("extra.quote"));
    assertEquals(List.of("quote", "backslash", "unicode", "whitespace", "triple", "int", "long", "negative",
        "double", "exp", "zero", "yes", "no", "word", "nothing", "duration", "list", "concatenated", "nested",
        "quoted.key", "", "wéird \"key\""), ordered(config.getObject("extra")));
    assertEquals(5000000000L, config.getLong("extra.long"));
    assertEquals(1000.0, config.getDouble("extra.exp"));
    assertEquals(8, config.getValue("extra.long").origin().lineNumber());
    assertEquals(11, config.getValue("extra.nested.deeper.deepest").origin().lineNumber());
    assertEquals("test.conf: 8", config.getValue("extra.long").origin().description());
  }

  /** Keys in the order plugins read them. */
  private static List<String> ordered(ConfigObject object) {
    return ConfigOrder.entries(object).stream().map(Map.Entry::getKey).toList();
  }
}
