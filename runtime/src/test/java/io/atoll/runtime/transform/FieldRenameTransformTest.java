package io.atoll.runtime.transform;

import static io.atoll.runtime.transform.TransformTesting.apply;
import static io.atoll.runtime.transform.TransformTesting.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.atoll.protocol.data.DataType;
import io.atoll.protocol.data.Row;
import java.util.List;
import org.junit.jupiter.api.Test;

class FieldRenameTransformTest {
  private final FieldRenameTransformFactory factory = new FieldRenameTransformFactory();

  private List<String> renamed(String hocon) throws Exception {
    return apply(factory, hocon).type().names();
  }

  @Test
  void caseThenPrefixAndSuffixKeepValuesAndTypes() throws Exception {
    Row row = Row.of("Joy", 20, 123);
    var out = apply(factory, "convert_case = UPPER\nprefix = \"F_\"\nsuffix = \"_S\"", row);
    assertEquals(List.of("F_NAME_S", "F_AGE_S", "F_CARD_S"), out.type().names());
    assertEquals(DataType.Basic.INT, out.type().typeAt(1));
    assertSame(row, out.rows().get(0));
    assertEquals(List.of("name", "age", "card"), renamed("convert_case = lower"));
  }

  @Test
  void regexReplacementsAreInsertedAsWrittenWhileTheRestChangesCase() throws Exception {
    assertEquals(List.of("NAME", "AGE", "my_cARD"), renamed("""
        convert_case = UPPER
        replacements_with_regex = [ { replace_from = "^c", replace_to = "my_c" } ]
        """));
    // every match of the rule is replaced
    assertEquals(List.of("nXmX", "XgX", "cXrd"), renamed(
        "replacements_with_regex = [ { replace_from = \"[ea]$|a\", replace_to = X } ]"));
  }

  @Test
  void theLastMatchingRuleWinsAndAnExactRuleMatchesTheWholeName() throws Exception {
    assertEquals(List.of("second", "age", "card"), renamed("""
        replacements_with_regex = [
          { replace_from = "name", replace_to = "first" }
          { replace_from = "na", replace_to = "second", is_regex = false }
          { replace_from = "^name$", replace_to = "second" }
        ]
        """));
    assertEquals(List.of("name", "years", "card"), renamed("""
        replacements_with_regex = [ { replace_from = "age", replace_to = "years", is_regex = false },
                                    { replace_from = "ag", replace_to = "x", is_regex = false } ]
        """));
  }

  @Test
  void aSpecificRuleWinsOverTheOthers() throws Exception {
    assertEquals(List.of("full_name", "P_AGE", "P_CARD"), renamed("""
        convert_case = UPPER
        prefix = "P_"
        specific = [ { field_name = name, target_name = full_name } ]
        """));
  }

  @Test
  void validation() {
    assertEquals(List.of("option 'convert_case' must be UPPER or LOWER, got 'title'"),
        problems(factory, "convert_case = title"));
    assertEquals(List.of("option 'replacements_with_regex': replace_from '(a' is not a valid regex: Unclosed group"),
        problems(factory, "replacements_with_regex = [ { replace_from = \"(a\", replace_to = b } ]"));
    assertEquals(List.of("option 'replacements_with_regex': every entry needs 'replace_to'"),
        problems(factory, "replacements_with_regex = [ { replace_from = a } ]"));
    assertEquals(List.of("option 'replacements_with_regex': field 'x' is named twice"),
        problems(factory, "replacements_with_regex = [ { replace_from = \"^(age|card)$\", replace_to = x } ]"));
    assertEquals(List.of("options 'replacements_with_regex' / 'specific' turn field 'age' into an empty name"),
        problems(factory, "replacements_with_regex = [ { replace_from = \"^age$\", replace_to = \" \" } ]"));
    assertEquals(List.of("option 'specific': every entry needs 'target_name'"),
        problems(factory, "specific = [ { field_name = age } ]"));
  }
}
