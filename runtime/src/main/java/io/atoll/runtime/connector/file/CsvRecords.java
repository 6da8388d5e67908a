package io.atoll.runtime.connector.file;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 csv cells: quoted when they hold the delimiter, a quote or a line break, quotes doubled.
 * An unquoted empty cell is null and a quoted empty cell ({@code ""}) is the empty string, so a
 * string column keeps the difference through a write and a read.
 */
final class CsvRecords {
  private CsvRecords() {}

  /** Whether a record is complete, i.e. no quoted cell continues on the next line. */
  static boolean complete(String record) {
    int quotes = 0;
    for (int i = 0; i < record.length(); i++) {
      if (record.charAt(i) == '"') {
        quotes++;
      }
    }
    return quotes % 2 == 0;
  }

  /** @throws IllegalArgumentException at a malformed quote, naming the column */
  static List<String> split(String record, String delimiter) {
    List<String> cells = new ArrayList<>();
    int i = 0;
    while (true) {
      if (i < record.length() && record.charAt(i) == '"') {
        StringBuilder cell = new StringBuilder();
        i++;
        while (true) {
          if (i >= record.length()) {
            throw new IllegalArgumentException("column " + (cells.size() + 1) + ": unterminated quoted cell");
          }
          char c = record.charAt(i++);
          if (c != '"') {
            cell.append(c);
          } else if (i < record.length() && record.charAt(i) == '"') {
            cell.append('"');
            i++;
          } else {
            break;
          }
        }
        cells.add(cell.toString());
        if (i == record.length()) {
          return cells;
        }
        if (!record.startsWith(delimiter, i)) {
          throw new IllegalArgumentException("column " + cells.size()
              + ": text after the closing quote; quote the whole cell and double inner quotes");
        }
        i += delimiter.length();
      } else {
        int end = record.indexOf(delimiter, i);
        String cell = record.substring(i, end < 0 ? record.length() : end);
        cells.add(cell.isEmpty() ? null : cell);
        if (end < 0) {
          return cells;
        }
        i = end + delimiter.length();
      }
    }
  }

  static String quote(String cell, String delimiter) {
    if (cell == null) {
      return "";
    }
    if (cell.isEmpty() || cell.contains(delimiter) || cell.indexOf('"') >= 0
        || cell.indexOf('\n') >= 0 || cell.indexOf('\r') >= 0) {
      return '"' + cell.replace("\"", "\"\"") + '"';
    }
    return cell;
  }
}
