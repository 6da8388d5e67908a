package io.atoll.protocol.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * One record flowing from a source through transforms to a sink. Inside a task group rows are
 * passed by reference, never serialized; a transform that changes a row returns a new one, so a
 * source may reuse nothing it has emitted.
 *
 * <p>A row of a multi-table source carries its table's id (SeaTunnel's {@code tableId}, e.g.
 * {@code "db.t1"}), which {@link #withKind} and {@link #withValues} keep. A row without one
 * ({@link #table()} null) belongs to the only table of the link it travels on: single-table jobs
 * pay one null field for the feature.
 */
public final class Row {
  private final RowKind kind;
  private final Object[] fields;
  private final String table;

  public Row(RowKind kind, Object[] fields) {
    this(kind, fields, null);
  }

  /** @param table the row's table id, or null for "the link's only table" */
  public Row(RowKind kind, Object[] fields, String table) {
    this.kind = Objects.requireNonNull(kind, "kind");
    this.fields = Objects.requireNonNull(fields, "fields");
    this.table = table;
  }

  public static Row of(Object... fields) {
    return new Row(RowKind.INSERT, fields);
  }

  public RowKind kind() {
    return kind;
  }

  /** The id of the row's table, or null when the row belongs to its link's only table. */
  public String table() {
    return table;
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
    return new Row(newKind, fields, table);
  }

  public Row withValues(Object[] values) {
    return new Row(kind, values, table);
  }

  /** This row as a row of the given table (null: the link's only table). */
  public Row withTable(String newTable) {
    return Objects.equals(table, newTable) ? this : new Row(kind, fields, newTable);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Row r && kind == r.kind && Objects.equals(table, r.table)
        && Arrays.deepEquals(fields, r.fields);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * kind.hashCode() + Objects.hashCode(table)) + Arrays.deepHashCode(fields);
  }

  /** {@code +I[1, a]}; a row of a named table: {@code db.t1 +I[1, a]}. */
  @Override
  public String toString() {
    String text = kind.shortString() + Arrays.deepToString(fields);
    return table == null ? text : table + " " + text;
  }
}
