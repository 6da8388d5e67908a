package io.atoll.runtime.connector.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.atoll.protocol.data.Row;
import io.atoll.runtime.connector.PluginHarness;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The LocalFile source options SeaTunnel's job files use beyond the basics: columns, filters, codecs, formats. */
class LocalFileSourceOptionsTest {
  @TempDir
  Path dir;

  private static final String SCHEMA = """
      schema {
        fields {
          id = int
          name = string
          age = int
        }
      }
      """;

  private PluginHarness.Result read(Path path, String options) throws Exception {
    return PluginHarness.source(new LocalFileSourceFactory(), "path = \"" + path + "\"\n" + options).run();
  }

  private Path write(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, content);
  }

  private List<String> problems(String hocon) {
    return new LocalFileSourceFactory().validate(ConfigFactory.parseString("path = /x\n" + hocon), null);
  }

  @Test
  void readColumnsProduceTheListedFieldsInTheirOrder() throws Exception {
    Path file = write("a.csv", "1,Ann,30\n2,Bob,40\n");
    PluginHarness.Result result = read(file, "file_format_type = csv\nread_columns = [age, id]\n" + SCHEMA);
    assertEquals(List.of("age", "id"), result.producedType().names());
    assertEquals(List.of(Row.of(30, 1), Row.of(40, 2)), result.rows());
  }

  @Test
  void readColumnsWorkOnJsonAndOnTextWithoutSchema() throws Exception {
    Path json = write("a.json", "{\"id\": 1, \"name\": \"Ann\", \"age\": 30}\n");
    assertEquals(List.of(Row.of("Ann")), read(json, "file_format_type = json\nread_columns = [name]\n" + SCHEMA).rows());
    Path text = write("b.txt", "whole line\n");
    assertEquals(List.of(Row.of("whole line")), read(text, "file_format_type = text\nread_columns = [content]").rows());
  }

  @Test
  void aRegexEscapedDelimiterAsSeaTunnelsFilesWriteItMeansTheCharacter() throws Exception {
    Path file = write("p.txt", "1|Ann|30\n2|Bob|40\n");
    String options = "file_format_type = text\ndelimiter = \"\\\\|\"\n" + SCHEMA;
    assertEquals(List.of(Row.of(1, "Ann", 30), Row.of(2, "Bob", 40)), read(file, options).rows(),
        "SeaTunnel splits with a regex, so its files write \\| for |");
    Path two = write("two.txt", "1::Ann::30\n");
    assertEquals(List.of(Row.of(1, "Ann", 30)),
        read(two, "file_format_type = text\nfield_delimiter = \"::\"\n" + SCHEMA).rows());
  }

  @Test
  void readColumnsNamingAnUnknownFieldAreRefused() {
    assertEquals(List.of("option 'read_columns': no field 'agee' in the schema; it has [id, name, age]"),
        problems("file_format_type = csv\nread_columns = [id, agee]\n" + SCHEMA));
  }

  @Test
  void fileFilterPatternReadsOnlyMatchingFileNames() throws Exception {
    write("keep_1.csv", "1,Ann,30\n");
    write("sub/keep_2.csv", "2,Bob,40\n");
    write("skip.csv", "3,Cid,50\n");
    write("keep_3.csv.bak", "4,Dan,60\n");
    PluginHarness.Result result = read(dir, "file_format_type = csv\nfile_filter_pattern = \"keep_.*\\\\.csv\"\n"
        + SCHEMA);
    assertEquals(List.of(1, 2), result.rows().stream().map(r -> r.field(0)).sorted().toList(),
        "the whole name must match: keep_3.csv.bak is not read");
  }

  @Test
  void aBadFileFilterPatternIsRefused() {
    assertTrue(problems("file_format_type = text\nfile_filter_pattern = \"keep_[\"").get(0)
        .startsWith("option 'file_filter_pattern': not a regular expression"));
  }

  @Test
  void gzipFilesAreDecompressed() throws Exception {
    Path file = dir.resolve("a.csv.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write("1,Ann,30\n2,Bob,40\n".getBytes(StandardCharsets.UTF_8));
    }
    assertEquals(List.of(Row.of(1, "Ann", 30), Row.of(2, "Bob", 40)),
        read(file, "file_format_type = csv\ncompress_codec = gzip\n" + SCHEMA).rows());
  }

  @Test
  void aPlainFileReadAsGzipFailsRatherThanReadingGarbage() throws Exception {
    Path file = write("a.csv", "1,Ann,30\n");
    IOException e = assertThrows(IOException.class,
        () -> read(file, "file_format_type = csv\ncompress_codec = gzip\n" + SCHEMA));
    assertTrue(e.getMessage().contains("GZIP"), e.getMessage());
  }

  @Test
  void otherCodecsAndBinaryFormatsAreNotSupportedYet() {
    assertEquals(List.of("option 'compress_codec': 'lzo' is not supported yet; use none or gzip"),
        problems("file_format_type = text\ncompress_codec = lzo"));
    for (String format : List.of("parquet", "orc", "excel", "xml")) {
      assertEquals(List.of("option 'file_format_type': '" + format + "' is not supported yet; use text, csv or json"),
          problems("file_format_type = " + format));
    }
  }

  @Test
  void encodingDecodesTheFiles() throws Exception {
    Path file = dir.resolve("a.csv");
    Files.writeString(file, "1,Zo\u00eb,30\n", StandardCharsets.ISO_8859_1);
    assertEquals(List.of(Row.of(1, "Zo\u00eb", 30)),
        read(file, "file_format_type = csv\nencoding = ISO-8859-1\n" + SCHEMA).rows());
  }

  @Test
  void dateTimeAndDateTimeFormatsParseTheCells() throws Exception {
    Path file = write("a.txt", "31.01.2024|10-20-30|2024.01.31 10.20.30\n");
    PluginHarness.Result result = read(file, """
        file_format_type = text
        field_delimiter = "|"
        date_format = "dd.MM.yyyy"
        time_format = "HH-mm-ss"
        datetime_format = "yyyy.MM.dd HH.mm.ss"
        schema {
          fields {
            d = date
            t = time
            dt = timestamp
          }
        }
        """);
    assertEquals(List.of(Row.of(LocalDate.of(2024, 1, 31), LocalTime.of(10, 20, 30),
        LocalDateTime.of(2024, 1, 31, 10, 20, 30))), result.rows());
  }

  @Test
  void aCellNotInTheDateFormatNamesTheColumnAndLine() throws Exception {
    Path file = write("a.txt", "2024-13-45\n");
    BadRecordException e = assertThrows(BadRecordException.class, () -> read(file,
        "file_format_type = text\ndate_format = \"dd.MM.yyyy\"\nschema { fields { d = date } }"));
    assertTrue(e.getMessage().contains("line 1") && e.getMessage().contains("'d' date"), e.getMessage());
  }
}
