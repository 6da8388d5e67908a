package io.atoll.runtime.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.atoll.protocol.connector.Transform;
import io.atoll.protocol.data.DataType;
import io.atoll.protocol.data.Row;
import io.atoll.protocol.data.RowType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonPathTransformTest {
  private static final RowType INPUT = RowType.of(
      new RowType.Field("id", DataType.Basic.INT),
      new RowType.Field("data", DataType.Basic.STRING),
      new RowType.Field("raw", DataType.Basic.BYTES),
      new RowType.Field("tags", new DataType.Array(DataType.Basic.STRING)),
      new RowType.Field("attrs", new DataType.MapOf(DataType.Basic.STRING, DataType.Basic.INT)),
      new RowType.Field("nested", RowType.of(new RowType.Field("a", DataType.Basic.INT),
          new RowType.Field("b", DataType.Basic.STRING))));

  private static final String DOC = """
      {"data": {"c_string": "this is a string", "c_boolean": true, "c_integer": 42, "c_double": 3.14,
                "c_decimal": 10.55, "c_date": "2023-10-29", "c_array": ["item1", "item2"], "c_obj": {"x": 1}}}
      """;

  private final JsonPathTransformFactory factory = new JsonPathTransformFactory();

  private static Row row(int id, String data) {
    return Row.of(id, data, data == null ? null : data.getBytes(StandardCharsets.UTF_8), List.of("t0", "t1"),
        Map.of("k", 7), Row.of(5, "five"));
  }

  private record Out(RowType type, List<Row> rows) {}

  private Out apply(String hocon, Row... rows) throws Exception {
    List<String> problems = factory.validate(ConfigFactory.parseString(hocon), INPUT);
    assertEquals(List.of(), problems);
    List<Row> out = new ArrayList<>();
    try (Transform t = factory.createTransform(ConfigFactory.parseString(hocon), INPUT)) {
      t.open();
      for (Row r : rows) {
        t.process(r, out::add);
      }
      return new Out(t.producedType(), out);
    }
  }

  private static String column(String src, String path, String dest, String type) {
    return "{ src_field = " + src + ", path = \"" + path + "\", dest_field = " + dest
        + (type == null ? "" : ", dest_type = \"" + type + "\"") + " }";
  }

  @Test
  void typedColumnsAreAppendedInOrder() throws Exception {
    var out = apply("columns = [" + String.join("\n",
        column("data", "$.data.c_string", "c1_string", null),
        column("data", "$.data.c_boolean", "c1_boolean", "boolean"),
        column("data", "$.data.c_integer", "c1_integer", "int"),
        column("data", "$.data.c_double", "c1_double", "double"),
        column("data", "$.data.c_decimal", "c1_decimal", "decimal(4, 2)"),
        column("data", "$.data.c_date", "c1_date", "date"),
        column("data", "$.data.c_array", "c1_array", "array<string>"),
        column("data", "$.data.c_obj", "c1_obj", null),
        column("data", "$.data.c_integer", "c1_int_text", "string")) + "]", row(1, DOC));
    assertEquals(List.of("id", "data", "raw", "tags", "attrs", "nested", "c1_string", "c1_boolean", "c1_integer",
        "c1_double", "c1_decimal", "c1_date", "c1_array", "c1_obj", "c1_int_text"), out.type().names());
    assertEquals(new DataType.Decimal(4, 2), out.type().field("c1_decimal").orElseThrow().type());
    Row r = out.rows().get(0);
    assertEquals(List.of("this is a string", true, 42, 3.14, new BigDecimal("10.55"), LocalDate.of(2023, 10, 29),
        List.of("item1", "item2"), "{\"x\":1}", "42"), List.of(r.values()).subList(6, 15));
  }

  /**
   * SeaTunnel's JsonPath reads text with json-smart's permissive mode; its own e2e file
   * json_path_basic_type_test.conf holds {@code "{"data":...}"} in HOCON, which arrives unquoted.
   */
  @Test
  void textStrictJsonRefusesIsReadPermissivelyAsSeaTunnelDoes() throws Exception {
    String unquoted = "{data:{c_string: this is a string,c_boolean: true,c_integer: 42,c_float: 3.14,"
        + "c_decimal: 10.55,c_date:'2023-10-29',c_time:\"16:12:43.459\"}}";
    var out = apply("columns = [" + String.join("\n",
        column("data", "$.data.c_string", "s", null),
        column("data", "$.data.c_boolean", "b", "boolean"),
        column("data", "$.data.c_integer", "i", "int"),
        column("data", "$.data.c_float", "f", "float"),
        column("data", "$.data.c_decimal", "d", "decimal(4, 2)"),
        column("data", "$.data.c_date", "day", "date"),
        column("data", "$.data.c_time", "t", "time")) + "]", row(1, unquoted));
    assertEquals(List.of("this is a string", true, 42, 3.14f, new BigDecimal("10.55"), LocalDate.of(2023, 10, 29),
        java.time.LocalTime.of(16, 12, 43, 459_000_000)), List.of(out.rows().get(0).values()).subList(6, 13));
  }

  @Test
  void bytesArraysMapsAndRowsAreReadAsJson() throws Exception {
    var out = apply("columns = [" + String.join("\n",
        column("raw", "$.data.c_integer", "from_bytes", "bigint"),
        column("tags", "$[1]", "second_tag", null),
        column("attrs", "$.k", "k", "int"),
        column("nested", "$[1]", "row_b", null)) + "]", row(1, DOC));
    assertEquals(List.of(42L, "t1", 7, "five"), List.of(out.rows().get(0).values()).subList(6, 10));
  }

  @Test
  void anExistingDestFieldIsOverwrittenInPlaceWithItsNewType() throws Exception {
    var out = apply("columns = [" + column("data", "$.data.c_integer", "data", "int") + "]", row(1, DOC));
    assertEquals(INPUT.names(), out.type().names());
    assertEquals(DataType.Basic.INT, out.type().typeAt(1));
    assertEquals(42, out.rows().get(0).field(1));
  }

  @Test
  void aNullSourceGivesNull() throws Exception {
    var out = apply("columns = [" + column("data", "$.data.c_string", "s", null) + "]", row(1, null));
    assertEquals(null, out.rows().get(0).field(6));
  }

  @Test
  void byDefaultAValueThatCannotBeReadFailsTheTaskNamingTheColumn() throws Exception {
    String hocon = "columns = [" + column("data", "$.data.missing", "m", "int") + "]";
    try (Transform t = factory.createTransform(ConfigFactory.parseString(hocon), INPUT)) {
      var e = assertThrows(IllegalStateException.class, () -> t.process(row(1, DOC), r -> { }));
      assertTrue(e.getMessage().startsWith("JsonPath column 'm' (src_field 'data', path '$.data.missing',"
          + " dest_type int): path '$.data.missing': no ['missing'] in the object"), e.getMessage());
      var notJson = assertThrows(IllegalStateException.class, () -> t.process(row(2, "{oops"), r -> { }));
      assertTrue(notJson.getMessage().contains("not JSON"), notJson.getMessage());
    }
  }

  @Test
  void aDocumentNestedTooDeeplyIsAnErrorTheWaysHandleNotAStackOverflow() throws Exception {
    String deep = "[".repeat(200_000) + "]".repeat(200_000);
    String shallow = "[\"[[[[\", " + "[".repeat(999) + "]".repeat(999) + "]";
    var out = apply("row_error_handle_way = SKIP\ncolumns = [" + column("data", "$[0]", "first", null) + "]",
        row(1, deep), row(2, shallow));
    assertEquals(List.of(2), out.rows().stream().map(r -> r.field(0)).toList());
    assertEquals("[[[[", out.rows().get(0).field(6));
  }

  @Test
  void rowErrorHandleWaySkipDropsTheRow() throws Exception {
    var out = apply("row_error_handle_way = SKIP\ncolumns = [" + column("data", "$.data.c_integer", "n", "int") + "]",
        row(1, DOC), row(2, "{\"data\": {\"c_integer\": \"forty\"}}"), row(3, "not json"), row(4, DOC));
    assertEquals(List.of(1, 4), out.rows().stream().map(r -> r.field(0)).toList());
  }

  @Test
  void columnErrorHandleWayOverridesTheRowWay() throws Exception {
    var out = apply("row_error_handle_way = SKIP\ncolumns = ["
            + "{ src_field = data, path = \"$.data.c_integer\", dest_field = n, dest_type = int,"
            + " column_error_handle_way = SKIP }\n"
            + "{ src_field = data, path = \"$.data.c_string\", dest_field = s, column_error_handle_way = SKIP_ROW }]",
        row(1, DOC), row(2, "{\"data\": {\"c_integer\": \"x\", \"c_string\": \"kept\"}}"),
        row(3, "{\"data\": {\"c_integer\": 3}}"));
    assertEquals(List.of(1, 2), out.rows().stream().map(r -> r.field(0)).toList());
    assertEquals(null, out.rows().get(1).field(6));
    assertEquals("kept", out.rows().get(1).field(7));

    String failColumn = "row_error_handle_way = SKIP\ncolumns = [{ src_field = data, path = \"$.x\", dest_field = x,"
        + " column_error_handle_way = FAIL }]";
    try (Transform t = factory.createTransform(ConfigFactory.parseString(failColumn), INPUT)) {
      assertThrows(IllegalStateException.class, () -> t.process(row(1, DOC), r -> { }));
    }
  }

  @Test
  void validationNamesTheEntryAndTheKey() {
    assertEquals(List.of(
            "option 'columns' entry 1: 'path' is required",
            "option 'columns': field 'dta' is not in the input; input fields: id, data, raw, tags, attrs, nested",
            "option 'columns' entry 2: src_field 'id' is int; JsonPath reads string, bytes, array, map and row fields",
            "option 'columns' entry 2: path '$..a' at position 2: deep scan '..' is not supported",
            "option 'columns' entry 3: dest_type: bad type 'bogus': unknown type 'bogus'; known: string, boolean,"
                + " tinyint, smallint, int, bigint, float, double, null, bytes, date, time, timestamp, decimal(p, s),"
                + " array<T>, map<K, V> at position 6",
            "option 'columns' entry 3: column_error_handle_way must be FAIL, SKIP or SKIP_ROW, got 'IGNORE'",
            "option 'columns' entry 4: unknown key 'dest'; known: src_field, path, dest_field, dest_type,"
                + " column_error_handle_way",
            "option 'columns' entry 4: 'dest_field' is required",
            "option 'row_error_handle_way' must be FAIL or SKIP, got 'ROUTE_TO_TABLE'"),
        factory.validate(ConfigFactory.parseString("""
            row_error_handle_way = ROUTE_TO_TABLE
            columns = [
              { src_field = dta, dest_field = a }
              { src_field = id, path = "$..a", dest_field = b }
              { src_field = data, path = "$.a", dest_field = c, dest_type = bogus, column_error_handle_way = IGNORE }
              { src_field = data, path = "$.a", dest = d }
            ]
            """), INPUT));
    assertEquals(List.of("option 'columns': field 'x' is named twice"), factory.validate(ConfigFactory.parseString(
        "columns = [" + column("data", "$.a", "x", null) + ", " + column("data", "$.b", "x", null) + "]"), INPUT));
    assertEquals(List.of("option 'columns' is required: columns = [ { src_field = ..., path = \"$.a\","
        + " dest_field = ... } ]"), factory.validate(ConfigFactory.parseString(""), INPUT));
  }
}
