package io.atoll.runtime.transform;

import static io.atoll.runtime.transform.TransformTesting.apply;
import static io.atoll.runtime.transform.TransformTesting.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.atoll.protocol.data.DataType;
import io.atoll.protocol.data.Row;
import java.util.List;
import org.junit.jupiter.api.Test;

class SplitTransformTest {
  private final SplitTransformFactory factory = new SplitTransformFactory();

  @Test
  void splitsIntoNewStringFields() throws Exception {
    var out = apply(factory, "separator = \" \"\nsplit_field = name\noutput_fields = [first_name, second_name]",
        Row.of("Joy Ding", 20, 123), Row.of("Kin Dom Jr", 1, 2), Row.of("Cher", 3, 4), Row.of(null, 5, 6));
    assertEquals(List.of("name", "age", "card", "first_name", "second_name"), out.type().names());
    assertEquals(DataType.Basic.STRING, out.type().typeAt(4));
    assertEquals(List.of(
        Row.of("Joy Ding", 20, 123, "Joy", "Ding"),
        Row.of("Kin Dom Jr", 1, 2, "Kin", "Dom Jr"),
        Row.of("Cher", 3, 4, "Cher", null),
        Row.of(null, 5, 6, null, null)), out.rows());
  }

  @Test
  void theSeparatorIsARegexAndNonStringsAreSplitAsText() throws Exception {
    assertEquals(List.of(Row.of("a", 123, 0, "12", "")), apply(factory,
        "separator = \"3\"\nsplit_field = age\noutput_fields = [x, y]", Row.of("a", 123, 0)).rows());
    assertEquals(List.of(Row.of("a.b", 1, 2, "a", "b")), apply(factory,
        "separator = \"\\\\.\"\nsplit_field = name\noutput_fields = [x, y]", Row.of("a.b", 1, 2)).rows());
  }

  @Test
  void validation() {
    assertEquals(List.of("option 'split_field': field 'nme' is not in the input; input fields: name, age, card"),
        problems(factory, "separator = \" \"\nsplit_field = nme\noutput_fields = [a]"));
    assertEquals(List.of("option 'output_fields': field 'age' exists in the input already"),
        problems(factory, "separator = \" \"\nsplit_field = name\noutput_fields = [a, age]"));
    assertEquals(List.of("option 'output_fields' needs at least one field name"),
        problems(factory, "separator = \" \"\nsplit_field = name\noutput_fields = []"));
    assertTrue(problems(factory, "separator = \"[\"\nsplit_field = name\noutput_fields = [a]").get(0)
        .startsWith("option 'separator' is not a valid regex"));
  }
}
