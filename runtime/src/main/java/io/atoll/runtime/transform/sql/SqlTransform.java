package io.atoll.runtime.transform.sql;

import io.atoll.protocol.connector.Collector;
import io.atoll.protocol.connector.Transform;
import io.atoll.protocol.data.Row;
import io.atoll.protocol.data.RowType;
import java.util.List;

/** Runs a planned {@link SqlQuery} on each row: the condition, then one evaluator per field. */
final class SqlTransform implements Transform {
  private final RowType produced;
  private final Evaluator[] fields;
  private final String[] texts;
  private final Evaluator where;
  private final String whereText;

  SqlTransform(SqlQuery query) {
    this.produced = query.produced();
    List<Evaluator> list = query.fields();
    this.fields = list.toArray(Evaluator[]::new);
    this.texts = query.texts().toArray(String[]::new);
    this.where = query.where();
    this.whereText = query.whereText();
  }

  @Override
  public RowType producedType() {
    return produced;
  }

  @Override
  public void process(Row row, Collector out) {
    if (where != null && !Boolean.TRUE.equals(condition(row))) {
      return;
    }
    Object[] values = new Object[fields.length];
    for (int i = 0; i < fields.length; i++) {
      try {
        values[i] = fields[i].eval(row);
      } catch (RuntimeException e) {
        throw failed("field '" + produced.fields().get(i).name() + "' = " + texts[i], e);
      }
    }
    out.collect(new Row(row.kind(), values));
  }

  private Object condition(Row row) {
    try {
      return where.eval(row);
    } catch (RuntimeException e) {
      throw failed("WHERE " + whereText, e);
    }
  }

  /** A value the expression cannot take (CAST('x' AS int), an overflow, a bad unit) fails the task, naming it. */
  private static IllegalArgumentException failed(String what, RuntimeException e) {
    String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return new IllegalArgumentException("Sql transform: " + what + " failed: " + reason, e);
  }
}
