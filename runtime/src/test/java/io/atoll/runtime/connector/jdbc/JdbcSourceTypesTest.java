package io.atoll.runtime.connector.jdbc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.atoll.protocol.data.DataType;
import io.atoll.protocol.data.Row;
import io.atoll.protocol.data.RowType;
import io.atoll.runtime.connector.PluginHarness;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every PostgreSQL type the Jdbc source maps, written with SQL and read back through the source:
 * the schema from the metadata, and each value (and a row of NULLs) as the Java value of its type.
 */
class JdbcSourceTypesTest {
  private JdbcTestDatabase db;

  @BeforeEach
  void createDatabase() {
    db = new JdbcTestDatabase("jdbc_types");
  }

  @AfterEach
  void dropDatabase() {
    if (db != null) {
      db.close();
    }
  }

  @Test
  void everyMappedTypeRoundTrips() throws Exception {
    db.execute("""
        CREATE TABLE every_type (
          id int4 PRIMARY KEY, b bool, s int2, i int4, l int8, f float4, d float8,
          n numeric(10, 3), nu numeric, c char(3), v varchar(20), t text, j json, jb jsonb, u uuid,
          dt date, tm time, ts timestamp, tz timestamptz, by bytea,
          ai int4[], al int8[], at text[], ab bool[], ad float8[])""",
        """
        INSERT INTO every_type VALUES (1, true, 7, -42, 9000000000, 1.5, 2.25,
          1234567.891, 12.5, 'ab', 'varchar', 'text', '{"a": 1}', '{"b": [1, 2]}',
          'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '2024-02-29', '13:14:15.123456', '2024-02-29 13:14:15.123456',
          '2024-02-29 13:14:15+02', '\\x00ff10', '{1, null, 3}', '{9000000000}', '{"x", "y z"}', '{true, false}',
          '{0.5}')""",
        "INSERT INTO every_type (id) VALUES (2)");

    PluginHarness.Result result = PluginHarness.source(new JdbcSourceFactory(),
        db.loginOptions() + "table_path = \"" + db.login().url().replaceAll(".*/", "") + ".public.every_type\"\n"
            + "where_condition = \"where id > 0\"").run();

    RowType expected = new RowType(List.of(
        field("id", DataType.Basic.INT), field("b", DataType.Basic.BOOLEAN), field("s", DataType.Basic.INT),
        field("i", DataType.Basic.INT), field("l", DataType.Basic.BIGINT), field("f", DataType.Basic.FLOAT),
        field("d", DataType.Basic.DOUBLE), field("n", new DataType.Decimal(10, 3)),
        field("nu", new DataType.Decimal(38, 18)), field("c", DataType.Basic.STRING),
        field("v", DataType.Basic.STRING), field("t", DataType.Basic.STRING), field("j", DataType.Basic.STRING),
        field("jb", DataType.Basic.STRING), field("u", DataType.Basic.STRING), field("dt", DataType.Basic.DATE),
        field("tm", DataType.Basic.TIME), field("ts", DataType.Basic.TIMESTAMP), field("tz", DataType.Basic.TIMESTAMP),
        field("by", DataType.Basic.BYTES), field("ai", new DataType.Array(DataType.Basic.INT)),
        field("al", new DataType.Array(DataType.Basic.BIGINT)), field("at", new DataType.Array(DataType.Basic.STRING)),
        field("ab", new DataType.Array(DataType.Basic.BOOLEAN)), field("ad", new DataType.Array(DataType.Basic.DOUBLE))));
    assertEquals(expected, result.producedType());

    List<Row> rows = result.rows().stream().sorted((a, b) -> ((Integer) a.field(0)).compareTo((Integer) b.field(0))).toList();
    assertEquals(2, rows.size());
    Object[] values = rows.get(0).values();
    assertArrayEquals(new Object[] {1, true, 7, -42, 9_000_000_000L, 1.5f, 2.25,
        new BigDecimal("1234567.891"), new BigDecimal("12.500000000000000000"), "ab ", "varchar", "text",
        "{\"a\": 1}", "{\"b\": [1, 2]}", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", LocalDate.of(2024, 2, 29),
        LocalTime.of(13, 14, 15, 123_456_000), LocalDateTime.of(2024, 2, 29, 13, 14, 15, 123_456_000),
        LocalDateTime.of(2024, 2, 29, 11, 14, 15)}, Arrays.copyOf(values, 19));
    assertArrayEquals(new byte[] {0, (byte) 0xff, 0x10}, (byte[]) values[19]);
    assertEquals(Arrays.asList(1, null, 3), values[20]);
    assertEquals(List.of(9_000_000_000L), values[21]);
    assertEquals(List.of("x", "y z"), values[22]);
    assertEquals(List.of(true, false), values[23]);
    assertEquals(List.of(0.5), values[24]);

    Object[] nulls = rows.get(1).values();
    assertEquals(2, nulls[0]);
    for (int i = 1; i < nulls.length; i++) {
      assertNull(nulls[i], "column " + expected.fields().get(i).name());
    }
  }

  @Test
  void aDecimalValueThatDoesNotFitFailsTheReadInsteadOfRounding() throws Exception {
    db.execute("CREATE TABLE wide (n numeric)", "INSERT INTO wide VALUES (0.1234567890123456789)");
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> PluginHarness.source(new JdbcSourceFactory(), db.loginOptions() + "query = \"select n from wide\"").run());
    assertTrue(e.getMessage().contains("column 'n' (numeric) holds 0.1234567890123456789"),
        e.getMessage());
  }

  private static RowType.Field field(String name, DataType type) {
    return new RowType.Field(name, type);
  }
}
