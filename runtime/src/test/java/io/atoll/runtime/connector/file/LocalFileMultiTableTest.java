package io.atoll.runtime.connector.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.atoll.protocol.connector.Source;
import io.atoll.protocol.connector.SinkWriter;
import io.atoll.protocol.data.CatalogTable;
import io.atoll.protocol.data.DataType;
import io.atoll.protocol.data.Row;
import io.atoll.protocol.data.RowKind;
import io.atoll.protocol.data.RowType;
import io.atoll.runtime.connector.PluginHarness;
import io.atoll.runtime.connector.TestingWriterContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The LocalFile sink per table (path placeholders, commits per checkpoint) and the source's tables_configs. */
class LocalFileMultiTableTest {
  @TempDir
  Path dir;

  static final RowType TYPE = RowType.of(new RowType.Field("id", DataType.Basic.INT));
  static final CatalogTable ORDERS = new CatalogTable("shop.orders", TYPE);
  static final CatalogTable CUSTOMERS = new CatalogTable("shop.customers", TYPE);

  private Config sink(String path) {
    return ConfigFactory.parseString("path = \"" + path + "\"\nfile_format_type = json");
  }

  @Test
  void pathPlaceholdersTakeTheTablesIdPartsAsSeaTunnel() {
    String path = "/w/${database_name}/${schema_name}/${table_name}";
    assertEquals("/w/shop/${schema_name}/orders", LocalFileSinkFactory.pathFor(path, ORDERS));
    assertEquals("/w/db/s/t", LocalFileSinkFactory.pathFor(path, new CatalogTable("db.s.t", TYPE)));
    assertEquals("/w/${database_name}/${schema_name}/t", LocalFileSinkFactory.pathFor(path, new CatalogTable("t", TYPE)));
    assertEquals(path, LocalFileSinkFactory.pathFor(path, CatalogTable.only(TYPE)));
  }

  @Test
  void tablesSharingADirectoryAreRefused() {
    LocalFileSinkFactory factory = new LocalFileSinkFactory();
    assertEquals(List.of(), factory.validate(sink(dir + "/${table_name}"), List.of(ORDERS, CUSTOMERS)));
    assertEquals(List.of("option 'path': tables 'shop.orders' and 'shop.customers' would both be written to '" + dir
        + "'; put ${table_name} in path (e.g. \"" + dir + "/${table_name}\") so each table has its own directory"),
        factory.validate(sink(dir.toString()), List.of(ORDERS, CUSTOMERS)));
  }

  @Test
  void eachTablesWriterCommitsIntoItsDirectoryAtTheCheckpoint() throws Exception {
    LocalFileSinkFactory factory = new LocalFileSinkFactory();
    Config config = sink(dir + "/${table_name}");
    SinkWriter orders = factory.createSink(config, ORDERS).createWriter(new TestingWriterContext(PluginHarness.JOB, 0, 1));
    SinkWriter customers = factory.createSink(config, CUSTOMERS)
        .createWriter(new TestingWriterContext(PluginHarness.JOB, 0, 1));
    orders.write(new Row(RowKind.INSERT, new Object[] {1}, "shop.orders"));
    orders.write(new Row(RowKind.INSERT, new Object[] {2}, "shop.orders"));
    customers.write(new Row(RowKind.INSERT, new Object[] {3}, "shop.customers"));
    List<String> ordersState = orders.snapshotState(5);
    List<String> customersState = customers.snapshotState(5);
    assertFalse(ordersState.isEmpty());
    assertEquals(List.of(), visible("orders"), "nothing visible before the checkpoint completes");
    orders.notifyCheckpointComplete(5);
    customers.notifyCheckpointComplete(5);
    assertEquals(2, Files.readAllLines(visible("orders").get(0)).size());
    assertEquals(List.of("{\"id\":3}"), Files.readAllLines(visible("customers").get(0)));
    assertTrue(!customersState.isEmpty());
    orders.close();
    customers.close();
  }

