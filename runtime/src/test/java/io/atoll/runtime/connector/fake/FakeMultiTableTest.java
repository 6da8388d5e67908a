package io.atoll.runtime.connector.fake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.atoll.protocol.connector.Source;
import io.atoll.protocol.data.CatalogTable;
import io.atoll.protocol.data.Row;
import io.atoll.protocol.data.RowType;
import io.atoll.runtime.connector.PluginHarness;
import io.atoll.protocol.connector.SourceReader;
import io.atoll.protocol.connector.SourceSplit;
import io.atoll.runtime.connector.TestingReaderContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** FakeSource's {@code tables_configs}: several tables, each from its own element, rows carrying their table. */
class FakeMultiTableTest {
  static final String TWO_TABLES = """
      tables_configs = [
        {
          row.num = 16
          split.num = 3
          split.read-interval = 0
          schema {
            table = "test.table1"
            fields {
              c_int = int
              c_bigint = bigint
            }
          }
        },
        {
          row.num = 17
          split.read-interval = 0
          schema { table = "test.table2", fields { c_string = string } }
        },
        {
          schema { table = "fixed", fields { id = int } }
          split.read-interval = 0
          rows = [ { kind = INSERT, fields = [7] }, { kind = DELETE, fields = [8] } ]
        }
      ]
      """;

  @Test
  void eachTableHasItsSchemaAndCount() throws Exception {
    Source source = FakeSourceTest.factory().createSource(ConfigFactory.parseString(TWO_TABLES));
    assertEquals(List.of(
        new CatalogTable("test.table1", RowType.of(field("c_int", "int"), field("c_bigint", "bigint"))),
        new CatalogTable("test.table2", RowType.of(field("c_string", "string"))),
        new CatalogTable("fixed", RowType.of(field("id", "int")))), source.producedTables());

    PluginHarness.Result result = PluginHarness.source(FakeSourceTest.factory(), TWO_TABLES).parallelism(2).run();
    Map<String, Long> perTable = result.rows().stream().collect(Collectors.groupingBy(Row::table, Collectors.counting()));
    // row.num is per reader, as for a single table; fixed rows go to every reader
    assertEquals(Map.of("test.table1", 32L, "test.table2", 34L, "fixed", 4L), perTable);
    for (Row row : result.rows()) {
      int arity = row.table().equals("test.table1") ? 2 : 1;
      assertEquals(arity, row.arity(), row.toString());
    }
    assertTrue(result.rows().stream().anyMatch(r -> r.table().equals("fixed") && r.field(0).equals(8)));
  }

  @Test
  void aRestoredReaderGoesOnWithTheRightTable() throws Exception {
    Source source = FakeSourceTest.factory().createSource(ConfigFactory.parseString(TWO_TABLES));
    FakeSplit second = new FakeSplit(0, 0, 17, 2031, 1);
    assertEquals(second, FakeSplit.of(second.toSourceSplit()));
    assertEquals("fake-1-0", second.toSourceSplit().splitId());
    TestingReaderContext context = new TestingReaderContext(PluginHarness.JOB, 0, 1);
    SourceReader reader = source.createReader(context);
    reader.open();
    reader.addSplits(List.of(new FakeSplit(0, 0, 1500, 2031, 0).toSourceSplit(), second.toSourceSplit()));
    reader.pollNext(row -> { });
    List<SourceSplit> snapshot = reader.snapshotState(1);
    assertEquals(List.of(new FakeSplit(0, 1000, 1500, 2031, 0), second),
        snapshot.stream().map(FakeSplit::of).toList());
    TestingReaderContext again = new TestingReaderContext(PluginHarness.JOB, 0, 1);
    SourceReader restored = source.createReader(again);
    restored.open();
    restored.addSplits(snapshot);
    restored.handleNoMoreSplits();
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      restored.pollNext(rows::add);
    }
    assertEquals(500, rows.stream().filter(r -> r.table().equals("test.table1")).count());
    assertEquals(17, rows.stream().filter(r -> r.table().equals("test.table2") && r.arity() == 1).count());
  }

  @Test
  void aSingleTableSourceNamesNoTable() throws Exception {
    Source source = FakeSourceTest.factory().createSource(ConfigFactory.parseString("schema { fields { a = int } }"));
    assertEquals(List.of(CatalogTable.only(RowType.of(field("a", "int")))), source.producedTables());
    PluginHarness.Result result = PluginHarness.source(FakeSourceTest.factory(), "schema { fields { a = int } }").run();
    assertTrue(result.rows().stream().allMatch(r -> r.table() == null));
  }

  @Test
  void aSingleTableNamedBySchemaTableCarriesIt() throws Exception {
    String hocon = "schema { table = \"db.only\", fields { a = int } }\nsplit.read-interval = 0";
    Source source = FakeSourceTest.factory().createSource(ConfigFactory.parseString(hocon));
    assertEquals(List.of(new CatalogTable("db.only", RowType.of(field("a", "int")))), source.producedTables());
    PluginHarness.Result result = PluginHarness.source(FakeSourceTest.factory(), hocon).run();
    assertEquals(5, result.rows().size());
    assertTrue(result.rows().stream().allMatch(r -> "db.only".equals(r.table())));
  }

  @Test
  void declaredKeysAreReadAndChecked() {
    Source source = FakeSourceTest.factory().createSource(ConfigFactory.parseString("""
        schema {
          fields { id = int }
          primaryKey { name = pk, columnNames = [id] }
          constraintKeys = [ { constraintName = u, constraintType = UNIQUE_KEY, constraintColumns = [ { columnName = id } ] } ]
        }
        """));
    CatalogTable table = source.producedTables().get(0);
    assertEquals(new CatalogTable.PrimaryKey("pk", List.of("id")), table.primaryKey());
    assertEquals(List.of(new CatalogTable.ConstraintKey("u", "UNIQUE_KEY", List.of(new CatalogTable.KeyColumn("id", "ASC")))),
        table.constraintKeys());
    assertEquals(List.of("option 'tables_configs[0]' (table 't'): option 'schema.primaryKey.columnNames': column 'nope' "
            + "is not in the schema; it has [id]"),
        new FakeSourceFactory().validate(ConfigFactory.parseString("""
            tables_configs = [ { schema { table = t, fields { id = int }, primaryKey { name = pk, columnNames = [nope] } } } ]
            """), RowType.of()));
  }

  @Test
  void problemsNameTheElement() {
    List<String> problems = new FakeSourceFactory().validate(ConfigFactory.parseString("""
        tables_configs = [
          { schema { table = "a.t", fields { x = int } }, row.num = -1 },
          { schema { table = "a.t", fields { x = int } } },
          { row.num = 2 }
        ]
        """), RowType.of());
    assertEquals(List.of(
        "option 'tables_configs[1]': table 'a.t' is also tables_configs[0]; each table needs its own schema.table",
        "option 'tables_configs[0]' (table 'a.t'): option 'row.num' must be at least 0, got -1",
        "option 'tables_configs[2]' (table 'default.default.default'): option 'schema' is required: "
            + "schema { fields { id = int, name = string } }"), problems);
    assertEquals(List.of("option 'tables_configs' lists no table"),
        new FakeSourceFactory().validate(ConfigFactory.parseString("tables_configs = []"), RowType.of()));
  }

  private static RowType.Field field(String name, String type) {
    return new RowType.Field(name, io.atoll.protocol.data.DataTypes.parse(type));
  }
}
