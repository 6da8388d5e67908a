package io.atoll.runtime.transform;

import io.atoll.protocol.connector.Collector;
import io.atoll.protocol.connector.Transform;
import io.atoll.protocol.data.Row;
import io.atoll.protocol.data.RowType;

/** Picks input fields by position into a new row: what Filter and FieldMapper both do. */
final class Projection implements Transform {
  private final int[] indexes;
  private final RowType produced;

  Projection(int[] indexes, RowType produced) {
    this.indexes = indexes.clone();
    this.produced = produced;
  }

  @Override
  public RowType producedType() {
    return produced;
  }

  @Override
  public void process(Row row, Collector out) {
    Object[] values = new Object[indexes.length];
    for (int i = 0; i < indexes.length; i++) {
      values[i] = row.field(indexes[i]);
    }
    out.collect(new Row(row.kind(), values));
  }
}
