package io.atoll.runtime.connector.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.atoll.protocol.connector.SinkWriter;
import io.atoll.protocol.data.DataType;
import io.atoll.protocol.data.DataTypes;
import io.atoll.protocol.data.Row;
import io.atoll.protocol.data.RowType;
import io.atoll.runtime.connector.PluginHarness;
import io.atoll.runtime.connector.TestingWriterContext;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Arrays, maps and rows in text and csv files as SeaTunnel 2.3.4 writes and reads them. */
class TextCellsTest {
  @TempDir
  Path dir;

  private static final RowType TYPE = RowType.of(
      new RowType.Field("id", DataType.Basic.INT),
      new RowType.Field("tags", DataTypes.parse("array<string>")),
      new RowType.Field("scores", DataTypes.parse("map<string, int>")),
      new RowType.Field("lists", DataTypes.parse("map<string, array<int>>")),
      new RowType.Field("point", RowType.of(
          new RowType.Field("label", DataType.Basic.STRING),
          new RowType.Field("xs", DataTypes.parse("array<double>")))));

  private static final String SCHEMA = """
      schema {
        fields {
          id = int
          tags = "array<string>"
          scores = "map<string, int>"
          lists = "map<string, array<int>>"
          point {
            label = string
            xs = "array<double>"
          }
        }
      }
      """;

  private static <K, V> Map<K, V> map(K k1, V v1, K k2, V v2) {
    Map<K, V> m = new LinkedHashMap<>();
    m.put(k1, v1);
    m.put(k2, v2);
    return m;
  }

  private static Row sample() {
    return Row.of(7, List.of("a", "b", ""), map("k1", 1, "k2", 2), map("p", List.of(1, 2), "q", List.of(3)),
        Row.of("pt", List.of(1.5, 2.0)));
  }

  /** The bytes of one record, in the order SeaTunnel's TextSerializationSchema joins them. */
  private static byte[] seaTunnelLine() {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (Object part : new Object[] {
        "7", 1, "a", 2, "b", 2, "", 1, // array items: \u0002
        "k1", 3, "1", 2, "k2", 3, "2", 1, // map entries: \u0002, key and value: \u0003
        "p", 3, "1", 3, "2", 2, "q", 3, "3", 1, // an array inside a map value: its items at level 2, \u0003
        "pt", 2, "1.5", 3, "2.0", '\n'}) { // a row's fields: \u0002, its array's items: \u0003
      if (part instanceof String s) {
        b.writeBytes(s.getBytes(StandardCharsets.UTF_8));
      } else if (part instanceof Integer separator) {
        b.write(separator);
      } else {
        b.write((Character) part);
      }
    }
    return b.toByteArray();
  }

  @Test
  void writesArraysMapsAndRowsWithSeaTunnelsSeparators() throws Exception {
    try (SinkWriter w = new LocalFileSinkFactory()
        .createSink(ConfigFactory.parseString("path = \"" + dir + "\"\nfile_format_type = text"), TYPE)
        .createWriter(new TestingWriterContext(PluginHarness.JOB, 0, 1))) {
      w.write(sample());
      w.finish();
      w.snapshotState(1);
      w.notifyCheckpointComplete(1);
    }
    Path file;
    try (var files = Files.list(dir)) {
      file = files.filter(p -> p.getFileName().toString().endsWith(".txt")).findFirst().orElseThrow();
    }
    assertEquals(new String(seaTunnelLine(), StandardCharsets.UTF_8), Files.readString(file));

    PluginHarness.Result back = PluginHarness.source(new LocalFileSourceFactory(),
        "path = \"" + file + "\"\nfile_format_type = text\n" + SCHEMA).run();
    assertEquals(List.of(sample()), back.rows(), "what Atoll writes, Atoll reads back unchanged");
  }

  @Test
  void readsALineSeaTunnelWrote() throws Exception {
    Path file = Files.write(dir.resolve("seatunnel.txt"), seaTunnelLine());
    PluginHarness.Result result = PluginHarness.source(new LocalFileSourceFactory(),
        "path = \"" + file + "\"\nfile_format_type = text\n" + SCHEMA).run();
    assertEquals(List.of(sample()), result.rows());
  }

  /** SeaTunnel 2.3.4 writes csv with its text serializer and ',' as the field delimiter. */
  private static String seaTunnelCsvLine() {
    return new String(seaTunnelLine(), StandardCharsets.UTF_8).replace('\u0001', ',');
  }

