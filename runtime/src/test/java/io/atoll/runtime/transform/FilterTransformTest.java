package io.atoll.runtime.transform;

import static io.atoll.runtime.transform.TransformTesting.apply;
import static io.atoll.runtime.transform.TransformTesting.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.typesafe.config.ConfigFactory;
import io.atoll.protocol.data.Row;
import io.atoll.protocol.data.RowKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class FilterTransformTest {
  private final FilterTransformFactory factory = new FilterTransformFactory();
  private final Row joy = new Row(RowKind.UPDATE_AFTER, new Object[] {"Joy Ding", 20, 123});

  @Test
  void includeFieldsKeepsThemInTheListedOrder() throws Exception {
    var out = apply(factory, "include_fields = [card, name]", joy);
    assertEquals(List.of("card", "name"), out.type().names());
    assertEquals(List.of(new Row(RowKind.UPDATE_AFTER, new Object[] {123, "Joy Ding"})), out.rows());
  }

  @Test
  void theOlderNameFieldsStillWorks() throws Exception {
    assertEquals(List.of(Row.of("Joy Ding", 123)), apply(factory, "fields = [name, card]", Row.of("Joy Ding", 20, 123)).rows());
  }

  @Test
  void excludeFieldsDropsThem() throws Exception {
    var out = apply(factory, "exclude_fields = [age]", joy);
    assertEquals(List.of("name", "card"), out.type().names());
    assertEquals(List.of(new Row(RowKind.UPDATE_AFTER, new Object[] {"Joy Ding", 123})), out.rows());
  }

  @Test
  void validation() {
    assertEquals(List.of("set exactly one of options 'include_fields' and 'exclude_fields'"), problems(factory, ""));
    assertEquals(List.of("set exactly one of options 'include_fields' and 'exclude_fields'"),
        problems(factory, "include_fields = [name]\nexclude_fields = [age]"));
    assertEquals(List.of("option 'include_fields': field 'nme' is not in the input; input fields: name, age, card"),
        problems(factory, "include_fields = [nme]"));
    assertEquals(List.of("option 'exclude_fields': field 'x' is not in the input; input fields: name, age, card"),
        problems(factory, "exclude_fields = [x]"));
    assertEquals(List.of("option 'exclude_fields' drops every field; a row needs at least one"),
        problems(factory, "exclude_fields = [name, age, card]"));
    assertEquals(List.of("option 'include_fields': field 'name' is named twice"),
        problems(factory, "include_fields = [name, name]"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> factory.createTransform(ConfigFactory.parseString("include_fields = [nme]"), TransformTesting.INPUT));
    assertEquals("Filter: option 'include_fields': field 'nme' is not in the input; input fields: name, age, card",
        e.getMessage());
  }
}
