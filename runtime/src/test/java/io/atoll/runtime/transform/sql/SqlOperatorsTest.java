package io.atoll.runtime.transform.sql;

import static io.atoll.runtime.transform.sql.SqlTesting.JOY;
import static io.atoll.runtime.transform.sql.SqlTesting.NULLS;
import static io.atoll.runtime.transform.sql.SqlTesting.problems;
import static io.atoll.runtime.transform.sql.SqlTesting.type;
import static io.atoll.runtime.transform.sql.SqlTesting.value;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.atoll.protocol.data.DataType;
import io.atoll.protocol.data.DataType.Basic;
import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every operator on the sample row (JOY: age 20, score 91.5, price 12.34, name 'Joy Ding') and on NULLs. */
class SqlOperatorsTest {

  static Stream<Arguments> onJoy() {
    return Stream.of(
        Arguments.of("age + 1", 21, Basic.INT),
        Arguments.of("age - 25", -5, Basic.INT),
        Arguments.of("age * 3", 60, Basic.INT),
        Arguments.of("age / 3", 6, Basic.INT),
        Arguments.of("age % 3", 2, Basic.INT),
        Arguments.of("-age", -20, Basic.INT),
        Arguments.of("id + age", 21L, Basic.BIGINT),
        Arguments.of("age + 0.5", 20.5, Basic.DOUBLE),
        Arguments.of("score * 2", 183.0, Basic.DOUBLE),
        Arguments.of("price + price", new BigDecimal("24.68"), new DataType.Decimal(10, 2)),
        Arguments.of("price * 2.5", new BigDecimal("30.85"), new DataType.Decimal(10, 2)),
        Arguments.of("cast(age as float) + 1", 21.0, Basic.DOUBLE),
        Arguments.of("2 + 3 * 4", 14, Basic.INT),
        Arguments.of("(2 + 3) * 4", 20, Basic.INT),
        Arguments.of("3000000000 + 1", 3000000001L, Basic.BIGINT),
        Arguments.of("name || '!'", "Joy Ding!", Basic.STRING),
        Arguments.of("age = 20", true, Basic.BOOLEAN),
        Arguments.of("age <> 20", false, Basic.BOOLEAN),
        Arguments.of("age != 21", true, Basic.BOOLEAN),
        Arguments.of("age > 19", true, Basic.BOOLEAN),
        Arguments.of("age >= 21", false, Basic.BOOLEAN),
        Arguments.of("age < 20", false, Basic.BOOLEAN),
        Arguments.of("age <= 20", true, Basic.BOOLEAN),
        Arguments.of("score > age", true, Basic.BOOLEAN),
        Arguments.of("price = 12.34", true, Basic.BOOLEAN),
        Arguments.of("name = 'Joy Ding'", true, Basic.BOOLEAN),
        Arguments.of("born < '2005-01-01'", true, Basic.BOOLEAN),
        Arguments.of("seen > '2024-03-15 10:20:29'", true, Basic.BOOLEAN),
        Arguments.of("flag and age > 1", true, Basic.BOOLEAN),
        Arguments.of("flag and age > 100", false, Basic.BOOLEAN),
        Arguments.of("not flag or age = 20", true, Basic.BOOLEAN),
        Arguments.of("age in (1, 20, 3)", true, Basic.BOOLEAN),
        Arguments.of("age not in (1, 2)", true, Basic.BOOLEAN),
        Arguments.of("name in ('a', 'Joy Ding')", true, Basic.BOOLEAN),
        Arguments.of("age in (1, null)", null, Basic.BOOLEAN),
        Arguments.of("age in (20, null)", true, Basic.BOOLEAN),
        Arguments.of("name like 'Joy%'", true, Basic.BOOLEAN),
        Arguments.of("name like '_oy D_ng'", true, Basic.BOOLEAN),
        Arguments.of("name like 'joy%'", false, Basic.BOOLEAN),
        Arguments.of("name not like '%x%'", true, Basic.BOOLEAN),
        Arguments.of("name like 'Joy.%'", false, Basic.BOOLEAN),
        Arguments.of("'50%' like '50\\%'", true, Basic.BOOLEAN),
        Arguments.of("'500' like '50\\%'", false, Basic.BOOLEAN),
        Arguments.of("'50%' like '50!%' escape '!'", true, Basic.BOOLEAN),
        Arguments.of("'500' like '50!%' escape '!'", false, Basic.BOOLEAN),
        Arguments.of("'a_b' like 'a!_b' escape '!'", true, Basic.BOOLEAN),
        Arguments.of("'axb' like 'a!_b' escape '!'", false, Basic.BOOLEAN),
        Arguments.of("'a!b' like 'a!!b' escape '!'", true, Basic.BOOLEAN),
        Arguments.of("'a\\b' like 'a\\b' escape ''", true, Basic.BOOLEAN),
        Arguments.of("'a\\b' like 'a\\_' escape '!'", true, Basic.BOOLEAN),
        Arguments.of("name not like '%!%%' escape '!'", true, Basic.BOOLEAN),
        Arguments.of("name is null", false, Basic.BOOLEAN),
        Arguments.of("name is not null", true, Basic.BOOLEAN),
        Arguments.of("age between 18 and 20", true, Basic.BOOLEAN),
        Arguments.of("age not between 18 and 20", false, Basic.BOOLEAN),
        Arguments.of("case when age > 18 then 'adult' else 'minor' end", "adult", Basic.STRING),
        Arguments.of("case when age > 30 then 'old' end", null, Basic.STRING),
        Arguments.of("case age when 20 then 1 when 21 then 2 else 3 end", 1, Basic.INT),
        Arguments.of("case when flag then age else id end", 20L, Basic.BIGINT),
        Arguments.of("true", true, Basic.BOOLEAN),
        Arguments.of("null", null, Basic.NULL));
  }

