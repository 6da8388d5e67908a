package io.atoll.runtime.transform;

import io.atoll.protocol.connector.Collector;
import io.atoll.protocol.connector.Transform;
import io.atoll.protocol.data.Row;
import io.atoll.protocol.data.RowType;
import io.atoll.runtime.transform.JsonPathColumn.ErrorWay;
import java.time.DateTimeException;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@code JsonPath} columns over each row. A value that cannot be read (not JSON, a path
 * that misses) or converted is handled by its column's {@code column_error_handle_way} (SKIP: the
 * column is null; SKIP_ROW: the row is dropped; FAIL: the task fails), else by the transform's
 * {@code row_error_handle_way} (FAIL, or SKIP to drop the row). Skipped rows and columns are never
 * silent: the first is logged with its reason and the totals when the transform closes.
 */
final class JsonPathTransform implements Transform {
  private static final Logger log = LoggerFactory.getLogger(JsonPathTransform.class);

  private final List<JsonPathColumn> columns;
  private final int[] sources;
  private final int[] targets;
  private final RowType input;
  private final RowType produced;
  private final boolean skipRows;
  private long skippedRows;
  private long skippedValues;

  JsonPathTransform(List<JsonPathColumn> columns, RowType input, RowType produced, boolean skipRows) {
    this.columns = List.copyOf(columns);
    this.input = input;
    this.produced = produced;
    this.skipRows = skipRows;
    this.sources = columns.stream().mapToInt(c -> input.indexOf(c.srcField())).toArray();
    this.targets = columns.stream().mapToInt(c -> produced.indexOf(c.destField())).toArray();
  }

  @Override
  public RowType producedType() {
    return produced;
  }

  @Override
  public void process(Row row, Collector out) {
    Object[] values = Arrays.copyOf(row.values(), produced.arity());
    for (int i = 0; i < columns.size(); i++) {
      JsonPathColumn column = columns.get(i);
      Object source = row.field(sources[i]);
      Object value = null;
      if (source != null) {
        try {
          value = JsonPathSources.convert(
              column.path().read(JsonPathSources.json(source, input.typeAt(sources[i]))), column.destType());
        } catch (IllegalArgumentException | DateTimeException | ClassCastException e) {
          ErrorWay way = column.errorWay() != null ? column.errorWay() : skipRows ? ErrorWay.SKIP_ROW : ErrorWay.FAIL;
          String reason = "JsonPath column '" + column.destField() + "' (src_field '" + column.srcField()
              + "', path '" + column.path() + "', dest_type " + column.destType().sqlName() + "): " + e.getMessage();
          if (way == ErrorWay.FAIL) {
            throw new IllegalStateException(reason + "; set column_error_handle_way or row_error_handle_way"
                + " to SKIP to skip such values", e);
          }
          if (way == ErrorWay.SKIP_ROW) {
            if (skippedRows++ == 0) {
              log.warn("skipping rows the JsonPath transform cannot read; first: {}", reason);
            }
            return;
          }
          if (skippedValues++ == 0) {
            log.warn("writing null for values the JsonPath transform cannot read; first: {}", reason);
          }
        }
      }
      values[targets[i]] = value;
    }
    out.collect(new Row(row.kind(), values));
  }

  @Override
  public void close() {
    if (skippedRows > 0 || skippedValues > 0) {
      log.warn("JsonPath transform skipped {} rows and set {} values to null it could not read",
          skippedRows, skippedValues);
    }
  }
}
