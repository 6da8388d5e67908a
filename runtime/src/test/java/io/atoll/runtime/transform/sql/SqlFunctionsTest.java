package io.atoll.runtime.transform.sql;

import static io.atoll.runtime.transform.sql.SqlTesting.JOY;
import static io.atoll.runtime.transform.sql.SqlTesting.NULLS;
import static io.atoll.runtime.transform.sql.SqlTesting.type;
import static io.atoll.runtime.transform.sql.SqlTesting.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.atoll.protocol.data.DataType;
import io.atoll.protocol.data.DataType.Basic;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The function library by family, on the sample row JOY (name 'Joy Ding', age 20, ...), with result types. */
class SqlFunctionsTest {

  static Stream<Arguments> strings() {
    return Stream.of(
        Arguments.of("ASCII('Hi')", 72, Basic.INT),
        Arguments.of("CHAR(65)", "A", Basic.STRING),
        Arguments.of("LENGTH(name)", 8L, Basic.BIGINT),
        Arguments.of("CHAR_LENGTH('')", 0L, Basic.BIGINT),
        Arguments.of("OCTET_LENGTH('é')", 2L, Basic.BIGINT),
        Arguments.of("BIT_LENGTH('ab')", 16L, Basic.BIGINT),
        Arguments.of("RAWTOHEX('Az')", "0041007a", Basic.STRING),
        Arguments.of("HEXTORAW('0041007a')", "Az", Basic.STRING),
        Arguments.of("TO_CHAR(age)", "20", Basic.STRING),
        Arguments.of("TO_CHAR(born, 'dd.MM.yyyy')", "29.02.2004", Basic.STRING),
        Arguments.of("CONCAT(name, '_', age)", "Joy Ding_20", Basic.STRING),
        Arguments.of("CONCAT(null, 'a', null)", "a", Basic.STRING),
        Arguments.of("CONCAT(null, null)", "", Basic.STRING),
        Arguments.of("CONCAT_WS(',', 'a', null, 'b')", "a,b", Basic.STRING),
        Arguments.of("UPPER(name)", "JOY DING", Basic.STRING),
        Arguments.of("UCASE('a')", "A", Basic.STRING),
        Arguments.of("LOWER(name)", "joy ding", Basic.STRING),
        Arguments.of("LCASE('A')", "a", Basic.STRING),
        Arguments.of("LEFT(name, 3)", "Joy", Basic.STRING),
        Arguments.of("RIGHT(name, 4)", "Ding", Basic.STRING),
        Arguments.of("TRIM('  a b  ')", "a b", Basic.STRING),
        Arguments.of("LTRIM('  a ')", "a ", Basic.STRING),
        Arguments.of("TRIM(LEADING 'x' FROM 'xxaxx')", "axx", Basic.STRING),
        Arguments.of("TRIM(BOTH 'x' FROM 'xxaxx')", "a", Basic.STRING),
        Arguments.of("RTRIM('xxaxx', 'x')", "xxa", Basic.STRING),
        Arguments.of("REPLACE(name, 'Ding', 'D')", "Joy D", Basic.STRING),
        Arguments.of("REPLACE(name, ' Ding')", "Joy", Basic.STRING),
        Arguments.of("SUBSTRING(name, 5)", "Ding", Basic.STRING),
        Arguments.of("SUBSTRING(name, 1, 3)", "Joy", Basic.STRING),
        Arguments.of("SUBSTR(name, -4, 2)", "Di", Basic.STRING),
        Arguments.of("SPLIT('a,b,,c', ',')", List.of("a", "b", "", "c"), new DataType.Array(Basic.STRING)),
        Arguments.of("REPEAT('ab', 3)", "ababab", Basic.STRING),
        Arguments.of("SPACE(2)", "  ", Basic.STRING),
        Arguments.of("LPAD('7', 3, '0')", "007", Basic.STRING),
        Arguments.of("RPAD('ab', 4)", "ab  ", Basic.STRING),
        Arguments.of("LOCATE('D', name)", 5, Basic.INT),
        Arguments.of("INSTR(name, 'x')", 0, Basic.INT),
        Arguments.of("POSITION('oy', name)", 2, Basic.INT),
        Arguments.of("TRANSLATE('Hello world', 'eo', 'EO')", "HEllO wOrld", Basic.STRING),
        Arguments.of("REGEXP_LIKE(name, '^J.*g$')", true, Basic.BOOLEAN),
        Arguments.of("REGEXP_LIKE(name, '^j', 'i')", true, Basic.BOOLEAN),
        Arguments.of("REGEXP_LIKE(name, '^j')", false, Basic.BOOLEAN),
        Arguments.of("REGEXP_REPLACE('Hello World', ' +', '_')", "Hello_World", Basic.STRING),
        Arguments.of("REGEXP_REPLACE('abc', 'B', 'x', 'i')", "axc", Basic.STRING),
        Arguments.of("REGEXP_SUBSTR('2020-10-01', '\\d{4}')", "2020", Basic.STRING),
        Arguments.of("REGEXP_SUBSTR('2020-10-01', '(\\d{4})-(\\d{2})', 1, 1, null, 2)", "10", Basic.STRING),
        Arguments.of("REGEXP_SUBSTR('a1b2', '\\d', 1, 2)", "2", Basic.STRING),
        Arguments.of("INSERT(name, 1, 1, ' ')", " oy Ding", Basic.STRING),
        Arguments.of("INSERT(name, 5, 4, 'Ping')", "Joy Ping", Basic.STRING),
        Arguments.of("INSERT(name, 4, 100, '!')", "Joy!", Basic.STRING),
        Arguments.of("INSERT(name, 9, 1, '!')", "Joy Ding!", Basic.STRING),
        Arguments.of("INSERT(name, 0, 1, '!')", "Joy Ding", Basic.STRING),
        Arguments.of("INSERT(name, 2, 0, '!')", "Joy Ding", Basic.STRING),
        Arguments.of("INSERT(name, 2, 1, '')", "Joy Ding", Basic.STRING),
        Arguments.of("INSERT(null, 1, 1, 'x')", "x", Basic.STRING),
        Arguments.of("INSERT(name, 1, 1, null)", "Joy Ding", Basic.STRING),
        Arguments.of("INSERT(null, 1, 1, null)", null, Basic.STRING),
        Arguments.of("SOUNDEX(name)", "J352", Basic.STRING),
        Arguments.of("SOUNDEX('Robert')", "R163", Basic.STRING),
        Arguments.of("SOUNDEX('rupert')", "R163", Basic.STRING),
        Arguments.of("SOUNDEX('Ashcraft')", "A261", Basic.STRING),
        Arguments.of("SOUNDEX('Tymczak')", "T522", Basic.STRING),
        Arguments.of("SOUNDEX('Pfister')", "P236", Basic.STRING),
        Arguments.of("SOUNDEX('Lee')", "L000", Basic.STRING),
        Arguments.of("SOUNDEX('1-2')", "0000", Basic.STRING),
        Arguments.of("SOUNDEX(null)", null, Basic.STRING),
        Arguments.of("UPPER(null)", null, Basic.STRING));
  }

