package io.atoll.runtime.connector.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.atoll.protocol.data.DataType;
import io.atoll.protocol.data.Row;
import io.atoll.runtime.connector.PluginHarness;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalFileSourceTest {
  @TempDir
  Path dir;

  private static final String SCHEMA = """
      schema {
        fields {
          id = int
          name = string
          price = "decimal(10, 2)"
          born = date
          seen = timestamp
        }
      }
      """;

  private PluginHarness.Result read(Path path, String options) throws Exception {
    return PluginHarness.source(new LocalFileSourceFactory(), "path = \"" + path + "\"\n" + options).run();
  }

  private Path write(String name, String content) throws Exception {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
    return file;
  }

  @Test
  void textWithoutSchemaGivesOneContentFieldPerLine() throws Exception {
    Path file = write("a.txt", "first line\nsecond\u0001line\n\nlast\n");
    PluginHarness.Result result = read(file, "file_format_type = text");
    assertEquals(List.of("content"), result.producedType().names());
    assertEquals(List.of(Row.of("first line"), Row.of("second\u0001line"), Row.of(""), Row.of("last")), result.rows());
  }

  @Test
  void textSplitsAtTheDefaultDelimiterAndTypesColumns() throws Exception {
    Path file = write("a.txt", "1\u0001Ann\u00019.5\u00012024-01-31\u00012024-01-31 10:20:30\n"
        + "2\u0001\u0001\u0001\u0001\n3\u0001Bob\n");
    PluginHarness.Result result = read(file, "file_format_type = text\n" + SCHEMA);
    assertEquals(List.of(
        Row.of(1, "Ann", new BigDecimal("9.50"), LocalDate.of(2024, 1, 31), LocalDateTime.of(2024, 1, 31, 10, 20, 30)),
        Row.of(2, "", null, null, null),
        Row.of(3, "Bob", null, null, null)), result.rows(), "empty non-string cells and missing cells are null");
  }

  @Test
  void csvSkipsHeaderAndHandlesQuotes() throws Exception {
    Path file = write("a.csv", """
        id,name,price,born,seen
        1,"Smith, Ann",1,2024-01-31,2024-01-31T10:20:30
        2,"say ""hi""
        twice",,,
        3,"",,,
        4,,,,
        """);
    PluginHarness.Result result = read(file, "file_format_type = csv\nskip_header_row_number = 1\n" + SCHEMA);
    assertEquals(List.of(
        Row.of(1, "Smith, Ann", new BigDecimal("1.00"), LocalDate.of(2024, 1, 31), LocalDateTime.of(2024, 1, 31, 10, 20, 30)),
        Row.of(2, "say \"hi\"\ntwice", null, null, null),
        Row.of(3, "", null, null, null),
        Row.of(4, null, null, null, null)), result.rows(), "a quoted empty cell is '', an unquoted one null");
  }

  @Test
  void csvWithACustomDelimiter() throws Exception {
    Path file = write("a.csv", "1;x;2.5;;\n");
    PluginHarness.Result result = read(file, "file_format_type = csv\nfield_delimiter = \";\"\n" + SCHEMA);
    assertEquals(List.of(Row.of(1, "x", new BigDecimal("2.50"), null, null)), result.rows());
  }

  @Test
  void jsonLinesByFieldName() throws Exception {
    Path file = write("a.json", """
        {"id": 1, "name": "Ann", "price": 12.345, "born": "2024-01-31", "seen": "2024-01-31 10:20:30.5", "extra": true}
        {"name": "Bob", "id": 2}

        {"id": 3, "name": null, "tags": ["ignored"]}
        """);
    PluginHarness.Result result = read(file, "file_format_type = json\n" + SCHEMA);
    assertEquals(List.of(
        Row.of(1, "Ann", new BigDecimal("12.35"), LocalDate.of(2024, 1, 31),
            LocalDateTime.of(2024, 1, 31, 10, 20, 30, 500_000_000)),
        Row.of(2, "Bob", null, null, null),
        Row.of(3, null, null, null, null)), result.rows());
  }

  @Test
  void jsonReadsNestedTypes() throws Exception {
    Path file = write("n.json", """
        {"tags": ["a", "b"], "scores": {"x": 1}, "who": {"first": "Ann", "age": 3}, "raw": "aGk="}
        """);
    PluginHarness.Result result = read(file, """
        file_format_type = json
        schema {
          fields {
            tags = "array<string>"
            scores = "map<string, bigint>"
            who = {
              first = string
              age = tinyint
            }
            raw = bytes
          }
        }
        """);
    Row row = result.rows().get(0);
    assertEquals(List.of("a", "b"), row.field(0));
    assertEquals(Map.of("x", 1L), row.field(1));
    assertEquals(Row.of("Ann", (byte) 3), row.field(2));
    assertEquals("hi", new String((byte[]) row.field(3)), "JSON bytes are base64");
  }

  @Test
  void aDirectoryIsOneSplitPerFileSpreadOverReaders() throws Exception {
    for (int i = 0; i < 5; i++) {
      write("in/part-" + i + ".txt", "file " + i + "\n");
    }
    write("in/.hidden.txt", "hidden\n");
    write("in/.atoll-tmp/T_1_1_0/a0-0.tmp", "uncommitted\n");
    write("in/sub/nested.txt", "nested\n");

    PluginHarness.Result result = harness(dir.resolve("in"), "file_format_type = text").parallelism(2).run();
    Set<Object> lines = new HashSet<>();
    result.rows().forEach(r -> lines.add(r.field(0)));
    assertEquals(Set.of("file 0", "file 1", "file 2", "file 3", "file 4", "nested"), lines);
    assertEquals(6, result.rows().size());
    assertEquals(6, result.splitsBySubtask().get(0).size() + result.splitsBySubtask().get(1).size());
    assertTrue(result.splitsBySubtask().get(0).size() >= 1 && result.splitsBySubtask().get(1).size() >= 1,
        "both readers got files: " + result.splitsBySubtask());
  }

  private PluginHarness harness(Path path, String options) {
    return PluginHarness.source(new LocalFileSourceFactory(), "path = \"" + path + "\"\n" + options);
  }

  @Test
  void aReaderRestoredFromItsSnapshotGoesOnWithTheNextRecord() throws Exception {
    StringBuilder csv = new StringBuilder("id,name\n");
    for (int i = 0; i < 2500; i++) {
      csv.append(i).append(i % 7 == 0 ? ",\"two\nlines\"\n" : ",x\n"); // some records span two lines
    }
    Path file = write("big.csv", csv.toString());
    String options = "path = \"" + file + "\"\nfile_format_type = csv\nskip_header_row_number = 1\n"
        + "schema { fields { id = int, name = string } }";
    io.atoll.protocol.connector.Source source = new LocalFileSourceFactory().createSource(config(options));
    io.atoll.protocol.connector.SourceSplit split =
        new io.atoll.protocol.connector.SourceSplit(file.toString(), Map.of(LocalFileEnumerator.PATH, file.toString()));

    io.atoll.runtime.connector.TestingReaderContext first =
        new io.atoll.runtime.connector.TestingReaderContext(PluginHarness.JOB, 0, 1);
    io.atoll.protocol.connector.SourceReader reader = source.createReader(first);
    reader.addSplits(List.of(split));
    reader.handleNoMoreSplits();
    List<Row> before = new java.util.ArrayList<>();
    reader.pollNext(before::add);
    assertEquals(1000, before.size());
    List<io.atoll.protocol.connector.SourceSplit> snapshot = reader.snapshotState(1);
    assertEquals(1, snapshot.size());
    assertEquals(Integer.toString(1 + 1000 + 1000 / 7 + 1), snapshot.get(0).attribute(LocalFileReader.LINE),
        "header + 1000 records, of which ids 0, 7, ..., 994 took two lines");
    reader.close();

    io.atoll.runtime.connector.TestingReaderContext second =
        new io.atoll.runtime.connector.TestingReaderContext(PluginHarness.JOB, 0, 1);
    io.atoll.protocol.connector.SourceReader restored = source.createReader(second);
    restored.addSplits(snapshot);
    restored.handleNoMoreSplits();
    List<Row> after = new java.util.ArrayList<>();
    for (int i = 0; i < 10 && !second.finished(); i++) {
      restored.pollNext(after::add);
    }
    assertTrue(second.finished());
    assertEquals(1500, after.size());
    assertEquals(1000, after.get(0).field(0), "the first record after the checkpoint, not the header");
    assertEquals(Row.of(1001, "two\nlines"), after.get(1), "a two-line record after the checkpoint is whole");
  }

  @Test
  void aBadValueNamesFileLineAndColumn() throws Exception {
    Path file = write("bad.csv", "1,Ann,,,\nabc,Bob,,,\n");
    BadRecordException e = assertThrows(BadRecordException.class,
        () -> read(file, "file_format_type = csv\n" + SCHEMA));
    assertTrue(e.getMessage().contains(file + " line 2, column 1 ('id' int)"), e.getMessage());
    assertTrue(e.getMessage().contains("expected int, got 'abc'"), e.getMessage());
  }

  @Test
  void tooManyColumnsPointsAtTheDelimiter() throws Exception {
    Path file = write("bad.txt", "1,2,3\n");
    BadRecordException e = assertThrows(BadRecordException.class, () -> read(file, """
        file_format_type = text
        field_delimiter = ","
        schema {
          fields {
            a = int
            b = int
          }
        }
        """));
    assertTrue(e.getMessage().contains("line 1: 3 columns, but the schema has 2 (a, b); check field_delimiter"),
        e.getMessage());
  }

  @Test
  void aBadJsonLineNamesTheLine() throws Exception {
    Path file = write("bad.json", "{\"id\": 1}\n{\"id\": \n");
    BadRecordException e = assertThrows(BadRecordException.class, () -> read(file, "file_format_type = json\n" + SCHEMA));
    assertTrue(e.getMessage().contains(file + " line 2: not a JSON object"), e.getMessage());
  }

  @Test
  void aMissingPathFailsWhenTheEnumeratorOpens() {
    NoSuchFileException e = assertThrows(NoSuchFileException.class,
        () -> read(dir.resolve("nope"), "file_format_type = text"));
    assertTrue(e.getMessage().contains("nope") && e.getMessage().contains("option 'path'"), e.getMessage());
  }

  @Test
  void validationNamesTheOption() {
    LocalFileSourceFactory f = new LocalFileSourceFactory();
    assertEquals(List.of("option 'schema' is required for file_format_type = csv (only text can be read without one, "
        + "as a single 'content' field)"), f.validate(config("path = /x\nfile_format_type = csv"), null));
    assertTrue(f.validate(config("path = /x\nfile_format_type = parquet"), null).get(0)
        .contains("option 'file_format_type': 'parquet' is not supported"));
    assertTrue(f.validate(config("path = /x\nfile_format_type = json\nskip_header_row_number = 1\n" + SCHEMA), null)
        .get(0).contains("'skip_header_row_number' applies to text and csv only"));
    assertTrue(f.validate(config("path = /x\nfile_format_type = text\nencoding = klingon"), null).get(0)
        .contains("option 'encoding': unknown character set 'klingon'"));
    assertEquals(List.of(), f.validate(config("path = /x\ntype = text\ndelimiter = \";\""), null),
        "SeaTunnel's older names 'type' and 'delimiter' are accepted");
    assertEquals(DataType.Basic.STRING, LocalFileSourceSettings.CONTENT.typeAt(0));
  }

  private static com.typesafe.config.Config config(String hocon) {
    return com.typesafe.config.ConfigFactory.parseString(hocon);
  }
}
