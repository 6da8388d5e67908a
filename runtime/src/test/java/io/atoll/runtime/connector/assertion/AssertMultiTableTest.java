package io.atoll.runtime.connector.assertion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.atoll.protocol.connector.SinkWriter;
import io.atoll.protocol.data.CatalogTable;
import io.atoll.protocol.data.DataType;
import io.atoll.protocol.data.Row;
import io.atoll.protocol.data.RowKind;
import io.atoll.protocol.data.RowType;
import io.atoll.runtime.connector.PluginHarness;
import io.atoll.runtime.connector.TestingWriterContext;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Assert over several tables: table-names, per-table tables_configs rules, catalog_table_rule. */
class AssertMultiTableTest {
  static final CatalogTable T1 = new CatalogTable("test.table1", RowType.of(
      new RowType.Field("c_int", DataType.Basic.INT), new RowType.Field("c_bigint", DataType.Basic.BIGINT)));
  static final CatalogTable T2 = new CatalogTable("test.table2", RowType.of(
      new RowType.Field("c_string", DataType.Basic.STRING)));
  static final List<CatalogTable> BOTH = List.of(T1, T2);

  private static final String PER_TABLE = """
      rules {
        row_rules = [ { rule_type = MIN_ROW, rule_value = 3 } ]
        table-names = ["test.table1", "test.table2"]
        tables_configs = [
          {
            table_path = "test.table1"
            row_rules = [ { rule_type = MIN_ROW, rule_value = 2 }, { rule_type = MAX_ROW, rule_value = 2 } ]
            field_rules = [ { field_name = c_int, field_type = int, field_value = [ { rule_type = MIN, rule_value = 0 } ] } ]
          },
          {
            table_path = "test.table2"
            row_rules = [ { rule_type = MAX_ROW, rule_value = 1 } ]
            field_rules = [ { field_name = c_string, field_value = [ { rule_type = NOT_NULL } ] } ]
          }
        ]
      }
      """;

  private static SinkWriter writer(String rules, List<CatalogTable> tables) throws Exception {
    AssertSinkFactory factory = new AssertSinkFactory();
    assertTrue(factory.multiTable());
    return factory.createSink(ConfigFactory.parseString(rules), tables)
        .createWriter(new TestingWriterContext(PluginHarness.JOB, 0, 1));
  }

  private static Row t1(int i) {
    return new Row(RowKind.INSERT, new Object[] {i, (long) i}, "test.table1");
  }

  private static Row t2(String s) {
    return new Row(RowKind.INSERT, new Object[] {s}, "test.table2");
  }

  @Test
  void perTableRulesPassOnTheRightCounts() throws Exception {
    SinkWriter w = writer(PER_TABLE, BOTH);
    w.write(t1(1));
    w.write(t2("a"));
    w.write(t1(2));
    w.finish();
  }

  @Test
  void aTablesRowCountIsItsOwn() throws Exception {
    SinkWriter w = writer(PER_TABLE, BOTH);
    w.write(t1(1));
    w.write(t2("a"));
    w.write(t2("b"));
    AssertRuleBrokenException e = assertThrows(AssertRuleBrokenException.class, w::finish);
    // the total (3) passes MIN_ROW 3; table1's own count (1) breaks its MIN_ROW 2
    assertEquals("Assert rule MIN_ROW (2) broken: the writer of subtask 0 received 1 rows of table 'test.table1'",
        e.getMessage());
  }

  @Test
  void fieldRulesApplyToTheirTableOnly() throws Exception {
    SinkWriter w = writer(PER_TABLE, BOTH);
    w.write(t2("fine"));
    AssertRuleBrokenException e = assertThrows(AssertRuleBrokenException.class, () -> w.write(t1(-5)));
    assertTrue(e.getMessage().startsWith("Assert rule MIN (0) broken: field 'c_int' is -5"), e.getMessage());
    assertThrows(AssertRuleBrokenException.class, () -> w.write(t2(null)));
  }

