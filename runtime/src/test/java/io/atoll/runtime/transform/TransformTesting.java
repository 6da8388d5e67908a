package io.atoll.runtime.transform;

import com.typesafe.config.ConfigFactory;
import io.atoll.protocol.connector.Transform;
import io.atoll.protocol.connector.TransformFactory;
import io.atoll.protocol.data.DataType;
import io.atoll.protocol.data.Row;
import io.atoll.protocol.data.RowType;
import java.util.ArrayList;
import java.util.List;

/** Runs one transform over rows the way the runtime does (validate, create, open, process, close). */
final class TransformTesting {
  /** SeaTunnel's example table. */
  static final RowType INPUT = RowType.of(
      new RowType.Field("name", DataType.Basic.STRING),
      new RowType.Field("age", DataType.Basic.INT),
      new RowType.Field("card", DataType.Basic.INT));

  private TransformTesting() {}

  record Output(RowType type, List<Row> rows) {}

  static Output apply(TransformFactory factory, String hocon, Row... rows) throws Exception {
    List<String> problems = problems(factory, hocon);
    if (!problems.isEmpty()) {
      throw new AssertionError("unexpected problems: " + problems);
    }
    List<Row> out = new ArrayList<>();
    try (Transform t = factory.createTransform(ConfigFactory.parseString(hocon), INPUT)) {
      t.open();
      for (Row row : rows) {
        t.process(row, out::add);
      }
      return new Output(t.producedType(), out);
    }
  }

  static List<String> problems(TransformFactory factory, String hocon) {
    return factory.validate(ConfigFactory.parseString(hocon), INPUT);
  }
}
