package io.atoll.runtime.job.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import io.atoll.runtime.job.config.JobTextScan.BlockKey;
import io.atoll.runtime.job.config.JobTextScan.Substitution;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The single walk: renamed plugin keys, substitutions with lines and key order, all from one scan. */
class JobTextScanTest {


  private static Set<BlockKey> keys(String text, String kind) {
    ConfigObject block = ConfigFactory.parseString(JobTextScan.scan(text).text()).getObject(kind);
    return block.keySet().stream().map(k -> JobTextScan.decode(k).orElseThrow()).collect(Collectors.toSet());
  }

  @Test
  void duplicatePluginKeysBecomeDistinctWithTheirOrder() {
    String text = """
        source {
          # a comment with { braces
          Fake { a = "}{", b = [ { c = 1 } ] }
          "Fake" = { d = \"\"\"multi
        line } \"\"\" }
          Other: { }
        }
        sink { Fake {} }
        """;

    assertEquals(Set.of(new BlockKey("Fake", 0), new BlockKey("Fake", 1), new BlockKey("Other", 2)),
        keys(text, "source"));
    assertEquals(Set.of(new BlockKey("Fake", 0)), keys(text, "sink"));
  }

  @Test
  void renamingKeepsEveryLine() {
    String text = "source {\n  A {\n x = 1 }\n  A { y = 2 }\n}\n";
    String renamed = JobTextScan.scan(text).text();

    assertEquals(text.lines().count(), renamed.lines().count());
    ConfigObject source = ConfigFactory.parseString(renamed).getObject("source");
    List<Integer> lines = source.values().stream().map(v -> v.origin().lineNumber()).sorted().toList();
    assertEquals(List.of(2, 4), lines);
  }

  @Test
  void jsonRootAndNestedKeysOutsideKindBlocksAreLeftAlone() {
    String text = "{\"source\": {\"A\": {\"x\": {\"A\": 1}}}, \"env\": {\"A\": {}}}";
    String renamed = JobTextScan.scan(text).text();

    assertEquals(Set.of(new BlockKey("A", 0)), keys(text, "source"));
    assertTrue(ConfigFactory.parseString(renamed).hasPath("env.A"));
  }

  @Test
  void unquotedSubstitutionsAreFoundWithTheirLines() {
    JobTextScan result = JobTextScan.scan("a = ${x}\nb = \"${not_this}\" ${?y.z}\n# ${nor_this}\n");

    assertEquals(List.of(new Substitution("x", false, 1), new Substitution("y.z", true, 2)), result.substitutions());
  }

  @Test
  void unbalancedTextIsLeftForTypesafeToReport() {
    String text = "source { A { x = 1 }\n";

    assertEquals(text, JobTextScan.scan(text).text());
  }

  @Test
  void cleanRemovesTheMarkFromMessages() {
    String renamed = JobTextScan.scan("source { A {} }").text();
    String key = ConfigFactory.parseString(renamed).getObject("source").keySet().iterator().next();

    assertEquals("path source.A.x", JobTextScan.clean("path source." + key + ".x"));
    assertEquals(Optional.empty(), JobTextScan.decode("A"));
  }


  @Test
  void dottedKeysArePathsQuotedKeysOneSegmentAndMergesKeepFirstAppearance() {
    JobTextScan order = JobTextScan.scan("""
        b.c = 1
        "x.y" = 2, a { z = 1, m { q = 1 } }
        b { a = 1, c = 2 }
        a."k.l" m = 3 # a comment { not = a key }
        s = "a { b = 1 }"
        """);

    assertEquals(List.of("b", "x.y", "a", "s"), order.keys(path()));
    assertEquals(List.of("c", "a"), order.keys(path("b")));
    assertEquals(List.of("z", "m", "k.l m"), order.keys(path("a")));
    assertEquals(List.of("q"), order.keys(path("a", "m")));
    assertEquals(List.of(), order.keys(path("nowhere")));
  }

  @Test
  void listElementsAreIndexedAndAppendedValuesIgnored() {
    JobTextScan order = JobTextScan.scan("""
        l = [ { b = 1, a = 2 }
          { d = 1 }, [ { f = 1, e = 2 } ] ] [ { h = 1, g = 1 } ]
        m += { y = 1, x = 2 }
        """);

    assertEquals(List.of("b", "a"), order.keys(path("l", 0)));
    assertEquals(List.of("d"), order.keys(path("l", 1)));
    assertEquals(List.of("f", "e"), order.keys(path("l", 2, 0)));
    assertEquals(List.of("h", "g"), order.keys(path("l", 3)));
    assertEquals(List.of("l", "m"), order.keys(path()));
    assertEquals(List.of(), order.keys(path("m")));
    assertEquals(List.of(), order.keys(path("m", 0)));
  }

  @Test
  void jsonAndPluginBlockKeysWithDotsAreSplitLikeDottedKeys() {
    JobTextScan order = JobTextScan.scan("""
        {"source": [{"schema.fields": {"c": 1, "a.b": 2}, "row.num": 1}], "x": {"p.q": 1}}
        """);

    assertEquals(List.of("schema", "row"), order.keys(path("source", 0)));
    assertEquals(List.of("fields"), order.keys(path("source", 0, "schema")));
    assertEquals(List.of("c", "a.b"), order.keys(path("source", 0, "schema", "fields")));
    assertEquals(List.of("p.q"), order.keys(path("x")));
  }

  @Test
  void unbalancedTextKeepsWhatWasRead() {
    JobTextScan order = JobTextScan.scan("a { b = 1, c = [ }");

    assertEquals(List.of("b", "c"), order.keys(path("a")));
  }

  private static List<Object> path(Object... segments) {
    return Arrays.asList(segments);
  }

  @Test
  void oneScanRenamesPluginKeysAndOrdersTheirKeysUnderTheRenamedName() {
    JobTextScan scan = JobTextScan.scan("""
        source {
          A { z = 1, y = ${v} }
          A { "x.w" = 2, b = 1 }
        }
        """);
    List<String> renamed = scan.keys(path("source"));

    assertEquals(List.of(new BlockKey("A", 0), new BlockKey("A", 1)),
        renamed.stream().map(k -> JobTextScan.decode(k).orElseThrow()).toList());
    assertEquals(List.of("z", "y"), scan.keys(path("source", renamed.get(0))));
    assertEquals(List.of("x", "b"), scan.keys(path("source", renamed.get(1))));
    assertEquals(List.of(new Substitution("v", false, 2)), scan.substitutions());
    assertEquals(Set.copyOf(renamed), ConfigFactory.parseString(scan.text()).getObject("source").keySet());
  }
}
