package io.atoll.runtime.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The shape comparison the REST v2 sample tests rely on finds what it must. */
class JsonShapeTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static JsonNode json(String text) throws Exception {
    return MAPPER.readTree(text);
  }

  private static List<String> diff(String sample, String actual, String... extensions) throws Exception {
    return JsonShape.differences(json(sample), json(actual), Set.of(extensions));
  }

  @Test
  void sameFieldsAndTypesWithOtherValuesAgree() throws Exception {
    assertEquals(List.of(), diff("{\"a\": \"\", \"b\": {\"c\": 1}, \"d\": [{\"e\": true}], \"f\": null}",
        "{\"f\": \"boom\", \"d\": [{\"e\": false}, {\"e\": true}], \"b\": {\"c\": 2.5}, \"a\": \"x\"}"));
  }

  @Test
  void namesEveryMissingExtraAndMistypedFieldWithItsPath() throws Exception {
    assertEquals(List.of("missing field jobId at $.a.b", "type at $.a.n: expected string, got number",
            "extra field more at $.a (not in the sample, not a listed extension)"),
        diff("{\"a\": {\"b\": {\"jobId\": \"\"}, \"n\": \"\"}}", "{\"a\": {\"b\": {}, \"n\": 7, \"more\": 1}}"));
  }

  @Test
  void everyArrayElementIsCheckedAndAnEmptyOneCannotPassForIt() throws Exception {
    assertEquals(List.of("missing field id at $[1]"), diff("[{\"id\": \"\"}]", "[{\"id\": \"1\"}, {}]"));
    assertEquals(List.of("empty array at $.jobs: its elements' shape cannot be checked; give the test data"),
        diff("{\"jobs\": [{\"id\": \"\"}]}", "{\"jobs\": []}"));
    assertEquals(List.of(), diff("[{\"slots\": [{\"id\": 0}]}]", "[{\"slots\": []}, {\"slots\": [{\"id\": 1}]}]"),
        "an empty list is fine when a list of the same place elsewhere had elements");
  }

  @Test
  void listedExtensionsMapsAndNullableStringsAreAccepted() throws Exception {
    assertEquals(List.of(), diff("[{\"id\": \"\"}]", "[{\"id\": \"1\", \"warnings\": []}]", "$[*].warnings"));
    assertEquals(List.of(), diff("{\"env\": {}}", "{\"env\": {\"any\": 1}}"));
    assertEquals(List.of("type at $.edges.1: expected string, got number"),
        diff("{\"edges\": {\"*\": \"\"}}", "{\"edges\": {\"0\": \"a\", \"1\": 2}}"));
    assertEquals(List.of("type at $.errorMsg: expected string or null, got number"),
        diff("{\"errorMsg\": null}", "{\"errorMsg\": 3}"));
  }

  @Test
  void assertSameShapeFailsWithTheDifferences() {
    AssertionError error = assertThrows(AssertionError.class,
        () -> JsonShape.assertSameShape(json("{\"a\": \"\"}"), json("{\"a\": []}"), Set.of()));
    assertEquals(true, error.getMessage().contains("type at $.a: expected string, got array"), error.getMessage());
  }
}
