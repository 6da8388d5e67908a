package io.atoll.runtime.connector.fake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.atoll.protocol.data.DataType;
import io.atoll.protocol.data.DataTypes;
import io.atoll.protocol.data.Row;
import io.atoll.protocol.data.RowType;
import io.atoll.runtime.connector.PluginHarness;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rows declared inside map and array types, in SeaTunnel's HOCON and JSON styles. */
class FakeNestedTypesTest {
  private static final RowType INNER = RowType.of(new RowType.Field("c_int", DataType.Basic.INT),
      new RowType.Field("c_string", DataType.Basic.STRING));

  @Test
  void hoconAndJsonStyleRowsInsideGenericTypesParse() {
    assertEquals(new DataType.MapOf(DataType.Basic.STRING, INNER),
        DataTypes.parse("map<string, {c_int = int, c_string = string}>"));
    assertEquals(new DataType.MapOf(DataType.Basic.STRING, INNER),
        DataTypes.parse("map<string, {\"c_int\":\"int\", \"c_string\":\"string\"}>"));
    assertEquals(new DataType.Array(RowType.of(new RowType.Field("c_row", RowType.of(
            new RowType.Field("c_int", DataType.Basic.INT))), new RowType.Field("c_d", new DataType.Decimal(10, 2)))),
        DataTypes.parse("array<{c_row = {c_int = int}, c_d = \"decimal(10, 2)\"}>"));
  }

  @Test
  void aBadNestedTypeNamesTheField() {
    List<String> problems = new FakeSourceFactory().validate(ConfigFactory.parseString(
        "schema { fields { m = \"map<string, {c_int = intt}>\" } }"), RowType.of());
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).contains("schema.fields.m") && problems.get(0).contains("unknown type 'intt'"),
        problems.get(0));
    assertTrue(new FakeSourceFactory().validate(ConfigFactory.parseString(
        "schema { fields { m = \"map<string, {c_int int}>\" } }"), RowType.of()).get(0)
        .contains("'=' or ':' expected after field 'c_int'"));
  }

  @Test
  void generatedMapsAndArraysHoldRowsOfTheDeclaredShape() throws Exception {
    PluginHarness.Result result = PluginHarness.source(new FakeSourceFactory(), """
        row.num = 3
        map.size = 2
        array.size = 3
        schema {
          fields {
            c_map_nest = "map<string, {c_int = int, c_string = string}>"
            c_array_nest = "array<{\\"c_int\\": \\"int\\", \\"c_string\\": \\"string\\"}>"
          }
        }
        """).run();
    assertEquals(3, result.rows().size());
    for (Row row : result.rows()) {
      Map<?, ?> map = assertInstanceOf(Map.class, row.field(0));
      assertEquals(2, map.size());
      for (Object value : map.values()) {
        Row inner = assertInstanceOf(Row.class, value);
        assertInstanceOf(Integer.class, inner.field(0));
        assertInstanceOf(String.class, inner.field(1));
      }
      List<?> list = assertInstanceOf(List.class, row.field(1));
      assertEquals(3, list.size());
      assertInstanceOf(Integer.class, assertInstanceOf(Row.class, list.get(0)).field(0));
    }
  }

  @Test
  void fixedRowsFillNestedRowsInMaps() throws Exception {
    PluginHarness.Result result = PluginHarness.source(new FakeSourceFactory(), """
        schema {
          fields {
            c_map_nest = "map<string, {c_int = int, c_string = string}>"
          }
        }
        rows = [
          { kind = INSERT, fields = [{ a = { c_int = 7, c_string = "x" } }] }
        ]
        """).run();
    assertEquals(List.of(Row.of(Map.of("a", Row.of(7, "x")))), result.rows());
  }
}
