package io.atoll.protocol.data;

import io.atoll.protocol.WireMessage;
import java.util.List;
import java.util.Objects;

/**
 * SeaTunnel's data types. Java values: string {@code String}, boolean {@code Boolean}, tinyint
 * {@code Byte}, smallint {@code Short}, int {@code Integer}, bigint {@code Long}, float {@code Float},
 * double {@code Double}, decimal {@code BigDecimal}, null {@code null}, bytes {@code byte[]}, date
 * {@code LocalDate}, time {@code LocalTime}, timestamp {@code LocalDateTime}, array {@code List},
 * map {@code Map}, row {@link Row}.
 */
public sealed interface DataType extends WireMessage
    permits DataType.Basic, DataType.Decimal, DataType.Array, DataType.MapOf, RowType {

  /** The name as SeaTunnel writes it in a schema, e.g. {@code decimal(10, 2)}, {@code array<int>}. */
  String sqlName();

  enum Basic implements DataType {
    STRING("string"),
    BOOLEAN("boolean"),
    TINYINT("tinyint"),
    SMALLINT("smallint"),
    INT("int"),
    BIGINT("bigint"),
    FLOAT("float"),
    DOUBLE("double"),
    NULL("null"),
    BYTES("bytes"),
    DATE("date"),
    TIME("time"),
    TIMESTAMP("timestamp");

    private final String sqlName;

    Basic(String sqlName) {
      this.sqlName = sqlName;
    }

    @Override
    public String sqlName() {
      return sqlName;
    }

    public boolean numeric() {
      return switch (this) {
        case TINYINT, SMALLINT, INT, BIGINT, FLOAT, DOUBLE -> true;
        default -> false;
      };
    }
  }

  record Decimal(int precision, int scale) implements DataType {
    public Decimal {
      if (precision < 1 || precision > 38 || scale < 0 || scale > precision) {
        throw new IllegalArgumentException(
            "decimal(" + precision + ", " + scale + "): precision must be 1-38 and scale 0-precision");
      }
    }

    @Override
    public String sqlName() {
      return "decimal(" + precision + ", " + scale + ")";
    }
  }

  record Array(DataType element) implements DataType {
    public Array {
      Objects.requireNonNull(element, "element");
    }

    @Override
    public String sqlName() {
      return "array<" + element.sqlName() + ">";
    }
  }

  record MapOf(DataType key, DataType value) implements DataType {
    public MapOf {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(value, "value");
    }

    @Override
    public String sqlName() {
      return "map<" + key.sqlName() + ", " + value.sqlName() + ">";
    }
  }

  /** All basic types, for error messages that list what is accepted. */
  static List<String> basicNames() {
    return java.util.Arrays.stream(Basic.values()).map(Basic::sqlName).toList();
  }
}
