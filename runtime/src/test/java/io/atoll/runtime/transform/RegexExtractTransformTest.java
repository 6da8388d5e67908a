package io.atoll.runtime.transform;

import static io.atoll.runtime.transform.TransformTesting.apply;
import static io.atoll.runtime.transform.TransformTesting.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.atoll.protocol.data.DataType;
import io.atoll.protocol.data.Row;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegexExtractTransformTest {
  private final RegexExtractTransformFactory factory = new RegexExtractTransformFactory();

  @Test
  void theFirstMatchFillsOneStringFieldPerGroup() throws Exception {
    var out = apply(factory, """
        source_field = name
        regex_pattern = "(\\\\w+) (\\\\w+)"
        output_fields = [first, last]
        """, Row.of("Joy Ding and Kin Dom", 20, 123));
    assertEquals(List.of("name", "age", "card", "first", "last"), out.type().names());
    assertEquals(DataType.Basic.STRING, out.type().typeAt(4));
    assertEquals(List.of(Row.of("Joy Ding and Kin Dom", 20, 123, "Joy", "Ding")), out.rows());
  }

  @Test
  void noMatchOrANullSourceGivesTheDefaultsElseNull() throws Exception {
    String hocon = "source_field = name\nregex_pattern = \"^(\\\\w+)-(\\\\d+)$\"\noutput_fields = [word, num]\n";
    assertEquals(List.of(Row.of("plain", 1, 2, "none", "0"), Row.of(null, 1, 2, "none", "0"),
            Row.of("ab-12", 1, 2, "ab", "12")),
        apply(factory, hocon + "default_values = [none, \"0\"]", Row.of("plain", 1, 2), Row.of(null, 1, 2),
            Row.of("ab-12", 1, 2)).rows());
    assertEquals(List.of(Row.of("plain", 1, 2, null, null)), apply(factory, hocon, Row.of("plain", 1, 2)).rows());
  }

  @Test
  void nonStringSourcesAreMatchedByTheirTextAndAnExistingOutputIsReplacedAsAString() throws Exception {
    var out = apply(factory, "source_field = card\nregex_pattern = \"^(\\\\d)\"\noutput_fields = [age]",
        Row.of("Joy", 20, 723));
    assertEquals(List.of("name", "age", "card"), out.type().names());
    assertEquals(DataType.Basic.STRING, out.type().typeAt(1));
    assertEquals(List.of(Row.of("Joy", "7", 723)), out.rows());
  }

  @Test
  void validation() {
    assertEquals(List.of("option 'regex_pattern' has 1 capture groups but 'output_fields' names 2 fields;"
        + " they must be equal"), problems(factory, "source_field = name\nregex_pattern = \"(a)b\"\noutput_fields = [x, y]"));
    assertEquals(List.of("option 'source_field': field 'nme' is not in the input; input fields: name, age, card",
            "option 'regex_pattern' is not a valid regex: Unclosed group"),
        problems(factory, "source_field = nme\nregex_pattern = \"(a\"\noutput_fields = [x]"));
    assertEquals(List.of("option 'default_values' has 1 values but 'output_fields' names 2 fields;"
            + " give one per field or none"),
        problems(factory, "source_field = name\nregex_pattern = \"(a)(b)\"\noutput_fields = [x, y]\ndefault_values = [z]"));
  }
}
