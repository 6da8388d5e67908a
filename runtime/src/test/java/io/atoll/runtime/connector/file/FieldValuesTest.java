package io.atoll.runtime.connector.file;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.atoll.protocol.data.DataType;
import io.atoll.protocol.data.DataTypes;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FieldValuesTest {
  private static Object text(Object raw, String type) {
    return FieldValues.convert(raw, DataTypes.parse(type), ValueFormats.TEXT);
  }

  private static String error(Object raw, String type) {
    return assertThrows(IllegalArgumentException.class, () -> text(raw, type)).getMessage();
  }

  @Test
  void numbersAreCheckedAgainstTheirType() {
    assertEquals((byte) -128, text("-128", "tinyint"));
    assertEquals((short) 7, text(7, "smallint"));
    assertEquals(5_000_000_000L, text("5000000000", "bigint"));
    assertEquals(1.25f, text("1.25", "float"));
    assertEquals(Double.NaN, text("NaN", "double"));
    assertEquals("expected tinyint (-128 to 127), got '128'", error("128", "tinyint"));
    assertEquals("expected int, got '1.5' (not whole)", error("1.5", "int"));
    assertEquals("expected bigint, got 'x'", error("x", "bigint"));
  }

  @Test
  void decimalsTakeTheDeclaredScale() {
    assertEquals(new BigDecimal("1.24"), text("1.235", "decimal(5, 2)"));
    assertEquals(new BigDecimal("3.00"), text(3, "decimal(5, 2)"));
    assertEquals("'12345' does not fit decimal(5, 2)", error("12345", "decimal(5, 2)"));
  }

  @Test
  void booleansDatesAndTimes() {
    assertEquals(true, text("TRUE", "boolean"));
    assertEquals("expected boolean (true or false), got 'yes'", error("yes", "boolean"));
    assertEquals(LocalDate.of(2024, 2, 1), text("20240201", "date"));
    assertEquals(LocalTime.of(1, 2, 3, 400_000_000), text("01:02:03.4", "time"));
    assertEquals(LocalDateTime.of(2024, 2, 1, 1, 2, 3), text("2024-02-01T01:02:03", "timestamp"));
    assertEquals(LocalDate.now(), text("current_date", "date"));
    assertEquals("expected a date like 2024-01-31, got '31.01.2024'", error("31.01.2024", "date"));
  }

  @Test
  void bytesAreTextInFilesAndBase64InJson() {
    assertArrayEquals("hi".getBytes(), (byte[]) text("hi", "bytes"));
    assertArrayEquals("hi".getBytes(), (byte[]) FieldValues.convert("aGk=", DataType.Basic.BYTES, ValueFormats.JSON));
  }

  @Test
  void nestedValuesFromJsonText() {
    assertEquals(List.of(1, 2), text("[1, 2]", "array<int>"));
    assertEquals(Map.of("a", List.of(1L)), text("{\"a\": [1]}", "map<string, array<bigint>>"));
    assertEquals("expected array<int> as JSON, got '[1,': Unexpected end-of-input within/between Array entries",
        error("[1,", "array<int>"));
  }

  @Test
  void valueTextIsTheInverse() {
    DataType type = DataTypes.parse("map<string, array<int>>");
    Object value = text("{\"a\":[1,2]}", "map<string, array<int>>");
    assertEquals("{\"a\":[1,2]}", ValueText.format(value, type, ValueFormats.TEXT));
    assertEquals("0.00000001", ValueText.format(new BigDecimal("1E-8"), new DataType.Decimal(10, 8), ValueFormats.TEXT));
    assertEquals("2024-02-01 01:02:03.5",
        ValueText.format(LocalDateTime.of(2024, 2, 1, 1, 2, 3, 500_000_000), DataType.Basic.TIMESTAMP, ValueFormats.TEXT));
  }
}
