package io.atoll.runtime.transform.sql;

import static io.atoll.runtime.transform.sql.SqlTesting.INPUT;
import static io.atoll.runtime.transform.sql.SqlTesting.JOY;
import static io.atoll.runtime.transform.sql.SqlTesting.NULLS;
import static io.atoll.runtime.transform.sql.SqlTesting.problems;
import static io.atoll.runtime.transform.sql.SqlTesting.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.atoll.protocol.data.DataType;
import io.atoll.protocol.data.DataType.Basic;
import io.atoll.protocol.data.Row;
import io.atoll.protocol.data.RowKind;
import io.atoll.protocol.data.RowType;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqlTransformTest {

  @Test
  void starKeepsEveryFieldAndAddsExpressions() {
    var out = run("select *, age + 1 as next_age from fake", JOY);
    assertEquals(INPUT.plus(new RowType.Field("next_age", Basic.INT)), out.type());
    Object[] expected = JOY.values();
    Object[] actual = out.rows().get(0).values();
    assertEquals(List.of(expected).subList(0, 9), List.of(actual).subList(0, 9));
    assertEquals(21, actual[9]);
  }

  @Test
  void aliasesColumnNamesAndExpressionTextNameTheOutput() {
    var out = run("select id, name as full_name, c_row.c_int, `age`, age * 2 from fake", JOY);
    assertEquals(List.of("id", "full_name", "c_int", "age", "age * 2"), out.type().names());
    assertEquals(List.of(Basic.BIGINT, Basic.STRING, Basic.INT, Basic.INT, Basic.INT),
        out.type().fields().stream().map(RowType.Field::type).toList());
    assertEquals(Row.of(1L, "Joy Ding", 7, 20, 40), out.rows().get(0));
  }

  @Test
  void wordsJSqlParser5ReservesButSeaTunnelsParserDoesNotStillNameFields() {
    var out = run("select age as low, age + 1 as high, 'x' as \"sample\" from fake where age > 0 and 'low' <> name", JOY);
    assertEquals(List.of("low", "high", "sample"), out.type().names());
    assertEquals(Row.of(20, 21, "x"), out.rows().get(0));
    RowType withLow = RowType.of(new RowType.Field("low", Basic.INT));
    var named = SqlTesting.run(withLow, "select low * 2 as doubled from fake where low > 1", Row.of(3));
    assertEquals(List.of(Row.of(6)), named.rows());
    assertEquals("select \"LOW\" from t where s = 'low' and \"plus\" = `prior` and trim(x) > 1",
        NewlyReserved.quote("select LOW from t where s = 'low' and plus = `prior` and trim(x) > 1"));
  }

  @Test
  void nestedRowFieldsAndNullRows() {
    var out = run("select c_row.c_string as s, c_row as r from fake", JOY, NULLS);
    assertEquals(SqlTesting.NESTED, out.type().typeAt(1));
    assertEquals(List.of(Row.of("inner", Row.of(7, "inner")), Row.of(null, null)), out.rows());
  }

  @Test
  void whereKeepsOnlyRowsWhoseConditionIsTrueAndKeepsTheRowKind() {
    Row update = JOY.withKind(RowKind.UPDATE_AFTER);
    var out = run("select id from fake where age > 18 and name like 'Joy%'", update, NULLS);
    assertEquals(List.of(new Row(RowKind.UPDATE_AFTER, new Object[] {1L})), out.rows());
    assertEquals(List.of(), run("select id from fake where age is null and age > 1", NULLS).rows(),
        "NULL AND ... is not TRUE, so the row is dropped");
    assertEquals(List.of(Row.of(2L)), run("select id from fake where age is null or age > 1", NULLS).rows());
    assertEquals(List.of(Row.of(2L)), run("select id from fake where not (age is not null)", NULLS).rows());
    assertEquals(List.of(Row.of(2L)), run("select id from fake where age <> 20", JOY, NULLS).rows(),
        "as on SeaTunnel, a NULL is <> 20 and its row kept");
  }

  @Test
  void arrayAndMapElements() throws Exception {
    RowType input = RowType.of(new RowType.Field("c_array", new DataType.Array(Basic.INT)),
        new RowType.Field("c_map", new DataType.MapOf(Basic.STRING, Basic.STRING)));
    var config = com.typesafe.config.ConfigFactory.parseString(
        "query = \"select c_array[1] as second, c_array[5] as none, c_map['k'] as k from t\"");
    var transform = new SqlTransformFactory().createTransform(config, input);
    assertEquals(List.of(Basic.INT, Basic.INT, Basic.STRING),
        transform.producedType().fields().stream().map(RowType.Field::type).toList());
    List<Row> out = new java.util.ArrayList<>();
    transform.process(Row.of(List.of(10, 20), java.util.Map.of("k", "v")), out::add);
    transform.process(Row.of(null, null), out::add);
    assertEquals(List.of(Row.of(20, null, "v"), Row.of(null, null, null)), out);
    assertEquals(List.of("option 'query': 'age[0]': [...] needs an array or a map, got int"),
        problems("select age[0] from t"));
  }

  @Test
  void theTableNameMayBeQualifiedOnColumns() {
    assertEquals(List.of(Row.of(20)), run("select fake.age from fake", JOY).rows());
  }

  @Test
  void aSyntaxErrorNamesItsPositionInTheQuery() {
    List<String> problems = problems("select id,\n  age +* 2 from fake");
    assertEquals(1, problems.size());
    String p = problems.get(0);
    assertTrue(p.startsWith("option 'query': SQL syntax error at line 2, column 7 of the query"), p);
    assertTrue(p.contains("near '+'"), p);
  }

  @Test
  void anEmptyQuerySaysWhatIsMissing() {
    assertEquals(List.of("option 'query': is empty; write one 'select ... from <table> [where ...]'"), problems("  "));
    assertTrue(problems("-- nothing yet").get(0).startsWith("option 'query': SQL syntax error"));
  }

  @Test
  void planProblemsAreValidationErrorsNamingWhatIsWrong() {
    assertEquals(List.of("option 'query': column 'nme' is not in the input; input fields: "
        + String.join(", ", INPUT.names())), problems("select nme from fake"));
    assertEquals(List.of("option 'query': column 'c_row.nope': 'nope' is not a field of row<c_int int, "
        + "c_string string>"), problems("select c_row.nope from fake"));
    String unknown = problems("select no_such_fn(name) from fake").get(0);
    assertTrue(unknown.startsWith("option 'query': function 'NO_SUCH_FN' in 'no_such_fn(name)' is unknown; "
        + "known functions: ABS, "), unknown);
    assertEquals(List.of("option 'query': 'UPPER(name, age)': UPPER takes 1 argument, got 2"),
        problems("select UPPER(name, age) from fake"));
    assertEquals(List.of("option 'query': WHERE 'age + 1' is int, a condition must be boolean"),
        problems("select id from fake where age + 1"));
    assertEquals(List.of("option 'query': GROUP BY not supported: the Sql transform maps one row at a time"),
        problems("select age from fake group by age"));
    assertTrue(problems("select id, id from fake").get(0).contains("give one an alias with AS"));
    assertEquals(List.of("option 'query': ''x' + 1': arithmetic needs numbers, got string and int"),
        problems("select 'x' + 1 from fake"));
    assertEquals(List.of("option 'query' is required: query = \"select * from <input table>\""),
        new SqlTransformFactory().validate(com.typesafe.config.ConfigFactory.empty(), INPUT));
  }

  @Test
  void answersToBothSpellings() {
    assertEquals("Sql", new SqlTransformFactory().name());
    assertEquals("sql", new SqlTransformFactory.LowerCase().name());
  }

  @Test
  void theOutputSchemaIsKnownWithoutRows() {
    var out = run("select cast(age as bigint) a, price * 2 p, score / 2 s, flag or false f from fake");
    assertEquals(List.of(Basic.BIGINT, new DataType.Decimal(10, 2), Basic.DOUBLE, Basic.BOOLEAN),
        out.type().fields().stream().map(RowType.Field::type).toList());
  }
}
