package io.atoll.protocol.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parses SeaTunnel type names as they appear in {@code schema.fields}: {@code string},
 * {@code decimal(10, 2)}, {@code array<int>}, {@code map<string, array<bigint>>}, and nested rows
 * given as objects ({@code c_row = { a = int, b = string }}) or, inside a generic type, inline in
 * HOCON or JSON style ({@code map<string, {c_int = int, c_row = {c_int = int}}>},
 * {@code array<{"c_int": "int"}>}), as SeaTunnel's schema accepts them.
 */
public final class DataTypes {
  private DataTypes() {}

  /** @throws IllegalArgumentException naming the type text and what is accepted */
  public static DataType parse(String text) {
    Parser p = new Parser(text);
    DataType type = p.type();
    p.skipSpaces();
    if (!p.atEnd()) {
      throw p.error("unexpected '" + text.substring(p.pos) + "'");
    }
    return type;
  }

  /**
   * A schema from a {@code fields} object: values are type names, or nested objects for rows.
   *
   * @param fields field name → String type name or Map (nested row), in declaration order
   */
  public static RowType rowType(Map<String, ?> fields) {
    List<RowType.Field> list = new ArrayList<>();
    for (Map.Entry<String, ?> e : fields.entrySet()) {
      Object value = e.getValue();
      DataType type;
      if (value instanceof String s) {
        try {
          type = parse(s);
        } catch (IllegalArgumentException ex) {
          throw new IllegalArgumentException("field '" + e.getKey() + "': " + ex.getMessage(), ex);
        }
      } else if (value instanceof Map<?, ?> nested) {
        @SuppressWarnings("unchecked")
        Map<String, ?> nestedFields = (Map<String, ?>) nested;
        type = rowType(nestedFields);
      } else {
        throw new IllegalArgumentException(
            "field '" + e.getKey() + "': a type must be a name like \"int\" or an object of fields, got " + value);
      }
      list.add(new RowType.Field(e.getKey(), type));
    }
    return new RowType(list);
  }

  private static final class Parser {
    private final String text;
    private int pos;

    Parser(String text) {
      this.text = text;
    }

    DataType type() {
      if (peek('{')) {
        return row();
      }
      skipSpaces();
      String word = word().toLowerCase(Locale.ROOT);
      switch (word) {
        case "decimal" -> {
          skipSpaces();
          if (!peek('(')) {
            return new DataType.Decimal(38, 18);
          }
          expect('(');
          int precision = number();
          expect(',');
          int scale = number();
          expect(')');
          try {
            return new DataType.Decimal(precision, scale);
          } catch (IllegalArgumentException e) {
            throw error(e.getMessage());
          }
        }
        case "array" -> {
          expect('<');
          DataType element = type();
          expect('>');
          return new DataType.Array(element);
        }
        case "map" -> {
          expect('<');
          DataType key = type();
          expect(',');
          DataType value = type();
          expect('>');
          return new DataType.MapOf(key, value);
        }
        default -> {
          return basic(word);
        }
      }
    }

    /** {@code {name = type, ...}} or {@code {"name": "type", ...}}; separators ',' or spaces, in order. */
    private RowType row() {
      expect('{');
      List<RowType.Field> fields = new ArrayList<>();
      while (!peek('}')) {
        String name = peek('"') ? quoted() : word();
        skipSpaces();
        if (!peek('=') && !peek(':')) {
          throw error("'=' or ':' expected after field '" + name + "'");
        }
        pos++;
        DataType type;
        if (peek('"')) {
          int at = pos;
          try {
            type = parse(quoted());
          } catch (IllegalArgumentException e) {
            pos = at;
            throw error("field '" + name + "': " + e.getMessage());
          }
        } else {
          type = type();
        }
        fields.add(new RowType.Field(name, type));
        if (peek(',')) {
          pos++;
        }
      }
      expect('}');
      if (fields.isEmpty()) {
        throw error("a row type declares no field");
      }
      return new RowType(fields);
    }

    /** A double-quoted string, {@code \"} and {@code \\} unescaped. */
    private String quoted() {
      expect('"');
      StringBuilder b = new StringBuilder();
      while (pos < text.length() && text.charAt(pos) != '"') {
        char c = text.charAt(pos++);
        if (c == '\\' && pos < text.length()) {
          c = text.charAt(pos++);
        }
        b.append(c);
      }
      expect('"');
      return b.toString();
    }

    private DataType basic(String word) {
      String normal = switch (word) {
        case "integer" -> "int";
        case "long" -> "bigint";
        case "byte" -> "tinyint";
        case "short" -> "smallint";
        case "bool" -> "boolean";
        case "varchar", "text" -> "string";
        case "binary" -> "bytes";
        case "datetime" -> "timestamp";
        default -> word;
      };
      for (DataType.Basic b : DataType.Basic.values()) {
        if (b.sqlName().equals(normal)) {
          return b;
        }
      }
      throw error("unknown type '" + word + "'; known: " + String.join(", ", DataType.basicNames())
          + ", decimal(p, s), array<T>, map<K, V>");
    }

    private String word() {
      int start = pos;
      while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
        pos++;
      }
      if (start == pos) {
        throw error(atEnd() ? "a type is missing" : "unexpected '" + text.charAt(pos) + "'");
      }
      return text.substring(start, pos);
    }

    private int number() {
      skipSpaces();
      int start = pos;
      while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
        pos++;
      }
      if (start == pos) {
        throw error("a number is expected");
      }
      return Integer.parseInt(text.substring(start, pos));
    }

    private boolean peek(char c) {
      skipSpaces();
      return pos < text.length() && text.charAt(pos) == c;
    }

    private void expect(char c) {
      if (!peek(c)) {
        throw error("'" + c + "' expected");
      }
      pos++;
    }

    void skipSpaces() {
      while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
        pos++;
      }
    }

    boolean atEnd() {
      return pos >= text.length();
    }

    IllegalArgumentException error(String what) {
      return new IllegalArgumentException("bad type '" + text + "': " + what + " at position " + (pos + 1));
    }
  }
}
