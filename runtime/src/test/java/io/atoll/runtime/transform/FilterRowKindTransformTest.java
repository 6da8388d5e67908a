package io.atoll.runtime.transform;

import static io.atoll.runtime.transform.TransformTesting.apply;
import static io.atoll.runtime.transform.TransformTesting.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.atoll.protocol.data.Row;
import io.atoll.protocol.data.RowKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class FilterRowKindTransformTest {
  private final FilterRowKindTransformFactory factory = new FilterRowKindTransformFactory();
  private final Row insert = Row.of("a", 1, 2);
  private final Row before = insert.withKind(RowKind.UPDATE_BEFORE);
  private final Row after = insert.withKind(RowKind.UPDATE_AFTER);
  private final Row delete = insert.withKind(RowKind.DELETE);

  @Test
  void includeKeepsOnlyTheListedKinds() throws Exception {
    var out = apply(factory, "include_kinds = [INSERT, \"+U\"]", insert, before, after, delete);
    assertEquals(TransformTesting.INPUT, out.type());
    assertEquals(List.of(insert, after), out.rows());
  }

  @Test
  void excludeDropsTheListedKinds() throws Exception {
    assertEquals(List.of(before, after), apply(factory, "exclude_kinds = [INSERT, DELETE]", insert, before, after, delete).rows());
    assertEquals(List.of(), apply(factory, "exclude_kinds = [\"INSERT\"]", insert).rows());
  }

  @Test
  void validation() {
    assertEquals(List.of("set exactly one of options 'include_kinds' and 'exclude_kinds'"), problems(factory, ""));
    assertEquals(List.of("option 'include_kinds': unknown row kind 'UPSERT': expected +I, -U, +U, -D "
        + "(or INSERT, UPDATE_BEFORE, UPDATE_AFTER, DELETE)"), problems(factory, "include_kinds = [UPSERT]"));
  }
}
