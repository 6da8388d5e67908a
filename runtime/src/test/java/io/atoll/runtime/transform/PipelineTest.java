package io.atoll.runtime.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.atoll.protocol.data.DataType;
import io.atoll.protocol.data.Row;
import io.atoll.protocol.data.RowKind;
import io.atoll.protocol.data.RowType;
import io.atoll.runtime.connector.PluginHarness;
import io.atoll.runtime.connector.fake.FakeSourceFactory;
import io.atoll.runtime.connector.file.LocalFileSinkFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The transforms chained behind a source and in front of a sink, as a job file would chain them. */
class PipelineTest {
  @TempDir
  Path out;

  @Test
  void fixedRowsThroughEveryTransformIntoFiles() throws Exception {
    PluginHarness.Result result = PluginHarness.source(new FakeSourceFactory(), """
            schema {
              fields {
                name = string
                age = int
                card = int
              }
            }
            rows = [
              {kind = INSERT, fields = ["Joy Ding", 20, 123]}
              {kind = DELETE, fields = ["May Ding", 21, 124]}
              {kind = UPDATE_AFTER, fields = ["Kin Dom", 22, 125]}
            ]
            """)
        .parallelism(2)
        .transform(new FilterRowKindTransformFactory(), "exclude_kinds = [DELETE]")
        .transform(new CopyTransformFactory(), "fields { full = name }")
        .transform(new SplitTransformFactory(), "separator = \" \"\nsplit_field = full\noutput_fields = [first, last]")
        .transform(new ReplaceTransformFactory(), "replace_field = last\npattern = Ding\nreplacement = D.")
        .transform(new FilterTransformFactory(), "exclude_fields = [full, name]")
        .transform(new FieldMapperTransformFactory(), """
            field_mapper {
              first = first_name
              last = last_name
              card = card
            }
            """)
        .sink(new LocalFileSinkFactory(), "path = \"" + out + "\"\nfile_format_type = csv")
        .run();

    assertEquals(RowType.of(new RowType.Field("first_name", DataType.Basic.STRING),
        new RowType.Field("last_name", DataType.Basic.STRING), new RowType.Field("card", DataType.Basic.INT)),
        result.producedType());
    List<Row> expected = List.of(Row.of("Joy", "D.", 123),
        new Row(RowKind.UPDATE_AFTER, new Object[] {"Kin", "Dom", 125}));
    assertEquals(expected, result.rowsBySubtask().get(0));
    assertEquals(expected, result.rowsBySubtask().get(1));
    try (Stream<Path> files = Files.list(out)) {
      List<Path> written = files.sorted().toList();
      assertEquals(List.of(out.resolve("T_42_1_0_1.csv"), out.resolve("T_42_1_1_1.csv")), written);
      for (Path file : written) {
        assertEquals("Joy,D.,123\nKin,Dom,125\n", Files.readString(file));
      }
    }
  }
}
