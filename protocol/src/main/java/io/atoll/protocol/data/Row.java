package io.atoll.protocol.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * One record flowing from a source through transforms to a sink. Inside a task group rows are
 * passed by reference, never serialized; a transform that changes a row returns a new one, so a
 * source may reuse nothing it has emitted.
 */
public final class Row {
  private final RowKind kind;
  private final Object[] fields;

  public Row(RowKind kind, Object[] fields) {
    this.kind = Objects.requireNonNull(kind, "kind");
    this.fields = Objects.requireNonNull(fields, "fields");
  }

  public static Row of(Object... fields) {
    return new Row(RowKind.INSERT, fields);
  }

  public RowKind kind() {
    return kind;
  }

  public int arity() {
    return fields.length;
  }

  public Object field(int i) {
    return fields[i];
  }

  /** A copy of the values; changing it does not change this row. */
  public Object[] values() {
    return fields.clone();
  }

  public Row withKind(RowKind newKind) {
    return new Row(newKind, fields);
  }

  public Row withValues(Object[] values) {
    return new Row(kind, values);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Row r && kind == r.kind && Arrays.deepEquals(fields, r.fields);
  }

  @Override
  public int hashCode() {
    return 31 * kind.hashCode() + Arrays.deepHashCode(fields);
  }

  @Override
  public String toString() {
    return kind.shortString() + Arrays.deepToString(fields);
  }
}
