package io.atoll.runtime.transform;

import static io.atoll.runtime.transform.TransformTesting.apply;
import static io.atoll.runtime.transform.TransformTesting.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.atoll.protocol.data.DataType;
import io.atoll.protocol.data.Row;
import io.atoll.protocol.data.RowKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class RowKindExtractorTransformTest {
  private final RowKindExtractorTransformFactory factory = new RowKindExtractorTransformFactory();

  private static Row row(RowKind kind, Object... values) {
    return new Row(kind, values);
  }

  @Test
  void shortKindsInTheDefaultFieldAndEveryRowBecomesAnInsert() throws Exception {
    var out = apply(factory, "", row(RowKind.INSERT, "A", 1, 10), row(RowKind.UPDATE_BEFORE, "A", 1, 10),
        row(RowKind.UPDATE_AFTER, "F", 1, 10), row(RowKind.DELETE, "C", 3, 30));
    assertEquals(List.of("name", "age", "card", "row_kind"), out.type().names());
    assertEquals(DataType.Basic.STRING, out.type().typeAt(3));
    assertEquals(List.of(Row.of("A", 1, 10, "+I"), Row.of("A", 1, 10, "-U"), Row.of("F", 1, 10, "+U"),
        Row.of("C", 3, 30, "-D")), out.rows());
  }

  @Test
  void fullKindsInACustomField() throws Exception {
    var out = apply(factory, "custom_field_name = op\ntransform_type = FULL",
        row(RowKind.UPDATE_AFTER, "F", 1, 10), row(RowKind.DELETE, "C", 3, 30));
    assertEquals("op", out.type().fields().get(3).name());
    assertEquals(List.of(Row.of("F", 1, 10, "UPDATE_AFTER"), Row.of("C", 3, 30, "DELETE")), out.rows());
  }

  @Test
  void validation() {
    assertEquals(List.of("option 'custom_field_name': field 'age' exists in the input already"),
        problems(factory, "custom_field_name = age"));
    assertEquals(List.of("option 'transform_type' must be SHORT or FULL, got 'LONG'"),
        problems(factory, "transform_type = LONG"));
    assertEquals(List.of("option 'custom_field_name' must not be empty"), problems(factory, "custom_field_name = \"\""));
  }
}
