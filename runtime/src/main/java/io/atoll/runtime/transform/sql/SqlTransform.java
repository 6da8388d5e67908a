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
  private final Evaluator where;

  SqlTransform(SqlQuery query) {
    this.produced = query.produced();
    List<Evaluator> list = query.fields();
    this.fields = list.toArray(Evaluator[]::new);
    this.where = query.where();
  }

  @Override
  public RowType producedType() {
    return produced;
  }

  @Override
  public void process(Row row, Collector out) {
    if (where != null && !Boolean.TRUE.equals(where.eval(row))) {
      return;
    }
    Object[] values = new Object[fields.length];
    for (int i = 0; i < fields.length; i++) {
      values[i] = fields[i].eval(row);
    }
    out.collect(new Row(row.kind(), values));
  }
}
