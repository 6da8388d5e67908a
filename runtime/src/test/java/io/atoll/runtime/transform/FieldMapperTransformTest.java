package io.atoll.runtime.transform;

import static io.atoll.runtime.transform.TransformTesting.apply;
import static io.atoll.runtime.transform.TransformTesting.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.atoll.protocol.data.DataType;
import io.atoll.protocol.data.Row;
import io.atoll.protocol.data.RowType;
import java.util.List;
import org.junit.jupiter.api.Test;

class FieldMapperTransformTest {
  private final FieldMapperTransformFactory factory = new FieldMapperTransformFactory();

  @Test
  void keepsMappedFieldsRenamedInTheOrderWritten() throws Exception {
    var out = apply(factory, """
        field_mapper = {
          card = card
          name = new_name
        }
        """, Row.of("Joy Ding", 20, 123));
    assertEquals(RowType.of(new RowType.Field("card", DataType.Basic.INT),
        new RowType.Field("new_name", DataType.Basic.STRING)), out.type());
    assertEquals(List.of(Row.of(123, "Joy Ding")), out.rows());
  }

  @Test
  void validation() {
    assertEquals(List.of("option 'field_mapper': field 'nme' is not in the input; input fields: name, age, card"),
        problems(factory, "field_mapper { nme = x }"));
    assertEquals(List.of("option 'field_mapper': field 'x' is named twice"),
        problems(factory, "field_mapper {\n name = x\n age = x\n}"));
    assertEquals(List.of("option 'field_mapper': the new name of 'age' must be a string, got [1]"),
        problems(factory, "field_mapper { age = [1] }"));
    assertEquals(List.of("option 'field_mapper' is required: field_mapper = { old_name = new_name }"),
        problems(factory, ""));
  }
}
