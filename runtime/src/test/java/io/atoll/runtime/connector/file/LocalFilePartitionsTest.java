package io.atoll.runtime.connector.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.atoll.protocol.data.DataType;
import io.atoll.protocol.data.Row;
import io.atoll.runtime.connector.PluginHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a partitioned directory adds its key=value directories as string fields, as SeaTunnel does. */
class LocalFilePartitionsTest {
  @TempDir
  Path dir;

  private static final String CSV = """
      file_format_type = csv
      schema {
        fields {
          id = int
          score = double
        }
      }
      """;

  private void write(String name, String content) throws Exception {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }

  private PluginHarness.Result read(String options) throws Exception {
    return PluginHarness.source(new LocalFileSourceFactory(), "path = \"" + dir + "\"\n" + options).run();
  }

  private void twoLevels() throws Exception {
    write("name=ann/hobby=chess/part-0.csv", "1,1.5\n2,2.5\n");
    write("name=bob/hobby=golf/part-0.csv", "3,3.5\n");
  }

  @Test
  void twoPartitionLevelsBecomeTwoStringFieldsAfterTheSchema() throws Exception {
    twoLevels();
    PluginHarness.Result result = read(CSV);
    assertEquals(List.of("id", "score", "name", "hobby"), result.producedType().names());
    assertEquals(DataType.Basic.STRING, result.producedType().typeAt(2));
    assertEquals(DataType.Basic.STRING, result.producedType().typeAt(3));
    assertEquals(List.of(Row.of(1, 1.5, "ann", "chess"), Row.of(2, 2.5, "ann", "chess"), Row.of(3, 3.5, "bob", "golf")),
        result.rows());
  }

  @Test
  void partitionFieldsFollowTheChosenColumnsAndTheContentOfSchemalessText() throws Exception {
    twoLevels();
    PluginHarness.Result chosen = read(CSV + "read_columns = [score]");
    assertEquals(List.of("score", "name", "hobby"), chosen.producedType().names());
    assertEquals(Row.of(3.5, "bob", "golf"), chosen.rows().get(2));

    PluginHarness.Result text = read("file_format_type = text");
    assertEquals(List.of("content", "name", "hobby"), text.producedType().names());
    assertEquals(Row.of("1,1.5", "ann", "chess"), text.rows().get(0));
  }

  @Test
  void parsePartitionFromPathFalseKeepsTheSchemaAsDeclared() throws Exception {
    twoLevels();
    PluginHarness.Result result = read(CSV + "parse_partition_from_path = false");
    assertEquals(List.of("id", "score"), result.producedType().names());
    assertEquals(Row.of(3, 3.5), result.rows().get(2));
  }

  @Test
  void aPartitionTheSchemaAlreadyHasIsReadFromTheFile() throws Exception {
    write("id=9/part.csv", "1,1.5\n");
    PluginHarness.Result result = read(CSV);
    assertEquals(List.of("id", "score"), result.producedType().names());
    assertEquals(List.of(Row.of(1, 1.5)), result.rows());
  }

  @Test
  void aFileUnderADirectoryTheFirstFileLacksFailsNamingIt() throws Exception {
    write("name=ann/part.csv", "1,1.5\n");
    write("name=bob/hobby=golf/part.csv", "3,3.5\n");
    BadRecordException e = assertThrows(BadRecordException.class, () -> read(CSV));
    assertTrue(e.getMessage().contains("name=bob/hobby=golf/part.csv is in partition directories [hobby]"),
        e.getMessage());
    assertTrue(e.getMessage().contains("its partition columns are [name]"), e.getMessage());
  }

  @Test
  void aFileMissingAPartitionOfTheFirstHasNullThere() throws Exception {
    write("a/name=ann/hobby=chess/part.csv", "1,1.5\n");
    write("b/name=bob/part.csv", "3,3.5\n");
    assertEquals(List.of(Row.of(1, 1.5, "ann", "chess"), Row.of(3, 3.5, "bob", null)), read(CSV).rows());
  }
}
