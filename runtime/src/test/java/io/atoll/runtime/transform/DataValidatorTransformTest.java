package io.atoll.runtime.transform;

import static io.atoll.runtime.transform.TransformTesting.apply;
import static io.atoll.runtime.transform.TransformTesting.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.typesafe.config.ConfigFactory;
import io.atoll.protocol.connector.Transform;
import io.atoll.protocol.data.Row;
import java.util.List;
import org.junit.jupiter.api.Test;

class DataValidatorTransformTest {
  private final DataValidatorTransformFactory factory = new DataValidatorTransformFactory();

  private static final String RULES = """
      field_rules = [
        { field_name = name, rule_type = NOT_NULL }
        { field_name = name, rules = [ { rule_type = LENGTH, min_length = 2, max_length = 5 },
                                       { rule_type = REGEX, pattern = "[a-z]+", case_sensitive = false } ] }
        { field_name = age, rule_type = RANGE, min_value = 0, max_value = 150, max_inclusive = false }
      ]
      """;

  private List<Integer> kept(String hocon, Row... rows) throws Exception {
    return apply(factory, hocon, rows).rows().stream().map(r -> (Integer) r.field(2)).toList();
  }

  @Test
  void skipDropsEveryRowThatBreaksARuleAndKeepsTheOthersUnchanged() throws Exception {
    assertEquals(List.of(1, 7, 8), kept("error_handle_way = SKIP\n" + RULES,
        Row.of("Ann", 30, 1),
        Row.of(null, 30, 2),      // NOT_NULL
        Row.of("A", 30, 3),       // too short
        Row.of("Annabel", 30, 4), // too long
        Row.of("An1", 30, 5),     // not letters only
        Row.of("Ann", 150, 6),    // max exclusive
        Row.of("BOB", 0, 7),      // case-insensitive pattern, min inclusive
        Row.of("Bob", null, 8))); // null passes RANGE
  }

  @Test
  void theOlderRowErrorHandleWayNameWorksToo() throws Exception {
    assertEquals(List.of(1), kept("row_error_handle_way = SKIP\n" + RULES, Row.of("Ann", 30, 1), Row.of("A", 30, 2)));
  }

  @Test
  void failIsTheDefaultAndNamesFieldRuleAndValue() throws Exception {
    String hocon = "field_rules = [{ field_name = age, rule_type = RANGE, min_value = 18 },"
        + " { field_name = name, rule_type = NOT_NULL, custom_message = \"Name is required\" }]";
    try (Transform t = factory.createTransform(ConfigFactory.parseString(hocon), TransformTesting.INPUT)) {
      var e = assertThrows(IllegalStateException.class, () -> t.process(Row.of("Ann", 17, 1), r -> { }));
      assertEquals("DataValidator: field 'age' breaks its RANGE rule: value 17 is below minimum 18 in row"
          + " +I[Ann, 17, 1]; set error_handle_way = SKIP to drop such rows", e.getMessage());
      e = assertThrows(IllegalStateException.class, () -> t.process(Row.of(null, 20, 1), r -> { }));
      assertEquals("DataValidator: field 'name' breaks its NOT_NULL rule: Name is required in row"
          + " +I[null, 20, 1]; set error_handle_way = SKIP to drop such rows", e.getMessage());
    }
  }

  @Test
  void validation() {
    assertEquals(List.of("option 'field_rules' entry 1: RANGE checks numbers; the field is string",
            "option 'field_rules': field 'nme' is not in the input; input fields: name, age, card",
            "option 'field_rules' entry 3: unknown rule_type 'UNIQUE'; known: NOT_NULL, RANGE, LENGTH, REGEX",
            "option 'field_rules' entry 4: 'pattern' is not a valid regex: Unclosed group",
            "option 'field_rules' entry 5: UDF rules are not supported; use NOT_NULL, RANGE, LENGTH or REGEX",
            "option 'field_rules' entry 6: 'max_value' must be a number, got 'lots'",
            "option 'error_handle_way': ROUTE_TO_TABLE is not supported yet; use FAIL or SKIP"),
        problems(factory, """
            error_handle_way = ROUTE_TO_TABLE
            field_rules = [
              { field_name = name, rule_type = RANGE, min_value = 1 }
              { field_name = nme, rule_type = NOT_NULL }
              { field_name = age, rule_type = UNIQUE }
              { field_name = name, rule_type = REGEX, pattern = "(a" }
              { field_name = name, rule_type = UDF, function_name = EMAIL }
              { field_name = age, rule_type = RANGE, max_value = lots }
            ]
            """));
  }
}
