package io.atoll.runtime.connector.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.atoll.protocol.connector.SinkWriter;
import io.atoll.protocol.data.DataType;
import io.atoll.protocol.data.Row;
import io.atoll.protocol.data.RowType;
import io.atoll.runtime.connector.PluginHarness;
import io.atoll.runtime.connector.TestingWriterContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The LocalFile sink options SeaTunnel's job files use beyond the basics: columns, partitions, parts, codecs. */
class LocalFileSinkOptionsTest {
  @TempDir
  Path dir;

  static final RowType TYPE = RowType.of(
      new RowType.Field("id", DataType.Basic.INT),
      new RowType.Field("name", DataType.Basic.STRING),
      new RowType.Field("city", DataType.Basic.STRING),
      new RowType.Field("age", DataType.Basic.INT));

  static final List<Row> ROWS = List.of(
      Row.of(1, "Ann", "Oslo", 30), Row.of(2, "Bob", "Rome", 40), Row.of(3, "Cid", "Oslo", 30),
      Row.of(4, "Dan", null, 50));

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2030-05-06T07:08:09Z"), ZoneOffset.UTC);

  /** Writes the rows, takes checkpoint 1 and closes; the files below {@code dir} by relative path. */
  private List<String> writeAll(String hocon, List<Row> rows) throws Exception {
    try (SinkWriter w = new LocalFileSinkFactory(CLOCK)
        .createSink(ConfigFactory.parseString("path = \"" + dir + "\"\n" + hocon), TYPE)
        .createWriter(new TestingWriterContext(PluginHarness.JOB, 0, 1))) {
      for (Row row : rows) {
        w.write(row);
      }
      w.finish();
      w.snapshotState(1);
      w.notifyCheckpointComplete(1);
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
    }
  }

  private String read(String relative) throws IOException {
    return Files.readString(dir.resolve(relative), StandardCharsets.UTF_8);
  }

  private List<String> problems(String hocon) {
    return new LocalFileSinkFactory().validate(ConfigFactory.parseString("path = \"" + dir + "\"\n" + hocon), TYPE);
  }

  @Test
  void sinkColumnsChooseAndOrderTheWrittenFields() throws Exception {
    List<String> files = writeAll("file_format_type = csv\nenable_header_write = true\nsink_columns = [AGE, name]",
        ROWS.subList(0, 2));
    assertEquals("age,name\n30,Ann\n40,Bob\n", read(files.get(0)), "listed order, names matched ignoring case");
  }

  @Test
  void sinkColumnsNamingAnUnknownFieldAreRefused() {
    assertEquals(List.of("option 'sink_columns': no field 'nmae' in the input; it has [id, name, city, age]"),
        problems("sink_columns = [id, nmae]"));
  }

  @Test
  void partitionByWritesOneDirectoryPerValueWithoutThePartitionField() throws Exception {
    List<String> files = writeAll("file_format_type = csv\npartition_by = [city]", ROWS);
    assertEquals(List.of("city=Oslo/T_42_1_0_1.csv", "city=Rome/T_42_1_0_1.csv", "city=null/T_42_1_0_1.csv"), files);
    assertEquals("1,Ann,30\n3,Cid,30\n", read("city=Oslo/T_42_1_0_1.csv"));
    assertEquals("2,Bob,40\n", read("city=Rome/T_42_1_0_1.csv"));
    assertEquals("4,Dan,50\n", read("city=null/T_42_1_0_1.csv"), "null is written 'null', as SeaTunnel does");
  }

  @Test
  void partitionFieldsStayInTheFileWhenAsked() throws Exception {
    writeAll("file_format_type = csv\npartition_by = [city, age]\nis_partition_field_write_in_file = true",
        ROWS.subList(0, 1));
    assertEquals("1,Ann,Oslo,30\n", read("city=Oslo/age=30/T_42_1_0_1.csv"));
  }

  @Test
  void partitionDirExpressionNamesKeysAndValuesByPosition() throws Exception {
    List<String> files = writeAll("file_format_type = text\nfield_delimiter = \",\"\npartition_by = [city, age]\n"
        + "partition_dir_expression = \"${v1}/c_${k0}-${v0}/\"", ROWS.subList(1, 2));
    assertEquals(List.of("40/c_city-Rome/T_42_1_0_1.txt"), files);
    assertEquals("2,Bob\n", read(files.get(0)));
  }

  @Test
  void seaTunnelsDocumentedDefaultExpressionMeansTheDefault() throws Exception {
    assertEquals(List.of("city=Rome/T_42_1_0_1.csv"), writeAll("partition_by = [city]\n"
        + "partition_dir_expression = \"${k0}=${v0}/${k1}=${v1}/.../${kn}=${vn}/\"", ROWS.subList(1, 2)));
  }

  @Test
  void aPartitionValueThatLeavesPathFailsTheWriter() {
    IOException e = assertThrows(IOException.class,
        () -> writeAll("partition_by = [city]\npartition_dir_expression = \"${v0}\"",
            List.of(Row.of(9, "Eve", "../../etc", 1))));
    assertTrue(e.getMessage().contains("partition directory '../../etc'") && e.getMessage().contains("partition_by"),
        e.getMessage());
  }

