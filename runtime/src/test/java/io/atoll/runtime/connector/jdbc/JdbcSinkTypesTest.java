package io.atoll.runtime.connector.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.atoll.protocol.connector.SinkWriter;
import io.atoll.protocol.data.DataType;
import io.atoll.protocol.data.Row;
import io.atoll.protocol.data.RowType;
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
 * Every Atoll type written by the Jdbc sink into the PostgreSQL column types the source maps
 * (json, uuid and timestamptz included), read back with plain JDBC; and a table the sink creates
 * from the input schema holds the same values.
 */
class JdbcSinkTypesTest {
  private static final RowType INPUT = RowType.of(
      field("id", DataType.Basic.INT), field("b", DataType.Basic.BOOLEAN), field("s", DataType.Basic.SMALLINT),
      field("ti", DataType.Basic.TINYINT), field("l", DataType.Basic.BIGINT), field("f", DataType.Basic.FLOAT),
      field("d", DataType.Basic.DOUBLE), field("n", new DataType.Decimal(10, 3)), field("t", DataType.Basic.STRING),
      field("j", DataType.Basic.STRING), field("u", DataType.Basic.STRING), field("dt", DataType.Basic.DATE),
      field("tm", DataType.Basic.TIME), field("ts", DataType.Basic.TIMESTAMP), field("tz", DataType.Basic.TIMESTAMP),
      field("by", DataType.Basic.BYTES), field("ai", new DataType.Array(DataType.Basic.INT)),
      field("at", new DataType.Array(DataType.Basic.STRING)));
  private static final Object[] VALUES = {1, true, (short) 7, (byte) -3, 9_000_000_000L, 1.5f, 2.25,
      new BigDecimal("1234567.891"), "text é", "{\"a\": 1}", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
      LocalDate.of(2024, 2, 29), LocalTime.of(13, 14, 15, 123_456_000), LocalDateTime.of(2024, 2, 29, 13, 14, 15, 123_456_000),
      LocalDateTime.of(2024, 2, 29, 11, 14, 15), new byte[] {0, (byte) 0xff, 0x10}, Arrays.asList(1, null, 3),
      List.of("x", "y z")};
  private static final String SELECT = "SELECT id, b, s, ti, l, f, d, n, t, j, u, dt, tm, ts,"
      + " to_char(tz AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS'), encode(by, 'hex'), ai, at FROM %s ORDER BY id";
  private static final String EXPECTED = "1|t|7|-3|9000000000|1.5|2.25|1234567.891|text é|{\"a\": 1}"
      + "|a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11|2024-02-29|13:14:15.123456|2024-02-29 13:14:15.123456"
      + "|2024-02-29 11:14:15|00ff10|{1,NULL,3}|{x,\"y z\"}";
  private static final String NULLS = "2" + "|null".repeat(17);

  private JdbcTestDatabase db;

  @BeforeEach
  void createDatabase() {
    db = new JdbcTestDatabase("jdbc_sink_types");
  }

  @AfterEach
  void dropDatabase() {
    if (db != null) {
      db.close();
    }
  }

  private static RowType.Field field(String name, DataType type) {
    return new RowType.Field(name, type);
  }

  private void writeBothRows(String table) throws Exception {
    Object[] nulls = new Object[VALUES.length];
    nulls[0] = 2;
    try (SinkWriter writer = JdbcSinkWriters.writer(db, """
        generate_sink_sql = true
        database = "%s"
        table = "%s"
        """.formatted(db.login().url().replaceAll(".*/", ""), table), INPUT)) {
      writer.write(Row.of(VALUES));
      writer.write(Row.of(nulls));
      writer.snapshotState(1);
      writer.notifyCheckpointComplete(1);
    }
  }

  @Test
  void everyTypeRoundTripsIntoTheColumnsTheSourceReads() throws Exception {
    db.execute("""
        CREATE TABLE every_type (id int4 PRIMARY KEY, b bool, s int2, ti int2, l int8, f float4, d float8,
          n numeric(10, 3), t text, j jsonb, u uuid, dt date, tm time, ts timestamp, tz timestamptz, by bytea,
          ai int4[], at text[])""");
    writeBothRows("public.every_type");
    assertEquals(List.of(EXPECTED, NULLS),
        JdbcSinkWriters.rows(db, SELECT.formatted("every_type")));
  }

  @Test
  void aMissingTableIsCreatedFromTheInputSchema() throws Exception {
    writeBothRows("created");
    assertEquals(List.of("id|integer", "b|boolean", "s|smallint", "ti|smallint", "l|bigint", "f|real",
        "d|double precision", "n|numeric", "t|text", "j|text", "u|text", "dt|date",
        "tm|time without time zone", "ts|timestamp without time zone", "tz|timestamp without time zone",
        "by|bytea", "ai|ARRAY", "at|ARRAY"),
        JdbcSinkWriters.rows(db, "SELECT column_name, data_type FROM information_schema.columns"
            + " WHERE table_name = 'created' ORDER BY ordinal_position"));
    // tz is a timestamp column here: it holds the timestamp as given; j and u are text
    assertEquals(List.of(EXPECTED, NULLS),
        JdbcSinkWriters.rows(db, SELECT.formatted("created").replace("tz AT TIME ZONE 'UTC'", "tz")));
  }
}
