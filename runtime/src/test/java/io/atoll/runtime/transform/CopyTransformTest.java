package io.atoll.runtime.transform;

import static io.atoll.runtime.transform.TransformTesting.apply;
import static io.atoll.runtime.transform.TransformTesting.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import com.typesafe.config.ConfigFactory;
import io.atoll.protocol.data.DataType;
import io.atoll.protocol.data.Row;
import io.atoll.protocol.data.RowType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CopyTransformTest {
  private final CopyTransformFactory factory = new CopyTransformFactory();

  @Test
  void appendsCopiesInTheOrderWritten() throws Exception {
    var out = apply(factory, """
        fields {
          name1 = name
          name2 = name
          age1 = age
        }
        """, Row.of("Joy Ding", 20, 123));
    assertEquals(List.of("name", "age", "card", "name1", "name2", "age1"), out.type().names());
    assertEquals(DataType.Basic.INT, out.type().field("age1").orElseThrow().type());
    assertEquals(List.of(Row.of("Joy Ding", 20, 123, "Joy Ding", "Joy Ding", 20)), out.rows());
  }

  @Test
  void theOlderSrcAndDestFieldForm() throws Exception {
    var out = apply(factory, "src_field = card\ndest_field = card_copy", Row.of("Joy Ding", 20, 123));
    assertEquals(List.of(Row.of("Joy Ding", 20, 123, 123)), out.rows());
  }

  @Test
  void copiesShareNothingMutable() throws Exception {
    RowType input = RowType.of(new RowType.Field("raw", DataType.Basic.BYTES),
        new RowType.Field("list", new DataType.Array(DataType.Basic.INT)));
    List<Row> out = new ArrayList<>();
    byte[] raw = {1, 2};
    List<Integer> list = new ArrayList<>(List.of(1));
    factory.createTransform(ConfigFactory.parseString("fields {\n raw2 = raw\n list2 = list\n}"), input)
        .process(Row.of(raw, list), out::add);
    assertNotSame(raw, out.get(0).field(2));
    assertNotSame(list, out.get(0).field(3));
    assertEquals(list, out.get(0).field(3));
  }

  @Test
  void validation() {
    assertEquals(List.of("option 'fields': field 'nme' is not in the input; input fields: name, age, card"),
        problems(factory, "fields { x = nme }"));
    assertEquals(List.of("option 'fields': field 'age' exists in the input already"),
        problems(factory, "fields { age = name }"));
    assertEquals(List.of("set either option 'fields' (fields { new_name = source }) or 'src_field' with 'dest_field'"),
        problems(factory, ""));
    assertEquals(List.of("options 'src_field' and 'dest_field' go together"), problems(factory, "src_field = name"));
  }
}
