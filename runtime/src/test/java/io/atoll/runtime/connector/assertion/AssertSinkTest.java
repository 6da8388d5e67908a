package io.atoll.runtime.connector.assertion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.typesafe.config.ConfigFactory;
import io.atoll.protocol.connector.SinkWriter;
import io.atoll.protocol.data.DataType;
import io.atoll.protocol.data.DataTypes;
import io.atoll.protocol.data.Row;
import io.atoll.protocol.data.RowType;
import io.atoll.runtime.connector.PluginHarness;
import io.atoll.runtime.connector.TestingWriterContext;
import io.atoll.runtime.connector.fake.FakeSourceFactory;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class AssertSinkTest {
  static final RowType TYPE = RowType.of(
      new RowType.Field("name", DataType.Basic.STRING),
      new RowType.Field("age", DataType.Basic.INT),
      new RowType.Field("price", new DataType.Decimal(6, 2)),
      new RowType.Field("tags", DataTypes.parse("array<string>")),
      new RowType.Field("who", RowType.of(new RowType.Field("n", DataType.Basic.STRING),
          new RowType.Field("k", DataType.Basic.BIGINT))),
      new RowType.Field("nothing", DataType.Basic.NULL));

  static final Row ANN = Row.of("Ann", 30, new BigDecimal("9.50"), List.of("a", "b"), Row.of("x", 1L), null);

  private static SinkWriter writer(String rules, int subtask) throws Exception {
    return new AssertSinkFactory().createSink(ConfigFactory.parseString("rules { " + rules + " }"), TYPE)
        .createWriter(new TestingWriterContext(PluginHarness.JOB, subtask, 2));
  }

  private static String field(String name, String valueRules) {
    return "field_rules = [{field_name = " + name + ", field_value = [" + valueRules + "]}]";
  }

  private static void passes(String rules, Row... rows) throws Exception {
    try (SinkWriter w = writer(rules, 0)) {
      for (Row row : rows) {
        w.write(row);
      }
      w.finish();
    }
  }

  private static void breaks(String rules, Row row, String message) throws Exception {
    SinkWriter w = writer(rules, 0);
    Executable write = () -> w.write(row);
    assertEquals(message, assertThrows(AssertRuleBrokenException.class, write).getMessage());
  }

  @Test
  void notNull() throws Exception {
    passes(field("name", "{rule_type = NOT_NULL}"), ANN);
    breaks(field("name", "{rule_type = NOT_NULL}"), Row.of(null, 3, null, null, null, null),
        "Assert rule NOT_NULL broken: field 'name' is null in row +I[null, 3, null, null, null, null]");
  }

  @Test
  void isNull() throws Exception {
    passes(field("nothing", "{rule_type = NULL}"), ANN);
    breaks(field("price", "{rule_type = NULL}"), ANN,
        "Assert rule NULL broken: field 'price' is 9.50 in row " + ANN);
  }

  @Test
  void minAndMax() throws Exception {
    passes(field("age", "{rule_type = MIN, rule_value = 30}, {rule_type = MAX, rule_value = 30}"), ANN);
    passes(field("price", "{rule_type = MIN, rule_value = 9.5}, {rule_type = MAX, rule_value = 9.51}"), ANN);
    breaks(field("age", "{rule_type = MIN, rule_value = 31}"), ANN,
        "Assert rule MIN (31) broken: field 'age' is 30 in row " + ANN);
    breaks(field("price", "{rule_type = MAX, rule_value = 9.25}"), ANN,
        "Assert rule MAX (9.25) broken: field 'price' is 9.50 in row " + ANN);
    breaks(field("age", "{rule_type = MIN, rule_value = 0}"), Row.of("Ann", null, null, null, null, null),
        "Assert rule MIN (0) broken: field 'age' is null in row +I[Ann, null, null, null, null, null]");
  }

  @Test
  void minAndMaxLength() throws Exception {
    passes(field("name", "{rule_type = MIN_LENGTH, rule_value = 3}, {rule_type = MAX_LENGTH, rule_value = 3}"), ANN);
    breaks(field("name", "{rule_type = MIN_LENGTH, rule_value = 4}"), ANN,
        "Assert rule MIN_LENGTH (4) broken: field 'name' is 'Ann' in row " + ANN);
    breaks(field("name", "{rule_type = MAX_LENGTH, rule_value = 2}"), ANN,
        "Assert rule MAX_LENGTH (2) broken: field 'name' is 'Ann' in row " + ANN);
  }

  @Test
  void equalsTo() throws Exception {
    passes(field("name", "{equals_to = Ann}"), ANN);
    passes(field("price", "{equals_to = 9.5}"), ANN);
    passes(field("tags", "{equals_to = [a, b]}"), ANN);
    passes(field("who", "{equals_to = [x, 1]}, {equals_to = {n = x, k = 1}}"), ANN);
    breaks(field("name", "{equals_to = \"Bob\"}"), ANN,
        "Assert rule equals_to (\"Bob\") broken: field 'name' is 'Ann' in row " + ANN);
    breaks(field("who", "{equals_to = [x, 2]}"), ANN,
        "Assert rule equals_to ([\"x\",2]) broken: field 'who' is +I[x, 1] in row " + ANN);
  }

  @Test
  void fieldType() throws Exception {
    passes("field_rules = [{field_name = age, field_type = int}, {field_name = price, field_type = \"decimal(6, 2)\"}]",
        ANN);
    Row wrong = Row.of("Ann", "thirty", null, null, null, null);
    breaks("field_rules = [{field_name = age, field_type = int}]", wrong,
        "Assert rule field_type (int) broken: field 'age' is 'thirty' (String) in row " + wrong);
  }

  @Test
  void aNullIsOfTypeNullOnlyAsInSeaTunnel() throws Exception {
    Row noAge = Row.of("Ann", null, null, null, null, null);
    breaks("field_rules = [{field_name = age, field_type = int}]", noAge,
        "Assert rule field_type (int) broken: field 'age' is null in row " + noAge);
    passes("field_rules = [{field_name = age, field_type = \"null\", field_value = [{rule_type = NULL}]}]", noAge);
    Row innerNull = Row.of("Ann", 30, null, java.util.Arrays.asList("a", null), null, null);
    breaks("field_rules = [{field_name = tags, field_type = \"array<string>\"}]", innerNull,
        "Assert rule field_type (array<string>) broken: field 'tags' is [a, null] (ArrayList) in row " + innerNull);
  }

  @Test
  void rowCountsArePerWriterAndCheckedAtTheEnd() throws Exception {
    String rules = "row_rules = [{rule_type = MIN_ROW, rule_value = 2}, {rule_type = MAX_ROW, rule_value = 3}]";
    passes(rules, ANN, ANN);
    passes(rules, ANN, ANN, ANN);
    SinkWriter few = writer(rules, 1);
    few.write(ANN);
    assertEquals("Assert rule MIN_ROW (2) broken: the writer of subtask 1 received 1 rows",
        assertThrows(AssertRuleBrokenException.class, few::finish).getMessage());
    SinkWriter many = writer(rules, 0);
    for (int i = 0; i < 4; i++) {
      many.write(ANN);
    }
    assertEquals("Assert rule MAX_ROW (3) broken: the writer of subtask 0 received 4 rows",
        assertThrows(AssertRuleBrokenException.class, many::finish).getMessage());
  }

  @Test
  void drivenByTheHarnessAgainstFakeRows() throws Exception {
    String source = """
        schema {
          fields {
            id = int
            name = string
          }
        }
        row.num = 5
        int.min = 1
        int.max = 9
        string.template = [Ann, Bob]
        """;
    PluginHarness.source(new FakeSourceFactory(), source).parallelism(2).sink(new AssertSinkFactory(), """
        rules {
          row_rules = [{rule_type = MIN_ROW, rule_value = 5}, {rule_type = MAX_ROW, rule_value = 5}]
          field_rules = [
            {field_name = id, field_type = int, field_value = [{rule_type = NOT_NULL}, {rule_type = MIN, rule_value = 1},
              {rule_type = MAX, rule_value = 9}]}
            {field_name = name, field_type = string, field_value = [{rule_type = MIN_LENGTH, rule_value = 3},
              {rule_type = MAX_LENGTH, rule_value = 3}]}
          ]
        }
        """).run();
    AssertRuleBrokenException e = assertThrows(AssertRuleBrokenException.class, () ->
        PluginHarness.source(new FakeSourceFactory(), source).sink(new AssertSinkFactory(),
            "rules { field_rules = [{field_name = id, field_value = [{rule_type = MAX, rule_value = 0}]}] }").run());
    assertEquals(true, e.getMessage().startsWith("Assert rule MAX (0) broken: field 'id' is "), e.getMessage());
  }
}
