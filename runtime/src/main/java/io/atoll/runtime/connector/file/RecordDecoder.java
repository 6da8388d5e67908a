package io.atoll.runtime.connector.file;

import io.atoll.protocol.data.DataType;
import io.atoll.protocol.data.Row;
import io.atoll.protocol.data.RowKind;
import io.atoll.protocol.data.RowType;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One record of a text, csv or json file into a {@link Row} of the source's schema. Text and csv
 * cells are typed by {@link FieldValues}; an empty cell of a non-string column is null; missing
 * trailing cells are null (as SeaTunnel reads them), but extra cells fail, since they usually mean
 * a wrong {@code field_delimiter}. Arrays, maps and rows in text cells use SeaTunnel's nested
 * separators ({@link TextCells}) in text and csv cells alike, as SeaTunnel 2.3.4 reads csv as text. JSON records are one object per line, matched by field name.
 */
final class RecordDecoder {
  private final LocalFileSourceSettings settings;
  private final Pattern textDelimiter;

  RecordDecoder(LocalFileSourceSettings settings) {
    this.settings = settings;
    this.textDelimiter = Pattern.compile(Pattern.quote(settings.delimiter()));
  }

  Row decode(String record, Path file, long line) {
    Row row = settings.hasSchema() ? decodeAll(record, file, line) : Row.of(record);
    if (settings.readColumns().isEmpty()) {
      return row;
    }
    Object[] values = new Object[settings.readColumns().size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = row.field(settings.readColumns().get(i));
    }
    return new Row(row.kind(), values);
  }

  private Row decodeAll(String record, Path file, long line) {
    return switch (settings.format()) {
      case TEXT -> cells(Arrays.asList(textDelimiter.split(record, -1)), file, line);
      case CSV -> cells(csvCells(record, file, line), file, line);
      case JSON -> json(record, file, line);
    };
  }

  private List<String> csvCells(String record, Path file, long line) {
    try {
      return CsvRecords.split(record, settings.delimiter());
    } catch (IllegalArgumentException e) {
      throw new BadRecordException(where(file, line) + ", " + e.getMessage(), e);
    }
  }

  private Row cells(List<String> cells, Path file, long line) {
    RowType type = settings.fileType();
    if (cells.size() > type.arity()) {
      throw new BadRecordException(where(file, line) + ": " + cells.size() + " columns, but the schema has "
          + type.arity() + " (" + String.join(", ", type.names()) + "); check field_delimiter", null);
    }
    Object[] values = new Object[type.arity()];
    for (int i = 0; i < cells.size(); i++) {
      String cell = cells.get(i);
      boolean empty = cell == null || cell.isEmpty() && type.typeAt(i) != DataType.Basic.STRING;
      values[i] = empty ? null : TextCells.nested(type.typeAt(i))
          ? nested(cell, i, file, line) : convert(cell, i, file, line);
    }
    return new Row(RowKind.INSERT, values);
  }

  private Row json(String record, Path file, long line) {
    RowType type = settings.fileType();
    Object parsed;
    try {
      parsed = JsonValues.parse(record, type);
    } catch (IllegalArgumentException e) {
      throw new BadRecordException(where(file, line) + ": not a JSON object: " + e.getMessage(), e);
    }
    if (!(parsed instanceof Map<?, ?> object)) {
      throw new BadRecordException(where(file, line) + ": expected a JSON object per line, got " + record, null);
    }
    Object[] values = new Object[type.arity()];
    for (int i = 0; i < values.length; i++) {
      values[i] = convert(object.get(type.fields().get(i).name()), i, file, line);
    }
    return new Row(RowKind.INSERT, values);
  }

  private Object convert(Object raw, int column, Path file, long line) {
    RowType type = settings.fileType();
    try {
      return FieldValues.convert(raw, type.typeAt(column), settings.formats());
    } catch (IllegalArgumentException e) {
      throw new BadRecordException(where(file, line) + ", column " + (column + 1) + " ('"
          + type.fields().get(column).name() + "' " + type.typeAt(column).sqlName() + "): " + e.getMessage(), e);
    }
  }

  private Object nested(String cell, int column, Path file, long line) {
    RowType type = settings.fileType();
    try {
      return TextCells.parse(cell, type.typeAt(column), settings.formats());
    } catch (IllegalArgumentException e) {
      throw new BadRecordException(where(file, line) + ", column " + (column + 1) + " ('"
          + type.fields().get(column).name() + "' " + type.typeAt(column).sqlName() + "): " + e.getMessage(), e);
    }
  }

  private static String where(Path file, long line) {
    return "LocalFile: cannot read " + file + " line " + line;
  }
}