  private Path writeOne(String options, Row row, String suffix) throws Exception {
    try (SinkWriter w = new LocalFileSinkFactory()
        .createSink(ConfigFactory.parseString("path = \"" + dir + "\"\n" + options), TYPE)
        .createWriter(new TestingWriterContext(PluginHarness.JOB, 0, 1))) {
      w.write(row);
      w.finish();
      w.snapshotState(1);
      w.notifyCheckpointComplete(1);
    }
    try (var files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().endsWith(suffix)).findFirst().orElseThrow();
    }
  }

  @Test
  void csvWritesArraysMapsAndRowsWithSeaTunnelsSeparatorsAndReadsThemBack() throws Exception {
    Path file = writeOne("file_format_type = csv", sample(), ".csv");
    assertEquals(seaTunnelCsvLine(), Files.readString(file), "not JSON: SeaTunnel's text bytes with ','");

    PluginHarness.Result back = PluginHarness.source(new LocalFileSourceFactory(),
        "path = \"" + file + "\"\nfile_format_type = csv\n" + SCHEMA).run();
    assertEquals(List.of(sample()), back.rows(), "what Atoll writes as csv, Atoll reads back unchanged");
  }

  @Test
  void csvReadsALineSeaTunnelWrote() throws Exception {
    Path file = Files.writeString(dir.resolve("seatunnel.csv"), seaTunnelCsvLine());
    PluginHarness.Result result = PluginHarness.source(new LocalFileSourceFactory(),
        "path = \"" + file + "\"\nfile_format_type = csv\n" + SCHEMA).run();
    assertEquals(List.of(sample()), result.rows());
  }

  @Test
  void csvQuotesANestedCellHoldingTheDelimiterAndReadsItBack() throws Exception {
    Row row = Row.of(1, List.of("a,b", "say \"hi\""), map("k", 1, "l", 2), null, Row.of("x,y", List.of()));
    Path file = writeOne("file_format_type = csv", row, ".csv");
    assertEquals("1,\"a,b\u0002say \"\"hi\"\"\",k\u00031\u0002l\u00032,,\"x,y\u0002\"\n", Files.readString(file));
    PluginHarness.Result back = PluginHarness.source(new LocalFileSourceFactory(),
        "path = \"" + file + "\"\nfile_format_type = csv\n" + SCHEMA).run();
    assertEquals(List.of(Row.of(1, List.of("a,b", "say \"hi\""), map("k", 1, "l", 2), null, Row.of("x,y", null))),
        back.rows(), "an empty array reads back as null, as in SeaTunnel");
  }

  @Test
  void emptyCollectionCellsReadAsNullAndMapKeysWithoutValueHaveNull() throws Exception {
    Path file = Files.writeString(dir.resolve("a.txt"), "1\u0001\u0001k1\u0002k2\u00035\n");
    PluginHarness.Result result = PluginHarness.source(new LocalFileSourceFactory(),
        "path = \"" + file + "\"\nfile_format_type = text\n" + SCHEMA).run();
    Map<String, Integer> scores = new LinkedHashMap<>();
    scores.put("k1", null);
    scores.put("k2", 5);
    assertEquals(List.of(Row.of(1, null, scores, null, null)), result.rows());
  }

  @Test
  void aBadItemNamesFileLineAndColumn() throws Exception {
    Path file = Files.writeString(dir.resolve("a.txt"), "1\u0001a\u0001k1\u0003x\n");
    BadRecordException e = assertThrows(BadRecordException.class, () -> PluginHarness.source(
        new LocalFileSourceFactory(), "path = \"" + file + "\"\nfile_format_type = text\n" + SCHEMA).run());
    assertTrue(e.getMessage().contains(file + " line 1, column 3 ('scores' map<string, int>)"), e.getMessage());
    assertTrue(e.getMessage().contains("expected int, got 'x'"), e.getMessage());
  }

  @Test
  void aValueHoldingItsSeparatorIsRefusedRatherThanWrittenAmbiguously() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TextCells.format(List.of("a\u0002b"), DataTypes.parse("array<string>"), ValueFormats.TEXT));
    assertTrue(e.getMessage().contains("array item 'a\\u0002b' holds the separator \\u0002"), e.getMessage());
    assertTrue(e.getMessage().contains("file_format_type = json"), e.getMessage());
  }

  @Test
  void nestingDeeperThanSeaTunnelsSeparatorsIsRefused() {
    DataType deep = DataTypes.parse("array<array<array<array<array<array<array<int>>>>>>>");
    Object value = List.of(List.of(List.of(List.of(List.of(List.of(List.of(1)))))));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TextCells.format(value, deep, ValueFormats.TEXT));
    assertTrue(e.getMessage().contains("nested deeper than the text format's 6 separator levels"), e.getMessage());
  }
}
