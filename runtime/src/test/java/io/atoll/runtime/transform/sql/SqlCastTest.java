package io.atoll.runtime.transform.sql;

import static io.atoll.runtime.transform.sql.SqlTesting.JOY;
import static io.atoll.runtime.transform.sql.SqlTesting.NULLS;
import static io.atoll.runtime.transform.sql.SqlTesting.problems;
import static io.atoll.runtime.transform.sql.SqlTesting.type;
import static io.atoll.runtime.transform.sql.SqlTesting.value;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.atoll.protocol.data.DataType;
import io.atoll.protocol.data.DataType.Basic;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** CAST(x AS type) to every Atoll type, from each kind of source value. */
class SqlCastTest {

  static Stream<Arguments> matrix() {
    return Stream.of(
        Arguments.of("cast(age as string)", "20", Basic.STRING),
        Arguments.of("cast(age as varchar)", "20", Basic.STRING),
        Arguments.of("cast(price as string)", "12.34", Basic.STRING),
        Arguments.of("cast(born as string)", "2004-02-29", Basic.STRING),
        // SeaTunnel writes a TIMESTAMP as Java's ISO text (a SeaTunnel 2.3.4 run gave 2023-12-31T23:59:59.999).
        Arguments.of("cast(seen as string)", "2024-03-15T10:20:30", Basic.STRING),
        Arguments.of("cast(cast('2024-01-02 03:04:00' as timestamp) as string)", "2024-01-02T03:04", Basic.STRING),
        Arguments.of("concat('at ', seen)", "at 2024-03-15T10:20:30", Basic.STRING),
        Arguments.of("cast(flag as string)", "true", Basic.STRING),
        Arguments.of("cast('true' as boolean)", true, Basic.BOOLEAN),
        Arguments.of("cast(0 as boolean)", false, Basic.BOOLEAN),
        Arguments.of("cast(age as tinyint)", (byte) 20, Basic.TINYINT),
        Arguments.of("cast('7' as smallint)", (short) 7, Basic.SMALLINT),
        Arguments.of("cast('42' as int)", 42, Basic.INT),
        Arguments.of("cast(score as int)", 91, Basic.INT),
        Arguments.of("cast(price as integer)", 12, Basic.INT),
        Arguments.of("cast(age as bigint)", 20L, Basic.BIGINT),
        Arguments.of("cast(' 5 ' as long)", 5L, Basic.BIGINT),
        Arguments.of("cast(age as float)", 20.0f, Basic.FLOAT),
        Arguments.of("cast('1.5' as double)", 1.5, Basic.DOUBLE),
        Arguments.of("cast(price as double)", 12.34, Basic.DOUBLE),
        Arguments.of("cast(score as decimal(10, 2))", new BigDecimal("91.50"), new DataType.Decimal(10, 2)),
        Arguments.of("cast('3.14159' as decimal(5, 3))", new BigDecimal("3.142"), new DataType.Decimal(5, 3)),
        // SeaTunnel's CAST to DECIMAL rounds towards positive infinity (values from a SeaTunnel 2.3.4 run).
        Arguments.of("cast(1.001 as decimal(10, 2))", new BigDecimal("1.01"), new DataType.Decimal(10, 2)),
        Arguments.of("cast(-13.45 as decimal(10, 1))", new BigDecimal("-13.4"), new DataType.Decimal(10, 1)),
        Arguments.of("cast(price as decimal(10, 1))", new BigDecimal("12.4"), new DataType.Decimal(10, 1)),
        Arguments.of("cast('2024-01-02' as date)", LocalDate.of(2024, 1, 2), Basic.DATE),
        Arguments.of("cast(seen as date)", LocalDate.of(2024, 3, 15), Basic.DATE),
        Arguments.of("cast('10:11:12' as time)", LocalTime.of(10, 11, 12), Basic.TIME),
        Arguments.of("cast(seen as time)", LocalTime.of(10, 20, 30), Basic.TIME),
        Arguments.of("cast('2024-01-02 03:04:05' as timestamp)", LocalDateTime.of(2024, 1, 2, 3, 4, 5), Basic.TIMESTAMP),
        Arguments.of("cast('2024-01-02T03:04:05.5' as datetime)", LocalDateTime.of(2024, 1, 2, 3, 4, 5, 500_000_000),
            Basic.TIMESTAMP),
        Arguments.of("cast(born as timestamp)", LocalDateTime.of(2004, 2, 29, 0, 0), Basic.TIMESTAMP),
        // SeaTunnel 2.3.4 (SystemFunction.castAs): a whole number is epoch millis as a TIMESTAMP in
        // the system zone, yyyyMMdd digits as a DATE and HHmmss digits as a TIME (its func_system e2e).
        Arguments.of("cast(1687747869032 as timestamp)", LocalDateTime.ofInstant(
            Instant.ofEpochMilli(1687747869032L), ZoneId.systemDefault()), Basic.TIMESTAMP),
        Arguments.of("cast(id as timestamp)", LocalDateTime.ofInstant(Instant.ofEpochMilli(1L),
            ZoneId.systemDefault()), Basic.TIMESTAMP),
        Arguments.of("cast(20230625 as date)", LocalDate.of(2023, 6, 25), Basic.DATE),
        Arguments.of("cast(235109 as time)", LocalTime.of(23, 51, 9), Basic.TIME));
  }

  @ParameterizedTest(name = "{0} = {1}")
  @MethodSource("matrix")
  void castsTo(String expression, Object expected, DataType expectedType) {
    assertEquals(expected, value(expression, JOY));
    assertEquals(expectedType, type(expression));
  }

  @Test
  void castToBytesIsUtf8() {
    assertArrayEquals("Joy Ding".getBytes(StandardCharsets.UTF_8), (byte[]) value("cast(name as bytes)", JOY));
    assertEquals(Basic.BYTES, type("cast(name as binary)"));
  }

  @Test
  void nullCastsToNullOfTheTargetType() {
    assertEquals(null, value("cast(age as string)", NULLS));
    assertEquals(Basic.INT, type("cast(null as int)"));
  }

  @Test
  void aValueThatCannotBeCastFailsNamingTheFieldAndExpression() {
    var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
        () -> value("cast(name as int)", JOY)).getCause();
    assertTrue(e.getMessage().equals("Sql transform: field 'v' = cast(name AS int) failed: cannot cast 'Joy Ding' to int"), e.getMessage());
    var where = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
        () -> SqlTesting.run("select id from t where cast(name as int) > 1", JOY)).getCause();
    assertTrue(where.getMessage().equals("Sql transform: WHERE cast(name AS int) > 1 failed: cannot cast 'Joy Ding' to int"),
        where.getMessage());
  }

  @Test
  void anUnknownTargetTypeIsAValidationError() {
    String p = problems("select cast(age as geometry) from t").get(0);
    assertTrue(p.startsWith("option 'query': CAST to 'geometry' is not supported; types: string"), p);
  }
}
