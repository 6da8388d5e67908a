package io.atoll.runtime.connector.console;

import io.atoll.protocol.connector.SinkWriter;
import io.atoll.protocol.data.CatalogTable;
import io.atoll.protocol.data.Row;
import io.atoll.protocol.data.RowType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Consumer;

/**
 * Prints one subtask's rows in SeaTunnel's form, {@code subtaskIndex=0 rowIndex=1:
 * SeaTunnelRow#tableId= SeaTunnelRow#kind=INSERT : 1, Alice}, after one line with the schema. The
 * table id is empty for a single-table source; a multi-table source's rows print theirs, and each of
 * its tables has its own writer and schema line. The optional delay sleeps on the task thread: that is what
 * {@code log.print.delay.ms} asks for, and a connector never runs on an actor's thread.
 */
final class ConsoleWriter implements SinkWriter {
  private final int subtask;
  private final boolean printData;
  private final long delayMillis;
  private final Consumer<String> out;
  private final ConsoleSinkFactory.Pause pause;
  private long rowIndex;

  ConsoleWriter(CatalogTable table, int subtask, boolean printData, long delayMillis, Consumer<String> out,
      ConsoleSinkFactory.Pause pause) {
    this.subtask = subtask;
    this.printData = printData;
    this.delayMillis = delayMillis;
    this.out = out;
    this.pause = pause;
    StringJoiner fields = new StringJoiner(", ");
    for (RowType.Field f : table.type().fields()) {
      fields.add(f.name() + "<" + f.type().sqlName() + ">");
    }
    out.accept("subtaskIndex=" + subtask + (table.id() == null ? "" : " tableId=" + table.id())
        + " output rowType: " + fields);
  }

  @Override
  public void write(Row row) throws InterruptedException {
    rowIndex++;
    if (!printData) {
      return;
    }
    out.accept("subtaskIndex=" + subtask + " rowIndex=" + rowIndex + ": SeaTunnelRow#tableId=" + (row.table() == null ? "" : row.table())
        + " SeaTunnelRow#kind="
        + row.kind().name() + " : " + fields(row));
    if (delayMillis > 0) {
      pause.pause(delayMillis);
    }
  }

  static String fields(Row row) {
    StringJoiner j = new StringJoiner(", ");
    for (int i = 0; i < row.arity(); i++) {
      j.add(text(row.field(i)));
    }
    return j.toString();
  }

  private static String text(Object value) {
    if (value instanceof byte[] bytes) {
      return new String(bytes, StandardCharsets.UTF_8);
    }
    if (value instanceof List<?> list) {
      StringJoiner j = new StringJoiner(", ", "[", "]");
      list.forEach(v -> j.add(text(v)));
      return j.toString();
    }
    if (value instanceof Map<?, ?> map) {
      StringJoiner j = new StringJoiner(", ", "{", "}");
      map.forEach((k, v) -> j.add(text(k) + "=" + text(v)));
      return j.toString();
    }
    if (value instanceof Row nested) {
      return "(" + fields(nested) + ")";
    }
    if (value instanceof java.math.BigDecimal d) {
      return d.toPlainString();
    }
    return String.valueOf(value);
  }
}
