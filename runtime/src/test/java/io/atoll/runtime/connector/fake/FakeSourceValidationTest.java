package io.atoll.runtime.connector.fake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.atoll.protocol.data.RowType;
import java.util.List;
import org.junit.jupiter.api.Test;

class FakeSourceValidationTest {
  private static List<String> problems(String hocon) {
    return new FakeSourceFactory().validate(ConfigFactory.parseString(hocon), RowType.of());
  }

  private static void assertProblem(String hocon, String... fragments) {
    List<String> problems = problems(hocon);
    String all = String.join(" | ", problems);
    for (String fragment : fragments) {
      assertTrue(all.contains(fragment), "expected '" + fragment + "' in: " + all);
    }
  }

  @Test
  void aValidConfigHasNoProblems() {
    assertEquals(List.of(), problems(FakeSourceTest.ALL_TYPES));
  }

  @Test
  void schemaIsRequiredAndItsTypesChecked() {
    assertProblem("row.num = 3", "option 'schema' is required");
    assertProblem("schema { fields { a = integr } }", "schema.fields.a", "unknown type 'integr'");
    assertProblem("schema { fields { a = \"decimal(50, 2)\" } }", "schema.fields.a", "precision must be 1-38");
  }

  @Test
  void countsAndSizesMustBeSensible() {
    String schema = "schema { fields { a = int } }\n";
    assertProblem(schema + "row.num = -1", "option 'row.num' must be at least 0");
    assertProblem(schema + "split.num = 0", "option 'split.num' must be at least 1");
    assertProblem(schema + "split.read-interval = -5", "option 'split.read-interval' must be 0 or more");
    assertProblem(schema + "string.length = -1", "option 'string.length' must be at least 0");
  }

  @Test
  void boundsAndTemplatesMustFitTheirType() {
    String schema = "schema { fields { a = int } }\n";
    assertProblem(schema + "int.min = 10\nint.max = 5", "option 'int.min' (10) is greater than 'int.max' (5)");
    assertProblem(schema + "tinyint.max = 300", "option 'tinyint.max': 300 is outside tinyint");
    assertProblem(schema + "tinyint.template = [1, 200]", "option 'tinyint.template': 200 is outside");
    assertProblem(schema + "int.template = [1, x]", "option 'int.template': 'x' is not a whole number");
    assertProblem(schema + "double.template = [oops]", "option 'double.template': 'oops' is not a number");
    assertProblem(schema + "int.fake.mode = template", "option 'int.fake.mode' is template, but 'int.template'");
    assertProblem(schema + "date.month.template = [13]", "option 'date.month.template': 13 is outside 1 to 12");
  }

  @Test
  void fixedRowsMustMatchTheSchema() {
    String schema = """
        schema {
          fields {
            id = int
            name = string
          }
        }
        """;
    assertProblem(schema + "rows = [{fields = [1]}]", "option 'rows[0]'", "expected 2 values");
    assertProblem(schema + "rows = [{fields = [1, a]}, {fields = [x, b]}]", "option 'rows[1]'", "field 'id'",
        "expected int, got 'x'");
    assertProblem(schema + "rows = [{kind = UPSERT, fields = [1, a]}]", "option 'rows[0]'", "unknown row kind 'UPSERT'");
    assertProblem(schema + "rows = [{kinds = INSERT, fields = [1, a]}]", "unknown key 'kinds'");
    assertProblem(schema + "rows = [{fields = {id = 1, nme = a}}]", "unknown field 'nme'");
  }
}