  @Test
  void partitionOptionsAreCheckedAgainstTheInput() {
    assertEquals(List.of("option 'partition_by': no field 'town' in the input; it has [id, name, city, age]"),
        problems("partition_by = [town]"));
    assertEquals(List.of("option 'partition_by': field 'city' must be one of the sink_columns [id, name]"),
        problems("partition_by = [city]\nsink_columns = [id, name]"));
    assertEquals(List.of("option 'partition_dir_expression': ${v1} but partition_by names 1 field(s), counted from 0"),
        problems("partition_by = [city]\npartition_dir_expression = \"${k0}=${v1}\""));
    assertEquals(List.of("warning: option 'partition_dir_expression' has no effect without partition_by"),
        problems("partition_dir_expression = \"${k0}=${v0}\""), "SeaTunnel's e2e files set it without partition_by");
    assertTrue(problems("partition_by = [city]\nsink_columns = [city]").get(0)
        .contains("no column left to write once the partition fields are removed"));
  }

  @Test
  void aRestoredWriterCommitsPartitionedPartsIntoTheirDirectories() throws Exception {
    var sink = new LocalFileSinkFactory(CLOCK).createSink(ConfigFactory.parseString(
        "path = \"" + dir + "\"\npartition_by = [city]\nbatch_size = 1"), TYPE);
    List<String> state;
    SinkWriter crashed = sink.createWriter(new TestingWriterContext(PluginHarness.JOB, 0, 1));
    for (Row row : ROWS.subList(0, 3)) {
      crashed.write(row);
    }
    state = crashed.snapshotState(1); // the checkpoint completes, but the writer fails before hearing so
    crashed.abort();
    assertEquals(3, state.size(), "one prepared part per full file");
    try (SinkWriter restored = sink.createWriter(new TestingWriterContext(PluginHarness.JOB, 0, 1, state))) {
      restored.finish();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      assertEquals(List.of("city=Oslo/T_42_1_0_1.csv", "city=Oslo/T_42_1_0_1_1.csv", "city=Rome/T_42_1_0_1.csv"),
          files.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList());
    }
    assertEquals("3,Cid,30\n", read("city=Oslo/T_42_1_0_1_1.csv"));
  }

  @Test
  void batchSizeRollsToANewPartFile() throws Exception {
    List<String> files = writeAll("file_format_type = csv\nbatch_size = 2", ROWS.subList(0, 3));
    assertEquals(List.of("T_42_1_0_1.csv", "T_42_1_0_1_1.csv"), files);
    assertEquals("1,Ann,Oslo,30\n2,Bob,Rome,40\n", read("T_42_1_0_1.csv"));
    assertEquals("3,Cid,Oslo,30\n", read("T_42_1_0_1_1.csv"));
  }

  @Test
  void batchSizeMustBePositive() {
    assertEquals(List.of("option 'batch_size' must be 1 or more (rows per file), got 0"), problems("batch_size = 0"));
  }

  @Test
  void fileNameExpressionWithTransactionIdAndNow() throws Exception {
    assertEquals(List.of("city=Rome/T_42_1_0_1_2030-05-06.json"), writeAll("file_format_type = json\n"
        + "custom_filename = true\nfile_name_expression = \"${transactionId}_${now}\"\n"
        + "filename_time_format = \"yyyy-MM-dd\"\npartition_by = [city]", ROWS.subList(1, 2)));
  }

  @Test
  void gzipCompressesAndNamesTheFile() throws Exception {
    List<String> files = writeAll("file_format_type = csv\ncompress_codec = gzip", ROWS.subList(0, 2));
    assertEquals(List.of("T_42_1_0_1.csv.gz"), files);
    try (InputStream in = new GZIPInputStream(Files.newInputStream(dir.resolve(files.get(0))))) {
      assertEquals("1,Ann,Oslo,30\n2,Bob,Rome,40\n", new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  @Test
  void otherCodecsAndBinaryFormatsAreNotSupportedYet() {
    assertEquals(List.of("option 'compress_codec': 'lzo' is not supported yet; use none or gzip"),
        problems("compress_codec = lzo"));
    for (String format : List.of("parquet", "orc", "excel", "xml")) {
      assertEquals(List.of("option 'file_format_type': '" + format + "' is not supported yet; use text, csv or json"),
          problems("file_format_type = " + format));
    }
  }

  @Test
  void encodingWritesTheFilesInThatCharacterSet() throws Exception {
    List<String> files = writeAll("file_format_type = csv\nencoding = ISO-8859-1",
        List.of(Row.of(1, "Zoë", "Malmö", 1)));
    assertEquals("1,Zo\u00eb,Malm\u00f6,1\n", Files.readString(dir.resolve(files.get(0)), StandardCharsets.ISO_8859_1));
    assertEquals(14, Files.size(dir.resolve(files.get(0))), "one byte per character");
  }
}
