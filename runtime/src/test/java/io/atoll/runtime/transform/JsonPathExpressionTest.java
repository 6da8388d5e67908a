package io.atoll.runtime.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class JsonPathExpressionTest {
  private static final String DOC = """
      {"data": {"c_string": "this is a string", "c_int": 42, "c_null": null,
                "c_array": ["item1", "item2", "item3"], "odd key": {"x": 1},
                "c_rows": [{"k": "a"}, {"k": "b"}, {"v": 1}]}}
      """;

  private static String read(String path) throws Exception {
    JsonNode root = new ObjectMapper().readTree(DOC);
    return JsonPathExpression.compile(path).read(root).toString();
  }

  @Test
  void definitePaths() throws Exception {
    assertEquals("\"this is a string\"", read("$.data.c_string"));
    assertEquals("42", read("$['data']['c_int']"));
    assertEquals("\"item1\"", read("$.data.c_array[0]"));
    assertEquals("\"item3\"", read("$.data.c_array[-1]"));
    assertEquals("{\"x\":1}", read("$.data['odd key']"));
    assertEquals("null", read("$.data.c_null"));
    assertEquals("\"b\"", read("$.data.c_rows[1].k"));
  }

  @Test
  void wildcardsCollectWhatTheyReach() throws Exception {
    assertEquals("[\"item1\",\"item2\",\"item3\"]", read("$.data.c_array[*]"));
    assertEquals("[\"a\",\"b\"]", read("$.data.c_rows[*].k"));
    assertEquals("[]", read("$.data.c_array[*].nothing"));
  }

  @Test
  void aDefinitePathThatMissesIsAnError() {
    var e = assertThrows(IllegalArgumentException.class, () -> read("$.data.c_missing"));
    assertEquals("path '$.data.c_missing': no ['c_missing'] in the object", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> read("$.data.c_array[3]"));
    assertEquals("path '$.data.c_array[3]': no [3] in an array of 3", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> read("$.data.c_int.x"));
    assertEquals("path '$.data.c_int.x': no ['x'] in a number", e.getMessage());
  }

  @Test
  void unsupportedSyntaxIsRefusedWhenCompiled() {
    assertEquals("a path starts with '$', e.g. $.data.c_string",
        assertThrows(IllegalArgumentException.class, () -> JsonPathExpression.compile("data.x")).getMessage());
    assertEquals("path '$..x' at position 2: deep scan '..' is not supported",
        assertThrows(IllegalArgumentException.class, () -> JsonPathExpression.compile("$..x")).getMessage());
    assertEquals("path '$.a[?(@.b)]' at position 4: [?(@.b)] is not supported: use ['name'], [index] or [*]"
            + " (filters, slices and unions are not)",
        assertThrows(IllegalArgumentException.class, () -> JsonPathExpression.compile("$.a[?(@.b)]")).getMessage());
    assertEquals("path '$.a[0' at position 4: '[' is not closed",
        assertThrows(IllegalArgumentException.class, () -> JsonPathExpression.compile("$.a[0")).getMessage());
  }
}