  static Stream<Arguments> numbers() {
    return Stream.of(
        Arguments.of("ABS(-5)", 5, Basic.INT),
        Arguments.of("ABS(-id)", 1L, Basic.BIGINT),
        Arguments.of("ABS(-1.5)", 1.5, Basic.DOUBLE),
        Arguments.of("ABS(-price)", new BigDecimal("12.34"), new DataType.Decimal(10, 2)),
        Arguments.of("CEIL(score)", 92.0, Basic.DOUBLE),
        Arguments.of("CEILING(price)", new BigDecimal("13.00"), new DataType.Decimal(10, 2)),
        Arguments.of("FLOOR(score)", 91.0, Basic.DOUBLE),
        Arguments.of("FLOOR(age)", 20, Basic.INT),
        Arguments.of("ROUND(score)", 92.0, Basic.DOUBLE),
        Arguments.of("ROUND(12.345, 2)", 12.35, Basic.DOUBLE),
        Arguments.of("ROUND(price, 1)", new BigDecimal("12.30"), new DataType.Decimal(10, 2)),
        Arguments.of("ROUND(age, -1)", 20, Basic.INT),
        Arguments.of("TRUNC(12.345, 1)", 12.3, Basic.DOUBLE),
        Arguments.of("MOD(10, 3)", 1, Basic.INT),
        Arguments.of("MOD(id + 9, 4)", 2, Basic.INT),
        Arguments.of("MOD(age, id + 2)", 2L, Basic.BIGINT),
        Arguments.of("POWER(2, 10)", 1024.0, Basic.DOUBLE),
        Arguments.of("SQRT(16)", 4.0, Basic.DOUBLE),
        Arguments.of("SIGN(-3)", -1, Basic.INT),
        Arguments.of("EXP(0)", 1.0, Basic.DOUBLE),
        Arguments.of("LN(1)", 0.0, Basic.DOUBLE),
        Arguments.of("LOG10(1000)", 3.0, Basic.DOUBLE),
        Arguments.of("LOG(2, 8)", 3.0, Basic.DOUBLE),
        Arguments.of("PI()", Math.PI, Basic.DOUBLE),
        Arguments.of("DEGREES(PI())", 180.0, Basic.DOUBLE),
        Arguments.of("COS(0)", 1.0, Basic.DOUBLE),
        Arguments.of("ATAN2(0, 1)", 0.0, Basic.DOUBLE),
        Arguments.of("ABS(null)", null, Basic.NULL));
  }

