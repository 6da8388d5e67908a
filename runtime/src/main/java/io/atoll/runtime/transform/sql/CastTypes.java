package io.atoll.runtime.transform.sql;

import io.atoll.protocol.data.DataType;
import io.atoll.protocol.data.DataType.Basic;
import java.util.List;
import java.util.Locale;
import net.sf.jsqlparser.statement.create.table.ColDataType;

/** The target of {@code CAST(x AS type)}: every Atoll basic type and decimal, by SeaTunnel's names. */
final class CastTypes {
  private CastTypes() {}

  static DataType of(ColDataType col) {
    String text = col.getDataType().trim().toUpperCase(Locale.ROOT);
    List<String> args = col.getArgumentsStringList() == null ? List.of() : col.getArgumentsStringList();
    int paren = text.indexOf('(');
    if (paren >= 0 && text.endsWith(")")) {
      args = List.of(text.substring(paren + 1, text.length() - 1).split(","));
      text = text.substring(0, paren).trim();
    }
    String name = text;
    return switch (name) {
      case "STRING", "VARCHAR", "CHAR", "TEXT", "CHARACTER VARYING" -> Basic.STRING;
      case "BOOLEAN", "BOOL" -> Basic.BOOLEAN;
      case "TINYINT", "BYTE" -> Basic.TINYINT;
      case "SMALLINT", "SHORT" -> Basic.SMALLINT;
      case "INT", "INTEGER" -> Basic.INT;
      case "BIGINT", "LONG" -> Basic.BIGINT;
      case "FLOAT", "REAL" -> Basic.FLOAT;
      case "DOUBLE", "DOUBLE PRECISION" -> Basic.DOUBLE;
      case "DECIMAL", "NUMERIC" -> args.isEmpty() ? new DataType.Decimal(38, 18)
          : new DataType.Decimal(Integer.parseInt(args.get(0).trim()),
              args.size() > 1 ? Integer.parseInt(args.get(1).trim()) : 0);
      case "BYTES", "BINARY", "VARBINARY", "BLOB" -> Basic.BYTES;
      case "DATE" -> Basic.DATE;
      case "TIME" -> Basic.TIME;
      case "TIMESTAMP", "DATETIME" -> Basic.TIMESTAMP;
      default -> throw new IllegalArgumentException("CAST to '" + col.getDataType() + "' is not supported; "
          + "types: string, boolean, tinyint, smallint, int, bigint, float, double, decimal(p, s), bytes, "
          + "date, time, timestamp");
    };
  }
}
