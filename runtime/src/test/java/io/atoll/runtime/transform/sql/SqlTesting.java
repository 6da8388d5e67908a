package io.atoll.runtime.transform.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.atoll.protocol.connector.Transform;
import io.atoll.protocol.data.DataType;
import io.atoll.protocol.data.DataType.Basic;
import io.atoll.protocol.data.Row;
import io.atoll.protocol.data.RowType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/** Runs the Sql transform over rows as the runtime does: validate, create, process. */
final class SqlTesting {
  static final RowType NESTED = RowType.of(
      new RowType.Field("c_int", Basic.INT), new RowType.Field("c_string", Basic.STRING));

  /** id, name, age, score, price, born, seen, flag, c_row. */
  static final RowType INPUT = RowType.of(
      new RowType.Field("id", Basic.BIGINT),
      new RowType.Field("name", Basic.STRING),
      new RowType.Field("age", Basic.INT),
      new RowType.Field("score", Basic.DOUBLE),
      new RowType.Field("price", new DataType.Decimal(10, 2)),
      new RowType.Field("born", Basic.DATE),
      new RowType.Field("seen", Basic.TIMESTAMP),
      new RowType.Field("flag", Basic.BOOLEAN),
      new RowType.Field("c_row", NESTED));

  static final Row JOY = Row.of(1L, "Joy Ding", 20, 91.5, new BigDecimal("12.34"), LocalDate.of(2004, 2, 29),
      LocalDateTime.of(2024, 3, 15, 10, 20, 30), true, Row.of(7, "inner"));
  static final Row NULLS = Row.of(2L, null, null, null, null, null, null, null, null);

  private SqlTesting() {}

  record Output(RowType type, List<Row> rows) {}

  static Output run(String query, Row... rows) {
    return run(INPUT, query, rows);
  }

  static Output run(RowType input, String query, Row... rows) {
    var config = ConfigFactory.empty().withValue("query", ConfigValueFactory.fromAnyRef(query));
    List<String> problems = new SqlTransformFactory().validate(config, input);
    if (!problems.isEmpty()) {
      throw new AssertionError("unexpected problems: " + problems);
    }
    List<Row> out = new ArrayList<>();
    try (Transform t = new SqlTransformFactory().createTransform(config, input)) {
      t.open();
      for (Row row : rows) {
        t.process(row, out::add);
      }
      return new Output(t.producedType(), out);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static List<String> problems(String query) {
    return new SqlTransformFactory().validate(
        ConfigFactory.empty().withValue("query", ConfigValueFactory.fromAnyRef(query)), INPUT);
  }

  /** The single value of {@code select <expression> from t} on the row, and its type. */
  static Object value(String expression, Row row) {
    Output out = run("select " + expression + " as v from t", row);
    assertEquals(1, out.rows().size());
    return out.rows().get(0).field(0);
  }

  static DataType type(String expression) {
    return run("select " + expression + " as v from t").type().typeAt(0);
  }
}
