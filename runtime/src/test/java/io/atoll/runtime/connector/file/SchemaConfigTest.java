package io.atoll.runtime.connector.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.atoll.protocol.data.DataType;
import io.atoll.protocol.data.RowType;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SchemaConfigTest {
  @Test
  void fieldsKeepTheOrderTheyWereWrittenIn() {
    RowType type = SchemaConfig.read(ConfigFactory.parseString("""
        schema {
          fields {
            zeta = int
            alpha = string
            mid = {
              q = int
              b = "array<string>"
            }
            c = bigint
          }
        }
        """)).orElseThrow();
    assertEquals(List.of("zeta", "alpha", "mid", "c"), type.names(), "not the hash order [zeta, c, alpha, mid]");
    assertEquals(List.of("q", "b"), ((RowType) type.typeAt(2)).names());
    assertEquals(new DataType.Array(DataType.Basic.STRING), ((RowType) type.typeAt(2)).typeAt(1));
  }

  @Test
  void columnsKeepTheirOrderEvenOnOneLine() {
    RowType type = SchemaConfig.read(ConfigFactory.parseString(
        "schema { columns = [{name = zeta, type = int}, {name = alpha, type = string}, {name = c, type = bigint}] }"))
        .orElseThrow();
    assertEquals(List.of("zeta", "alpha", "c"), type.names());
  }

  @Test
  void absentIsEmptyAndMistakesNameThePath() {
    assertEquals(Optional.empty(), SchemaConfig.read(ConfigFactory.parseString("a = 1")));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> SchemaConfig.read(ConfigFactory.parseString(
            "schema { fields { x { y = \"strin g\" } } }"))).getMessage()
        .startsWith("option 'schema.fields.x.y': bad type 'strin g': unknown type 'strin'"));
    assertEquals("option 'schema.fields.x': a type name like \"int\" or an object of fields is expected, got 3",
        assertThrows(IllegalArgumentException.class, () -> SchemaConfig.read(ConfigFactory.parseString(
            "schema { fields { x = 3 } }"))).getMessage());
    assertEquals("option 'schema' needs 'fields' (schema { fields { id = int } }) or 'columns'",
        assertThrows(IllegalArgumentException.class, () -> SchemaConfig.read(ConfigFactory.parseString(
            "schema { feilds { x = int } }"))).getMessage());
  }
}