  static Stream<Arguments> system() {
    return Stream.of(
        Arguments.of("COALESCE(null, age, 1)", 20, Basic.INT),
        Arguments.of("COALESCE(null, null)", null, Basic.NULL),
        Arguments.of("IFNULL(name, 'none')", "Joy Ding", Basic.STRING),
        Arguments.of("NVL(null, 3)", 3, Basic.INT),
        Arguments.of("NULLIF(age, 20)", null, Basic.INT),
        Arguments.of("NULLIF(age, 21)", 20, Basic.INT));
  }

  static Stream<Arguments> dates() {
    return Stream.of(
        Arguments.of("FORMATDATETIME(seen, 'yyyy/MM/dd HH:mm')", "2024/03/15 10:20", Basic.STRING),
        Arguments.of("PARSEDATETIME('2021-04-08 13:34:45', 'yyyy-MM-dd HH:mm:ss')",
            LocalDateTime.of(2021, 4, 8, 13, 34, 45), Basic.TIMESTAMP),
        Arguments.of("PARSEDATETIME('2021-04-08', 'yyyy-MM-dd')", LocalDate.of(2021, 4, 8), Basic.DATE),
        Arguments.of("TO_DATE('13:34:45', 'HH:mm:ss')", java.time.LocalTime.of(13, 34, 45), Basic.TIME),
        Arguments.of("FROM_UNIXTIME(1672502400, 'yyyy-MM-dd HH:mm:ss', 'UTC+6')", "2022-12-31 22:00:00", Basic.STRING),
        Arguments.of("DATEADD(seen, 1, 'MONTH')", LocalDateTime.of(2024, 4, 15, 10, 20, 30), Basic.TIMESTAMP),
        Arguments.of("DATEADD(born, 1, 'YEAR')", LocalDate.of(2005, 2, 28), Basic.DATE),
        Arguments.of("TIMESTAMPADD(seen, -30, 'SECOND')", LocalDateTime.of(2024, 3, 15, 10, 20), Basic.TIMESTAMP),
        Arguments.of("DATEDIFF(born, seen, 'YEAR')", 20L, Basic.BIGINT),
        Arguments.of("DATEDIFF('2024-01-31', '2024-02-01', 'MONTH')", 1L, Basic.BIGINT),
        Arguments.of("DATEDIFF('2024-01-01 23:00:00', '2024-01-02 01:00:00', 'DAY')", 1L, Basic.BIGINT),
        Arguments.of("DATE_TRUNC(seen, 'DAY')", LocalDateTime.of(2024, 3, 15, 0, 0), Basic.TIMESTAMP),
        Arguments.of("DATE_TRUNC(born, 'MONTH')", LocalDate.of(2004, 2, 1), Basic.DATE),
        Arguments.of("DAYNAME(born)", "Sunday", Basic.STRING),
        Arguments.of("MONTHNAME(seen)", "March", Basic.STRING),
        Arguments.of("YEAR(seen)", 2024, Basic.INT),
        Arguments.of("QUARTER(seen)", 1, Basic.INT),
        Arguments.of("MONTH(born)", 2, Basic.INT),
        Arguments.of("DAY_OF_MONTH(born)", 29, Basic.INT),
        Arguments.of("DAY_OF_WEEK(born)", 1, Basic.INT),
        Arguments.of("DAY_OF_YEAR(born)", 60, Basic.INT),
        Arguments.of("HOUR(seen)", 10, Basic.INT),
        Arguments.of("MINUTE(seen)", 20, Basic.INT),
        Arguments.of("SECOND(seen)", 30, Basic.INT),
        Arguments.of("EXTRACT(YEAR FROM seen)", 2024, Basic.INT),
        Arguments.of("EXTRACT(MONTH FROM born)", 2, Basic.INT),
        Arguments.of("EXTRACT(DAY FROM seen)", 15, Basic.INT),
        Arguments.of("YEAR(null)", null, Basic.INT));
  }

