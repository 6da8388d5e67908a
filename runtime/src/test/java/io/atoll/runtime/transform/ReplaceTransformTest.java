package io.atoll.runtime.transform;

import static io.atoll.runtime.transform.TransformTesting.apply;
import static io.atoll.runtime.transform.TransformTesting.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.atoll.protocol.data.Row;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplaceTransformTest {
  private final ReplaceTransformFactory factory = new ReplaceTransformFactory();
  private final Row joy = Row.of("Joy  Ding", 20, 123);

  @Test
  void literalReplacesEveryOccurrence() throws Exception {
    var out = apply(factory, "replace_field = name\npattern = \" \"\nreplacement = \"_\"", joy, Row.of(null, 1, 2));
    assertEquals(TransformTesting.INPUT, out.type());
    assertEquals(List.of(Row.of("Joy__Ding", 20, 123), Row.of(null, 1, 2)), out.rows());
  }

  @Test
  void literalPatternIsNotARegex() throws Exception {
    assertEquals(List.of(Row.of("a-b", 1, 2)),
        apply(factory, "replace_field = name\npattern = \".\"\nreplacement = \"-\"", Row.of("a.b", 1, 2)).rows());
  }

  @Test
  void regexReplacesAllOrTheFirstMatch() throws Exception {
    String regex = "replace_field = name\npattern = \"\\\\s+\"\nreplacement = \"_\"\nis_regex = true";
    assertEquals(List.of(Row.of("Joy_Ding_X", 20, 123)), apply(factory, regex, Row.of("Joy  Ding X", 20, 123)).rows());
    assertEquals(List.of(Row.of("Joy_Ding X", 20, 123)),
        apply(factory, regex + "\nreplace_first = true", Row.of("Joy  Ding X", 20, 123)).rows());
    assertEquals(List.of(Row.of("Ding, Joy", 20, 123)), apply(factory,
        "replace_field = name\npattern = \"(\\\\w+) (\\\\w+)\"\nreplacement = \"$2, $1\"\nis_regex = true",
        Row.of("Joy Ding", 20, 123)).rows());
  }

  @Test
  void validation() {
    assertEquals(List.of("option 'replace_field': field 'age' is int, Replace works on string fields"),
        problems(factory, "replace_field = age\npattern = a\nreplacement = b"));
    assertEquals(List.of("option 'replace_field': field 'nme' is not in the input; input fields: name, age, card"),
        problems(factory, "replace_field = nme\npattern = a\nreplacement = b"));
    assertTrue(problems(factory, "replace_field = name\npattern = \"(\"\nreplacement = b\nis_regex = true").get(0)
        .startsWith("option 'pattern' is not a valid regex"));
    assertEquals(List.of("option 'replace_first' applies only with is_regex = true"),
        problems(factory, "replace_field = name\npattern = a\nreplacement = b\nreplace_first = true"));
    assertEquals(List.of("option 'pattern' is required", "option 'replacement' is required"),
        problems(factory, "replace_field = name"));
  }
}