  @ParameterizedTest(name = "{0} = {1}")
  @MethodSource("onJoy")
  void operatorOnJoy(String expression, Object expected, DataType expectedType) {
    assertEquals(expected, value(expression, JOY));
    assertEquals(expectedType, type(expression));
  }

  /** SQL NULL semantics: NULL propagates, three-valued AND/OR, IS NULL is never NULL. */
  static Stream<Arguments> onNulls() {
    return Stream.of(
        Arguments.of("age + 1", null),
        Arguments.of("-age", null),
        Arguments.of("score * 2", null),
        Arguments.of("name || 'x'", null),
        Arguments.of("age = 20", null),
        Arguments.of("age <> 20", null),
        Arguments.of("age = null", null),
        Arguments.of("age > 1 and false", false),
        Arguments.of("age > 1 and true", null),
        Arguments.of("age > 1 or true", true),
        Arguments.of("age > 1 or false", null),
        Arguments.of("not (age > 1)", null),
        Arguments.of("age in (1, 2)", null),
        Arguments.of("name like 'a%'", null),
        Arguments.of("age between 1 and 2", null),
        Arguments.of("age is null", true),
        Arguments.of("age is not null", false),
        Arguments.of("case when age > 1 then 'a' else 'b' end", "b"),
        Arguments.of("c_row.c_int", null));
  }

  @ParameterizedTest(name = "{0} = {1}")
  @MethodSource("onNulls")
  void operatorOnNulls(String expression, Object expected) {
    assertEquals(expected, value(expression, NULLS));
  }

  @Test
  void escapeTakesOneQuotedCharacterAndOnlyOnLike() {
    assertEquals(List.of("option 'query': 'name LIKE 'a' ESCAPE 'ab'': ESCAPE takes one character in quotes, got 'ab'"),
        problems("select name like 'a' escape 'ab' as v from t"));
    assertEquals(List.of("option 'query': 'name LIKE 'a' ESCAPE name': ESCAPE takes one character in quotes, got name"),
        problems("select name like 'a' escape name as v from t"));
  }
}
