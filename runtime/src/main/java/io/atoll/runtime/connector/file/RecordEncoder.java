package io.atoll.runtime.connector.file;

import io.atoll.protocol.data.Row;
import io.atoll.protocol.data.RowType;

/**
 * One row as one record of a text, csv or json file (without the row delimiter). The row kind is
 * not written, as in SeaTunnel's file sinks. Arrays, maps and rows are {@link TextCells} (SeaTunnel's
 * nested separators) in text and csv files: SeaTunnel 2.3.4 writes csv as text with ',' between cells.
 */
final class RecordEncoder {
  private final LocalFileSinkSettings settings;
  private final RowType type;

  RecordEncoder(LocalFileSinkSettings settings, RowType type) {
    this.settings = settings;
    this.type = type;
  }

  String header() {
    return switch (settings.format()) {
      case TEXT -> String.join(settings.delimiter(), type.names());
      case CSV -> String.join(settings.delimiter(),
          type.names().stream().map(n -> CsvRecords.quote(n, settings.delimiter())).toList());
      case JSON -> throw new IllegalStateException("json files have no header");
    };
  }

  String encode(Row row) {
    if (settings.format() == FileFormat.JSON) {
      return JsonValues.render(JsonValues.rowObject(row, type, settings.formats()));
    }
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < type.arity(); i++) {
      if (i > 0) {
        b.append(settings.delimiter());
      }
      Object value = row.field(i);
      String text = TextCells.format(value, type.typeAt(i), settings.formats());
      b.append(settings.format() == FileFormat.CSV
          ? CsvRecords.quote(value == null ? null : text, settings.delimiter()) : text);
    }
    return b.toString();
  }
}