  @Test
  void sourceTablesConfigsReadsEachTablesOwnFiles() throws Exception {
    Files.createDirectories(dir.resolve("a"));
    Files.createDirectories(dir.resolve("b"));
    Files.writeString(dir.resolve("a/1.csv"), "1,x\n2,y\n");
    Files.writeString(dir.resolve("b/1.json"), "{\"n\": 7}\n");
    String hocon = """
        tables_configs = [
          {
            path = "%1$s/a"
            file_format_type = csv
            schema {
              table = "db.a"
              fields {
                id = int
                s = string
              }
            }
          },
          {
            path = "%1$s/b"
            file_format_type = json
            schema {
              table = "db.b"
              fields {
                n = bigint
              }
            }
          }
        ]
        """.formatted(dir);
    Source source = new LocalFileSourceFactory().createSource(ConfigFactory.parseString(hocon));
    assertEquals(List.of("db.a", "db.b"), source.producedTables().stream().map(CatalogTable::id).toList());
    List<Row> rows = PluginHarness.source(new LocalFileSourceFactory(), hocon).parallelism(2).run().rows();
    Map<String, List<Row>> byTable = rows.stream().collect(Collectors.groupingBy(Row::table));
    assertEquals(List.of(new Row(RowKind.INSERT, new Object[] {7L}, "db.b")), byTable.get("db.b"));
    assertEquals(2, byTable.get("db.a").size());
    assertTrue(byTable.get("db.a").contains(new Row(RowKind.INSERT, new Object[] {2, "y"}, "db.a")));
  }

  @Test
  void aRestoredReaderReadsTheSecondTablesFileWithItsOwnFormat() throws Exception {
    Files.createDirectories(dir.resolve("a"));
    Files.createDirectories(dir.resolve("b"));
    Files.writeString(dir.resolve("a/1.csv"), "1,x\n");
    StringBuilder json = new StringBuilder();
    for (int i = 0; i < 1500; i++) {
      json.append("{\"n\": ").append(i).append("}\n");
    }
    Files.writeString(dir.resolve("b/1.json"), json.toString());
    String hocon = """
        tables_configs = [
          { path = "%1$s/a", file_format_type = csv, schema { table = "db.a", fields { id = int } } },
          { path = "%1$s/b", file_format_type = json, schema { table = "db.b", fields { n = bigint } } }
        ]
        """.formatted(dir);
    Source source = new LocalFileSourceFactory().createSource(ConfigFactory.parseString(hocon));
    io.atoll.runtime.connector.TestingEnumeratorContext enumerating =
        new io.atoll.runtime.connector.TestingEnumeratorContext(PluginHarness.JOB, 1);
    var enumerator = source.createEnumerator(enumerating);
    enumerator.open();
    List<io.atoll.protocol.connector.SourceSplit> splits = enumerator.snapshotState(1);
    assertEquals(List.of("0", "1"), splits.stream().map(sp -> sp.attribute(LocalFileEnumerator.TABLE)).toList());

    io.atoll.runtime.connector.TestingReaderContext first =
        new io.atoll.runtime.connector.TestingReaderContext(PluginHarness.JOB, 0, 1);
    io.atoll.protocol.connector.SourceReader reader = source.createReader(first);
    reader.addSplits(List.of(splits.get(1)));
    List<Row> before = new java.util.ArrayList<>();
    reader.pollNext(before::add);
    assertEquals(1000, before.size());
    List<io.atoll.protocol.connector.SourceSplit> snapshot = reader.snapshotState(1);
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
    assertEquals(500, after.size());
    assertEquals(new Row(RowKind.INSERT, new Object[] {1000L}, "db.b"), after.get(0));
  }

  @Test
  void sourceProblemsNameTheElement() {
    List<String> problems = new LocalFileSourceFactory().validate(ConfigFactory.parseString("""
        tables_configs = [ { schema { table = "db.a", fields { id = int } }, file_format_type = csv } ]
        """), RowType.of());
    assertEquals(List.of("option 'tables_configs[0]' (table 'db.a'): option 'path' is required: a file or a directory"),
        problems);
  }

  private List<Path> visible(String table) throws Exception {
    Path d = dir.resolve(table);
    if (!Files.exists(d)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(d)) {
      return files.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
    }
  }
}
