package io.atoll.runtime.job.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import io.atoll.runtime.job.config.BlockScanner.BlockKey;
import io.atoll.runtime.job.config.BlockScanner.Substitution;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class BlockScannerTest {

  private static Set<BlockKey> keys(String text, String kind) {
    ConfigObject block = ConfigFactory.parseString(BlockScanner.scan(text).text()).getObject(kind);
    return block.keySet().stream().map(k -> BlockScanner.decode(k).orElseThrow()).collect(Collectors.toSet());
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
    String renamed = BlockScanner.scan(text).text();

    assertEquals(text.lines().count(), renamed.lines().count());
    ConfigObject source = ConfigFactory.parseString(renamed).getObject("source");
    List<Integer> lines = source.values().stream().map(v -> v.origin().lineNumber()).sorted().toList();
    assertEquals(List.of(2, 4), lines);
  }

  @Test
  void jsonRootAndNestedKeysOutsideKindBlocksAreLeftAlone() {
    String text = "{\"source\": {\"A\": {\"x\": {\"A\": 1}}}, \"env\": {\"A\": {}}}";
    String renamed = BlockScanner.scan(text).text();

    assertEquals(Set.of(new BlockKey("A", 0)), keys(text, "source"));
    assertTrue(ConfigFactory.parseString(renamed).hasPath("env.A"));
  }

  @Test
  void unquotedSubstitutionsAreFoundWithTheirLines() {
    BlockScanner.Result result = BlockScanner.scan("a = ${x}\nb = \"${not_this}\" ${?y.z}\n# ${nor_this}\n");

    assertEquals(List.of(new Substitution("x", false, 1), new Substitution("y.z", true, 2)), result.substitutions());
  }

  @Test
  void unbalancedTextIsLeftForTypesafeToReport() {
    String text = "source { A { x = 1 }\n";

    assertEquals(text, BlockScanner.scan(text).text());
  }

  @Test
  void cleanRemovesTheMarkFromMessages() {
    String renamed = BlockScanner.scan("source { A {} }").text();
    String key = ConfigFactory.parseString(renamed).getObject("source").keySet().iterator().next();

    assertEquals("path source.A.x", BlockScanner.clean("path source." + key + ".x"));
    assertEquals(Optional.empty(), BlockScanner.decode("A"));
  }
}
