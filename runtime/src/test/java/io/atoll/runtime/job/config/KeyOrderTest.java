package io.atoll.runtime.job.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyOrderTest {

  @Test
  void dottedKeysArePathsQuotedKeysOneSegmentAndMergesKeepFirstAppearance() {
    KeyOrder order = KeyOrder.scan("""
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
    KeyOrder order = KeyOrder.scan("""
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
    KeyOrder order = KeyOrder.scan("""
        {"source": [{"schema.fields": {"c": 1, "a.b": 2}, "row.num": 1}], "x": {"p.q": 1}}
        """);

    assertEquals(List.of("schema", "row"), order.keys(path("source", 0)));
    assertEquals(List.of("fields"), order.keys(path("source", 0, "schema")));
    assertEquals(List.of("c", "a.b"), order.keys(path("source", 0, "schema", "fields")));
    assertEquals(List.of("p.q"), order.keys(path("x")));
  }

  @Test
  void unbalancedTextKeepsWhatWasRead() {
    KeyOrder order = KeyOrder.scan("a { b = 1, c = [ }");

    assertEquals(List.of("b", "c"), order.keys(path("a")));
  }

  private static List<Object> path(Object... segments) {
    return Arrays.asList(segments);
  }
}