  @ParameterizedTest(name = "{0} = {1}")
  @MethodSource("strings")
  void stringFunction(String expression, Object expected, DataType expectedType) {
    check(expression, expected, expectedType);
  }

  @ParameterizedTest(name = "{0} = {1}")
  @MethodSource("numbers")
  void numericFunction(String expression, Object expected, DataType expectedType) {
    check(expression, expected, expectedType);
  }

  @ParameterizedTest(name = "{0} = {1}")
  @MethodSource("system")
  void systemFunction(String expression, Object expected, DataType expectedType) {
    check(expression, expected, expectedType);
  }

  @ParameterizedTest(name = "{0} = {1}")
  @MethodSource("dates")
  void dateTimeFunction(String expression, Object expected, DataType expectedType) {
    check(expression, expected, expectedType);
  }

  private static void check(String expression, Object expected, DataType expectedType) {
    assertEquals(expected, value(expression, JOY));
    assertEquals(expectedType, type(expression));
  }

  @Test
  void strictFunctionsGiveNullForANullArgument() {
    for (String f : List.of("UPPER(name)", "LENGTH(name)", "ABS(age)", "ROUND(score, 1)", "YEAR(seen)",
        "DATEADD(born, 1, 'DAY')", "SUBSTRING(name, 1, 2)", "REGEXP_LIKE(name, 'x')", "SPLIT(name, ',')")) {
      assertEquals(null, value(f, NULLS), f);
    }
    assertEquals("", value("CONCAT(name, null)", NULLS));
    assertEquals("x", value("COALESCE(name, 'x')", NULLS));
  }

  @Test
  void coalesceGivesValuesOfItsDeclaredType() {
    assertEquals(0L, value("IFNULL(CAST(age AS BIGINT), 0)", NULLS));
    assertEquals(Basic.BIGINT, type("IFNULL(id, 0)"));
    assertEquals(0.0, value("COALESCE(score, 0)", NULLS));
  }

  @Test
  void nowAndUuidAreFreshValues() {
    LocalDateTime before = LocalDateTime.now();
    LocalDateTime now = (LocalDateTime) value("NOW()", JOY);
    assertTrue(!now.isBefore(before) && !now.isAfter(LocalDateTime.now()));
    assertEquals(Basic.TIMESTAMP, type("CURRENT_TIMESTAMP"));
    assertEquals(LocalDate.now(), value("CURRENT_DATE", JOY));
    String a = (String) value("UUID()", JOY);
    assertEquals(36, a.length());
    assertNotEquals(a, value("UUID()", JOY));
  }

  @Test
  void fromUnixtimeDefaultsToTheSystemZone() {
    String expected = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
        .format(LocalDateTime.ofInstant(java.time.Instant.ofEpochSecond(1672502400), ZoneId.systemDefault()));
    assertEquals(expected, value("FROM_UNIXTIME(1672502400, 'yyyy-MM-dd HH:mm:ss')", JOY));
  }

  @Test
  void aFunctionFailingOnAValueNamesTheExpression() {
    var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
        () -> value("DATEADD(seen, 1, 'FORTNIGHT')", JOY)).getCause();
    assertTrue(e.getMessage().startsWith("Sql transform: field 'v' = DATEADD(seen, 1, 'FORTNIGHT') failed: "
        + "DATEADD(seen, 1, 'FORTNIGHT'): date-time unit 'FORTNIGHT' is not one of"), e.getMessage());
  }
}
