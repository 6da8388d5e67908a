package io.atoll.runtime.connector.fake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.atoll.protocol.data.DataTypes;
import io.atoll.protocol.data.Row;
import io.atoll.protocol.data.RowKind;
import io.atoll.protocol.data.RowType;
import io.atoll.runtime.connector.PluginHarness;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FakeSourceTest {
  static final Clock JUNE_2031 = Clock.fixed(Instant.parse("2031-06-15T12:00:00Z"), ZoneOffset.UTC);

  static FakeSourceFactory factory() {
    return new FakeSourceFactory(() -> 0L, JUNE_2031);
  }

  static final String ALL_TYPES = """
      schema {
        fields {
          c_string = string
          c_boolean = boolean
          c_tinyint = tinyint
          c_smallint = smallint
          c_int = int
          c_bigint = bigint
          c_float = float
          c_double = double
          c_decimal = "decimal(30, 8)"
          c_null = "null"
          c_bytes = bytes
          c_date = date
          c_time = time
          c_timestamp = timestamp
          c_array = "array<int>"
          c_map = "map<string, array<int>>"
          c_row = {
            r_int = int
            r_string = string
          }
        }
      }
      row.num = 4
      string.length = 7
      bytes.length = 3
      array.size = 2
      map.size = 3
      split.read-interval = 0
      """;

  @Test
  void generatesEverySeaTunnelTypeInSchemaOrder() throws Exception {
    PluginHarness.Result result = PluginHarness.source(factory(), ALL_TYPES).run();

    RowType type = result.producedType();
    assertEquals(List.of("c_string", "c_boolean", "c_tinyint", "c_smallint", "c_int", "c_bigint", "c_float",
        "c_double", "c_decimal", "c_null", "c_bytes", "c_date", "c_time", "c_timestamp", "c_array", "c_map",
        "c_row"), type.names());
    assertEquals(DataTypes.parse("map<string, array<int>>"), type.field("c_map").orElseThrow().type());
    assertEquals(4, result.rows().size());
    for (Row row : result.rows()) {
      assertEquals(RowKind.INSERT, row.kind());
      assertEquals(7, ((String) row.field(0)).length());
      assertInstanceOf(Boolean.class, row.field(1));
      assertInstanceOf(Byte.class, row.field(2));
      assertInstanceOf(Short.class, row.field(3));
      assertInstanceOf(Integer.class, row.field(4));
      assertInstanceOf(Long.class, row.field(5));
      assertInstanceOf(Float.class, row.field(6));
      assertInstanceOf(Double.class, row.field(7));
      BigDecimal decimal = (BigDecimal) row.field(8);
      assertEquals(8, decimal.scale());
      assertTrue(decimal.precision() <= 30);
      assertNull(row.field(9));
      assertEquals(3, ((byte[]) row.field(10)).length);
      assertEquals(2031, ((LocalDate) row.field(11)).getYear(), "the split's year when no template");
      assertInstanceOf(LocalTime.class, row.field(12));
      assertEquals(2031, ((LocalDateTime) row.field(13)).getYear());
      assertEquals(2, ((List<?>) row.field(14)).size());
      assertInstanceOf(Integer.class, ((List<?>) row.field(14)).get(0));
      Map<?, ?> map = (Map<?, ?>) row.field(15);
      assertTrue(map.size() >= 1 && map.size() <= 3);
      map.forEach((k, v) -> assertEquals(2, ((List<?>) v).size()));
      Row nested = (Row) row.field(16);
      assertInstanceOf(Integer.class, nested.field(0));
      assertEquals(7, ((String) nested.field(1)).length());
    }
    assertNotEquals(result.rows().get(0), result.rows().get(1), "rows differ from each other");
  }

  @Test
  void rowNumIsPerReaderAndSplitsFollowSeaTunnelsLayout() throws Exception {
    PluginHarness.Result result = PluginHarness.source(factory(), """
        schema { fields { id = bigint } }
        row.num = 10
        split.num = 3
        split.read-interval = 0
        """).parallelism(3).run();

    for (int subtask = 0; subtask < 3; subtask++) {
      assertEquals(10, result.rowsBySubtask().get(subtask).size(), "row.num rows for reader " + subtask);
    }
    assertEquals(List.of("fake-0", "fake-3", "fake-6"), result.splitsBySubtask().get(0));
    assertEquals(List.of("fake-1", "fake-4", "fake-7"), result.splitsBySubtask().get(1));
    assertEquals(List.of("fake-2", "fake-5", "fake-8"), result.splitsBySubtask().get(2));
  }

  @Test
  void zeroRowsStillFinishes() throws Exception {
    PluginHarness.Result result = PluginHarness.source(factory(), """
        schema { fields { id = int } }
        row.num = 0
        """).parallelism(2).run();
    assertEquals(0, result.rows().size());
  }

  @Test
  void templatesPickOnlyListedValues() throws Exception {
    PluginHarness.Result result = PluginHarness.source(factory(), """
        schema {
          fields {
            s = string
            ti = tinyint
            si = smallint
            i = int
            bi = bigint
            f = float
            d = double
            day = date
            t = time
            ts = timestamp
          }
        }
        row.num = 200
        split.read-interval = 0
        string.template = [alpha, beta]
        tinyint.template = [-3, 4]
        smallint.template = [300]
        int.template = [1, 2, 3]
        bigint.template = [9000000000]
        float.template = [1.5]
        double.template = [2.25, 3.5]
        date.year.template = [2020]
        date.month.template = [2]
        date.day.template = [30]
        time.hour.template = [5]
        time.minute.template = [6, 7]
        time.second.template = [8]
        """).run();

    Set<Object> strings = new HashSet<>();
    Set<Object> ints = new HashSet<>();
    for (Row row : result.rows()) {
      strings.add(row.field(0));
      assertTrue(Set.of((byte) -3, (byte) 4).contains(row.field(1)));
      assertEquals((short) 300, row.field(2));
      ints.add(row.field(3));
      assertEquals(9_000_000_000L, row.field(4));
      assertEquals(1.5f, row.field(5));
      assertTrue(Set.of(2.25, 3.5).contains(row.field(6)));
      assertEquals(LocalDate.of(2020, 2, 29), row.field(7), "day 30 is moved to February's last day");
      LocalTime time = (LocalTime) row.field(8);
      assertEquals(5, time.getHour());
      assertTrue(time.getMinute() == 6 || time.getMinute() == 7);
      assertEquals(8, time.getSecond());
      assertEquals(LocalDate.of(2020, 2, 29), ((LocalDateTime) row.field(9)).toLocalDate());
    }
    assertEquals(Set.of("alpha", "beta"), strings);
    assertEquals(Set.of(1, 2, 3), ints);
  }

  @Test
  void rangeModeIgnoresATemplateWhenAskedTo() throws Exception {
    PluginHarness.Result result = PluginHarness.source(factory(), """
        schema { fields { i = int } }
        row.num = 50
        int.fake.mode = range
        int.template = [-1]
        int.min = 100
        int.max = 101
        """).run();
    result.rows().forEach(r -> assertTrue((Integer) r.field(0) >= 100));
  }

  @Test
  void minAndMaxBoundEveryNumericType() throws Exception {
    PluginHarness.Result result = PluginHarness.source(factory(), """
        schema {
          fields {
            ti = tinyint
            si = smallint
            i = int
            bi = bigint
            f = float
            d = double
          }
        }
        row.num = 300
        tinyint.min = -2
        tinyint.max = 2
        smallint.min = 1000
        smallint.max = 1001
        int.min = 10
        int.max = 12
        bigint.min = -5
        bigint.max = -5
        float.min = 0.5
        float.max = 0.75
        double.min = -1.0
        double.max = 1.0
        """).run();

    Set<Object> ints = new HashSet<>();
    for (Row row : result.rows()) {
      byte ti = (Byte) row.field(0);
      assertTrue(ti >= -2 && ti <= 2);
      short si = (Short) row.field(1);
      assertTrue(si == 1000 || si == 1001);
      ints.add(row.field(2));
      assertEquals(-5L, row.field(3), "min = max gives a constant");
      float f = (Float) row.field(4);
      assertTrue(f >= 0.5f && f <= 0.75f);
      double d = (Double) row.field(5);
      assertTrue(d >= -1.0 && d < 1.0);
    }
    assertEquals(Set.of(10, 11, 12), ints, "max is inclusive");
  }

  @Test
  void fixedRowsCarryKindsAndTypedValuesForEveryReader() throws Exception {
    PluginHarness.Result result = PluginHarness.source(factory(), """
        schema {
          columns = [
            {name = id, type = int}, {name = name, type = string}, {name = price, type = "decimal(10, 2)"},
            {name = day, type = date}, {name = tags, type = "array<string>"}
          ]
        }
        rows = [
          { kind = INSERT, fields = [1, "A", 1.5, "2024-01-31", ["x", "y"]] }
          { kind = "-U", fields = { id = 2, name = "B", price = "2", day = "2024/02/01", tags = [] } }
          { fields = [3, null, null, null, null] }
        ]
        """).parallelism(2).run();

    for (int subtask = 0; subtask < 2; subtask++) {
      List<Row> rows = result.rowsBySubtask().get(subtask);
      assertEquals(3, rows.size(), "each reader emits all fixed rows");
      assertEquals(new Row(RowKind.INSERT, new Object[] {1, "A", new BigDecimal("1.50"), LocalDate.of(2024, 1, 31),
          List.of("x", "y")}), rows.get(0));
      assertEquals(new Row(RowKind.UPDATE_BEFORE, new Object[] {2, "B", new BigDecimal("2.00"),
          LocalDate.of(2024, 2, 1), List.of()}), rows.get(1));
      assertEquals(new Row(RowKind.INSERT, new Object[] {3, null, null, null, null}), rows.get(2));
    }
  }

  @Test
  void sameConfigGivesTheSameRowsEveryRun() throws Exception {
    String config = ALL_TYPES + "\nsplit.num = 2\n";
    List<Row> first = PluginHarness.source(factory(), config).parallelism(2).run().rows();
    List<Row> second = PluginHarness.source(factory(), config).parallelism(2).run().rows();
    assertEquals(first, second);
  }
}
