package io.atoll.runtime.connector.assertion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

class AssertValidationTest {
  private static List<String> problems(String rules) {
    return new AssertSinkFactory().validate(ConfigFactory.parseString(rules), AssertSinkTest.TYPE);
  }

  private static void assertProblem(String rules, String expected) {
    List<String> problems = problems(rules);
    assertTrue(problems.stream().anyMatch(p -> p.contains(expected)), "expected '" + expected + "' in " + problems);
  }

  @Test
  void fullSeaTunnelExampleIsValid() {
    assertEquals(List.of(), problems("""
        rules {
          row_rules = [{rule_type = MAX_ROW, rule_value = 10}, {rule_type = MIN_ROW, rule_value = 5}]
          field_rules = [{
            field_name = name
            field_type = string
            field_value = [{rule_type = NOT_NULL}, {rule_type = MIN_LENGTH, rule_value = 5},
              {rule_type = MAX_LENGTH, rule_value = 10}, {equals_to = "Ann"}]
          }, {
            field_name = age
            field_type = int
            field_value = [{rule_type = NOT_NULL}, {rule_type = MIN, rule_value = 32767},
              {rule_type = MAX, rule_value = 2147483647}]
          }, {
            field_name = who
            field_type = {
              n = string
              k = bigint
            }
          }]
        }
        """));
  }

  @Test
  void rulesIsRequired() {
    assertProblem("", "option 'rules' is required");
  }

  @Test
  void unknownRuleTypes() {
    assertProblem("rules { row_rules = [{rule_type = MAX_ROWS, rule_value = 1}] }",
        "option 'rules.row_rules[0].rule_type': 'MAX_ROWS' is not one of [MIN_ROW, MAX_ROW]");
    assertProblem("rules { field_rules = [{field_name = age, field_value = [{rule_type = MIN_ROW, rule_value = 1}]}] }",
        "option 'rules.field_rules[0].field_value[0].rule_type': 'MIN_ROW' is not one of");
  }

  @Test
  void fieldsMustBeInTheInput() {
    assertProblem("rules { field_rules = [{field_name = agee, field_value = [{rule_type = NOT_NULL}]}] }",
        "option 'rules.field_rules[0].field_name': field 'agee' is not in the input; input fields: name, age, price, "
            + "tags, who, nothing");
  }

  @Test
  void fieldTypeMustMatchTheInput() {
    assertProblem("rules { field_rules = [{field_name = age, field_type = string}] }",
        "option 'rules.field_rules[0].field_type': field 'age' is int in the input, the rule says string");
    assertProblem("rules { field_rules = [{field_name = age, field_type = BigInteger}] }",
        "option 'rules.field_rules[0].field_type': bad type 'BigInteger'");
  }

  @Test
  void ruleValuesMustBeNumbers() {
    assertProblem("rules { field_rules = [{field_name = age, field_value = [{rule_type = MIN, rule_value = low}]}] }",
        "option 'rules.field_rules[0].field_value[0].rule_value' must be a number for MIN, got \"low\"");
    assertProblem("rules { field_rules = [{field_name = age, field_value = [{rule_type = MAX}]}] }",
        "option 'rules.field_rules[0].field_value[0].rule_value' is required for MAX");
    assertProblem("rules { row_rules = [{rule_type = MIN_ROW, rule_value = 1.5}] }",
        "a row count must be a whole number >= 0, got 1.5");
  }

  @Test
  void minAndMaxNeedNumericFields() {
    assertProblem("rules { field_rules = [{field_name = name, field_value = [{rule_type = MIN, rule_value = 1}]}] }",
        "MIN needs a numeric field, 'name' is string; use MIN_LENGTH/MAX_LENGTH for text");
  }

  @Test
  void equalsToMustFitTheField() {
    assertProblem("rules { field_rules = [{field_name = age, field_value = [{equals_to = old}]}] }",
        "option 'rules.field_rules[0].field_value[0].equals_to': not a int for field 'age': expected int, got 'old'");
    assertProblem("rules { field_rules = [{field_name = nothing, field_value = [{equals_to = 1}]}] }",
        "field 'nothing' is of type null; use {rule_type = NULL}");
  }

  @Test
  void unknownKeysAreWarningsAsSeaTunnelIgnoresThem() {
    assertEquals(List.of("warning: option 'rules.field_rules[0].field_value[0]': unknown key 'rule_vaule' is ignored"
        + " (did you mean 'rule_value'?); known: [equals_to, rule_type, rule_value]",
        "option 'rules.field_rules[0].field_value[0].rule_value' is required for MIN"),
        problems("rules { field_rules = [{field_name = age, field_value = [{rule_type = MIN, rule_vaule = 1}]}] }"));
    assertProblem("rules { rule_ruls = [] }", "warning: option 'rules': unknown key 'rule_ruls' is ignored; known:");
    assertProblem("rules { field_rules = [{field_name = age, field_value = [{}]}] }", "needs rule_type or equals_to");
  }
}