  @Test
  void tableNamesMustBeExactlyTheTablesSeen() throws Exception {
    SinkWriter w = writer("rules { table-names = [\"test.table1\", \"test.table2\"] }", BOTH);
    w.write(t1(1));
    AssertRuleBrokenException e = assertThrows(AssertRuleBrokenException.class, w::finish);
    assertEquals("Assert rule table-names [test.table1, test.table2] broken: the writer of subtask 0 received rows "
        + "of the tables [test.table1]", e.getMessage());
    SinkWriter both = writer("rules { table-names = [\"test.table2\", \"test.table1\"] }", BOTH);
    both.write(t2("x"));
    both.write(t1(1));
    both.finish();
  }

  @Test
  void rowRulesCountEveryTable() throws Exception {
    SinkWriter w = writer("rules { row_rules = [ { rule_type = MAX_ROW, rule_value = 1 } ] }", BOTH);
    w.write(t1(1));
    w.write(t2("a"));
    assertThrows(AssertRuleBrokenException.class, w::finish);
  }

  @Test
  void validationNamesTheTableAndElement() {
    List<String> problems = new AssertSinkFactory().validate(ConfigFactory.parseString("""
        rules {
          field_rules = [ { field_name = c_int, field_value = [ { rule_type = NOT_NULL } ] } ]
          tables_configs = [
            { table_path = "test.table9", row_rules = [] },
            { row_rules = [] },
            { table_path = "test.table2", field_rules = [ { field_name = nope } ] }
          ]
        }
        """), BOTH);
    assertEquals(List.of(
        "option 'rules.field_rules[0].field_name': field 'c_int' is not in the input; input fields: c_string "
            + "(table 'test.table2')",
        "option 'rules.tables_configs[0].table_path': 'test.table9' is not a table of the sink's input; its tables: "
            + "[test.table1, test.table2]",
        "option 'rules.tables_configs[1].table_path' is required: the table these rules check, e.g. \"db.t1\"",
        "option 'rules.tables_configs[2].field_rules[0].field_name': field 'nope' is not in the input; input "
            + "fields: c_string"), problems);
  }

  @Test
  void catalogTableRuleChecksColumnsAndTableName() {
    AssertSinkFactory factory = new AssertSinkFactory();
    String rule = """
        rules {
          catalog_table_rule {
            column_rule = [ { name = c_bigint, type = bigint }, { name = c_int, type = int, nullable = true } ]
            table_identifier_rule { catalog_name = "FakeSource", table = "test.table1" }
          }
        }
        """;
    assertEquals(List.of(), factory.validate(ConfigFactory.parseString(rule), List.of(T1)));
    assertEquals(List.of(
        "option 'rules.catalog_table_rule.column_rule': the columns are [c_string string], "
            + "the rule says [c_bigint bigint, c_int int] (table 'test.table2')",
        "option 'rules.catalog_table_rule.table_identifier_rule.table': the table is 'test.table2', the rule "
            + "says 'test.table1' (table 'test.table2')"),
        factory.validate(ConfigFactory.parseString(rule), BOTH));
    assertEquals(List.of(
        "option 'rules.catalog_table_rule.primary_key_rule': the table declares no primary key (schema.primaryKey)",
        "option 'rules.catalog_table_rule.column_rule[0].column_length' is not supported yet: Atoll schemas carry "
            + "only names and types"),
        factory.validate(ConfigFactory.parseString("""
            rules {
              catalog_table_rule {
                primary_key_rule { primary_key_name = pk, primary_key_columns = [c_int] }
                column_rule = [ { name = c_int, type = int, column_length = 4 }, { name = c_bigint, type = bigint } ]
              }
            }
            """), T1.type()));
  }

  @Test
  void columnRuleTypesMayNestRowsInGenericsAsSeaTunnelWritesThem() {
    RowType type = RowType.of(
        new RowType.Field("c_0", io.atoll.protocol.data.DataTypes.parse("map<string, {c_int = int, c_string = string}>")),
        new RowType.Field("c_1", io.atoll.protocol.data.DataTypes.parse("map<string, {c_int = int, c_row = {c_int = int}}>")));
    assertEquals(List.of(), new AssertSinkFactory().validate(ConfigFactory.parseString("""
        rules {
          catalog_table_rule {
            column_rule = [
              { name = "c_0", type = "map<string, {c_int=int\\nc_string=string}>" }
              { name = "c_1", type = "map<string, {\\"c_int\\":\\"int\\",\\"c_row\\":{\\"c_int\\":\\"int\\"}}>" }
            ]
          }
        }
        """), type));
  }
}
