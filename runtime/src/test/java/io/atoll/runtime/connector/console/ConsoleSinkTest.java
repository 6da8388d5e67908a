package io.atoll.runtime.connector.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.ConfigFactory;
import io.atoll.protocol.data.DataType;
import io.atoll.protocol.data.DataTypes;
import io.atoll.protocol.data.Row;
import io.atoll.protocol.data.RowKind;
import io.atoll.protocol.data.RowType;
import io.atoll.runtime.connector.PluginHarness;
import io.atoll.runtime.connector.TestingWriterContext;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsoleSinkTest {
  private final List<String> lines = new ArrayList<>();
  private final List<Long> pauses = new ArrayList<>();
  private final ConsoleSinkFactory factory = new ConsoleSinkFactory(lines::add, pauses::add);

  static final RowType TYPE = RowType.of(
      new RowType.Field("id", DataType.Basic.INT),
      new RowType.Field("name", DataType.Basic.STRING),
      new RowType.Field("raw", DataType.Basic.BYTES),
      new RowType.Field("price", new DataType.Decimal(5, 2)),
      new RowType.Field("tags", DataTypes.parse("array<string>")),
      new RowType.Field("attrs", DataTypes.parse("map<string, int>")),
      new RowType.Field("who", RowType.of(new RowType.Field("n", DataType.Basic.STRING))));

  @Test
  void printsSchemaThenEveryRowLikeSeaTunnel() throws Exception {
    Map<String, Integer> attrs = new LinkedHashMap<>();
    attrs.put("a", 1);
    attrs.put("b", 2);
    try (var writer = factory.createSink(ConfigFactory.empty(), TYPE)
        .createWriter(new TestingWriterContext(PluginHarness.JOB, 3, 4))) {
      writer.write(Row.of(1, "Ann", "hi".getBytes(StandardCharsets.UTF_8), new BigDecimal("1.50"), List.of("x"), attrs,
          Row.of("z")));
      writer.write(new Row(RowKind.DELETE, new Object[] {2, null, null, null, null, null, null}));
      writer.finish();
    }
    assertEquals(List.of(
        "subtaskIndex=3 output rowType: id<int>, name<string>, raw<bytes>, price<decimal(5, 2)>, tags<array<string>>, "
            + "attrs<map<string, int>>, who<row<n string>>",
        "subtaskIndex=3 rowIndex=1: SeaTunnelRow#tableId= SeaTunnelRow#kind=INSERT : 1, Ann, hi, 1.50, [x], {a=1, b=2}, (z)",
        "subtaskIndex=3 rowIndex=2: SeaTunnelRow#tableId= SeaTunnelRow#kind=DELETE : 2, null, null, null, null, null, null"),
        lines);
    assertEquals(List.of(), pauses, "no delay by default");
  }

  @Test
  void printDataFalsePrintsOnlyTheSchema() throws Exception {
    PluginHarness.source(new io.atoll.runtime.connector.fake.FakeSourceFactory(), """
            schema { fields { id = int } }
            row.num = 3
            """)
        .sink(factory, "log.print.data = false")
        .run();
    assertEquals(List.of("subtaskIndex=0 output rowType: id<int>"), lines);
  }

  @Test
  void delayPausesAfterEachPrintedRow() throws Exception {
    PluginHarness.Result result = PluginHarness.source(new io.atoll.runtime.connector.fake.FakeSourceFactory(), """
            schema { fields { id = int } }
            row.num = 3
            """)
        .sink(factory, "log.print.delay.ms = 25")
        .run();
    assertEquals(3, result.rows().size());
    assertEquals(4, lines.size());
    assertEquals(List.of(25L, 25L, 25L), pauses);
  }

  @Test
  void aNegativeDelayIsRejected() {
    assertEquals(List.of("option 'log.print.delay.ms' must be 0 or more, got -1"),
        factory.validate(ConfigFactory.parseString("log.print.delay.ms = -1"), TYPE));
  }

  @Test
  void eachTableOfAMultiTableInputPrintsItsSchemaAndRowsItsTable() throws Exception {
    io.atoll.protocol.data.CatalogTable t1 = new io.atoll.protocol.data.CatalogTable("db.t1",
        RowType.of(new RowType.Field("id", DataType.Basic.INT)));
    try (var writer = factory.createSink(ConfigFactory.empty(), t1)
        .createWriter(new TestingWriterContext(PluginHarness.JOB, 0, 1))) {
      writer.write(new Row(RowKind.INSERT, new Object[] {7}, "db.t1"));
    }
    assertEquals(List.of(
        "subtaskIndex=0 tableId=db.t1 output rowType: id<int>",
        "subtaskIndex=0 rowIndex=1: SeaTunnelRow#tableId=db.t1 SeaTunnelRow#kind=INSERT : 7"), lines);
  }
}
