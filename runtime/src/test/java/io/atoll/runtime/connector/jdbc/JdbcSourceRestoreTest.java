package io.atoll.runtime.connector.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.atoll.protocol.connector.Source;
import io.atoll.protocol.connector.SourceReader;
import io.atoll.protocol.connector.SourceSplit;
import io.atoll.protocol.connector.SplitEnumerator;
import io.atoll.protocol.data.Row;
import io.atoll.runtime.connector.PluginHarness;
import io.atoll.runtime.connector.TestingEnumeratorContext;
import io.atoll.runtime.connector.TestingReaderContext;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A reader's checkpoint mid-split: a new reader given the snapshot emits exactly the rows the first
 * had not emitted, in a table ordered by its primary key and in one without a key. Ordered by a
 * unique key, rows inserted and deleted between the checkpoint and the restore are neither skipped
 * nor repeated. A connection lost mid-read fails the reader.
 */
class JdbcSourceRestoreTest {
  private JdbcTestDatabase db;

  @BeforeEach
  void createDatabase() {
    db = new JdbcTestDatabase("jdbc_restore");
  }

  @AfterEach
  void dropDatabase() {
    if (db != null) {
      db.close();
    }
  }

  @Test
  void aRestoredReaderContinuesAfterTheRowsOfTheSnapshot_primaryKeyOrder() throws Exception {
    db.execute("CREATE TABLE keyed (id int4 PRIMARY KEY, v text)",
        // inserted out of key order, so only ORDER BY makes the order repeatable
        "INSERT INTO keyed SELECT g, 'v' || g FROM generate_series(2500, 1, -1) g");
    List<Row> before = restoreMidSplit("table_path = \"public.keyed\"\nfetch_size = 100");
    assertEquals(List.of(1, 2, 3), before.subList(0, 3).stream().map(r -> r.field(0)).toList(), "read in key order");
  }

  @Test
  void aRestoredReaderContinuesAfterTheRowsOfTheSnapshot_noKey() throws Exception {
    db.execute("CREATE TABLE loose (id int4, v text)",
        "INSERT INTO loose SELECT g, 'v' || g FROM generate_series(1, 2500) g");
    restoreMidSplit("query = \"select id, v from loose\"\nfetch_size = 100");
  }

  @Test
  void aKeyedRestoreResumesAfterTheLastKey_rowsInsertedAndDeletedMeanwhile() throws Exception {
    db.execute("CREATE TABLE keyed (id int4 PRIMARY KEY, v text)",
        "INSERT INTO keyed SELECT g, 'v' || g FROM generate_series(2500, 1, -1) g");
    Source source = source("table_path = \"public.keyed\"\nfetch_size = 100");
    List<SourceSplit> snapshot = snapshotAfter(source, 2000);
    assertEquals("2000", snapshot.get(0).attribute(JdbcReader.AFTER + "0"), "the last key emitted");

    // before the key: 10 rows deleted and one inserted (a row count would now skip 9 unread rows);
    // after it: one deleted, two inserted
    db.execute("DELETE FROM keyed WHERE id BETWEEN 11 AND 20", "INSERT INTO keyed VALUES (0, 'new')",
        "DELETE FROM keyed WHERE id = 2100", "INSERT INTO keyed VALUES (3000, 'new'), (2600, 'new')");
    List<Integer> expected = new ArrayList<>(IntStream.rangeClosed(2001, 2500).boxed().toList());
    expected.remove(Integer.valueOf(2100));
    expected.addAll(List.of(2600, 3000));
    assertEquals(expected, ids(readToEnd(source, snapshot)), "exactly the rows after the key, in key order");
  }

  @Test
  void aKeyedRestoreByAUniquePartitionColumn() throws Exception {
    db.execute("CREATE TABLE uniq (n int8 NOT NULL, v text)", "CREATE UNIQUE INDEX uniq_n ON uniq (n)",
        "INSERT INTO uniq SELECT g, 'v' || g FROM generate_series(1500, 1, -1) g");
    Source source = source("""
        table_path = "public.uniq"
        partition_column = "n"
        partition_num = 1
        partition_lower_bound = 1
        fetch_size = 100
        """);
    List<SourceSplit> snapshot = snapshotAfter(source, 1000);
    assertEquals("1000", snapshot.get(0).attribute(JdbcReader.AFTER + "0"));
    db.execute("DELETE FROM uniq WHERE n <= 100", "DELETE FROM uniq WHERE n = 1200");
    List<Integer> expected = new ArrayList<>(IntStream.rangeClosed(1001, 1500).boxed().toList());
    expected.remove(Integer.valueOf(1200));
    assertEquals(expected, ids(readToEnd(source, snapshot)));
  }

  @Test
  void aCompositePrimaryKeyResumesAfterBothColumns() throws Exception {
    db.execute("CREATE TABLE pairs (a int4, b text, PRIMARY KEY (a, b))",
        "INSERT INTO pairs SELECT g / 10, 'b' || (g % 10) FROM generate_series(0, 2499) g");
    Source source = source("table_path = \"public.pairs\"\nfetch_size = 100");
    List<SourceSplit> snapshot = snapshotAfter(source, 1000);
    assertEquals("99", snapshot.get(0).attribute(JdbcReader.AFTER + "0"));
    assertEquals("b9", snapshot.get(0).attribute(JdbcReader.AFTER + "1"));
    db.execute("DELETE FROM pairs WHERE a < 50", "INSERT INTO pairs VALUES (99, 'b95')");
    List<Row> after = readToEnd(source, snapshot);
    assertEquals(List.of(99, "b95"), List.of(after.get(0).field(0), after.get(0).field(1)), "inserted after the key");
    assertEquals(List.of(100, "b0"), List.of(after.get(1).field(0), after.get(1).field(1)));
    assertEquals(1 + 1500, after.size());
  }

  @Test
  void withoutAUniqueKeyTheSnapshotHoldsOnlyTheRowCount() throws Exception {
    db.execute("CREATE TABLE loose (id int4, v text)",
        "INSERT INTO loose SELECT g, 'v' || g FROM generate_series(1, 2500) g");
    List<SourceSplit> snapshot = snapshotAfter(source("table_path = \"public.loose\""), 1000);
    assertEquals(Map.of(JdbcReader.EMITTED, "1000"), snapshot.get(0).attributes());
  }

  @Test
  void aPartialUniqueIndexDoesNotMakeThePartitionColumnAKey() throws Exception {
    db.execute("CREATE TABLE part (n int8, v text)", "CREATE UNIQUE INDEX part_n ON part (n) WHERE n > 100",
        "INSERT INTO part SELECT g, 'v' || g FROM generate_series(1, 1500) g");
    List<SourceSplit> snapshot = snapshotAfter(source("""
        table_path = "public.part"
        partition_column = "n"
        partition_num = 1
        partition_lower_bound = 1
        """), 1000);
    assertEquals("1000", snapshot.get(0).attribute(JdbcReader.EMITTED));
    assertTrue(snapshot.get(0).attributes().keySet().stream().noneMatch(k -> k.startsWith(JdbcReader.AFTER)),
        "no key, the row count only: " + snapshot.get(0).attributes());
  }

  private Source source(String options) {
    return new JdbcSourceFactory().createSource(ConfigFactory.parseString(db.loginOptions() + options));
  }

  /** The snapshot of a reader of the first split after it emitted {@code rows} rows. */
  private List<SourceSplit> snapshotAfter(Source source, int rows) throws Exception {
    TestingEnumeratorContext enumerating = new TestingEnumeratorContext(PluginHarness.JOB, 1);
    SplitEnumerator enumerator = source.createEnumerator(enumerating);
    enumerator.open();
    enumerator.handleSplitRequest(0);
    List<SourceSplit> assigned = enumerating.poll(0).splits();
    SourceReader first = source.createReader(new TestingReaderContext(PluginHarness.JOB, 0, 1));
    first.open();
    first.addSplits(List.of(assigned.get(0)));
    List<Row> read = new ArrayList<>();
    while (read.size() < rows) {
      first.pollNext(read::add);
    }
    assertEquals(rows, read.size(), "a whole number of batches");
    List<SourceSplit> snapshot = first.snapshotState(1);
    first.close();
    return snapshot;
  }

  private static List<Row> readToEnd(Source source, List<SourceSplit> snapshot) throws Exception {
    TestingReaderContext context = new TestingReaderContext(PluginHarness.JOB, 0, 1);
    SourceReader restored = source.createReader(context);
    restored.addSplits(snapshot);
    restored.open();
    restored.handleNoMoreSplits();
    List<Row> after = new ArrayList<>();
    for (int i = 0; i < 100 && !context.finished(); i++) {
      restored.pollNext(after::add);
    }
    restored.close();
    assertTrue(context.finished());
    return after;
  }

  private static List<Integer> ids(List<Row> rows) {
    return rows.stream().map(r -> ((Number) r.field(0)).intValue()).toList();
  }

  private List<Row> restoreMidSplit(String options) throws Exception {
    Source source = new JdbcSourceFactory().createSource(ConfigFactory.parseString(db.loginOptions() + options));
    TestingEnumeratorContext enumerating = new TestingEnumeratorContext(PluginHarness.JOB, 1);
    SplitEnumerator enumerator = source.createEnumerator(enumerating);
    enumerator.open();
    enumerator.handleSplitRequest(0);
    List<SourceSplit> assigned = enumerating.poll(0).splits();
    assertEquals(List.of(), enumerator.snapshotState(1), "the only split is assigned");

    List<Row> before = new ArrayList<>();
    SourceReader first = source.createReader(new TestingReaderContext(PluginHarness.JOB, 0, 1));
    first.open();
    first.addSplits(assigned);
    first.pollNext(before::add);
    first.pollNext(before::add);
    List<SourceSplit> snapshot = first.snapshotState(2);
    first.pollNext(before::add); // emitted after the checkpoint: lost with the failed reader
    first.close();
    assertEquals(1, snapshot.size());
    assertEquals("2000", snapshot.get(0).attribute(JdbcReader.EMITTED));

    TestingReaderContext context = new TestingReaderContext(PluginHarness.JOB, 0, 1);
    SourceReader restored = source.createReader(context);
    restored.addSplits(snapshot);
    restored.open();
    restored.handleNoMoreSplits();
    List<Row> after = new ArrayList<>();
    for (int i = 0; i < 10 && !context.finished(); i++) {
      restored.pollNext(after::add);
    }
    restored.close();
    assertTrue(context.finished());
    assertEquals(500, after.size());
    List<Integer> ids = new ArrayList<>();
    before.subList(0, 2000).forEach(r -> ids.add((Integer) r.field(0)));
    after.forEach(r -> ids.add((Integer) r.field(0)));
    ids.sort(null);
    assertEquals(IntStream.rangeClosed(1, 2500).boxed().toList(), ids, "every row once");
    return before;
  }

  @Test
  void aConnectionLostMidReadFailsTheReader() throws Exception {
    db.execute("CREATE TABLE t (id int4)", "INSERT INTO t SELECT g FROM generate_series(1, 5000) g");
    Source source = new JdbcSourceFactory().createSource(ConfigFactory.parseString(db.loginOptions() + """
        query = "select id from t"
        fetch_size = 10
        properties { ApplicationName = "atoll-lost-connection" }
        """));
    SourceReader reader = source.createReader(new TestingReaderContext(PluginHarness.JOB, 0, 1));
    reader.addSplits(List.of(new SourceSplit("all", Map.of())));
    List<Row> rows = new ArrayList<>();
    reader.pollNext(rows::add);
    assertEquals(JdbcReader.BATCH, rows.size());
    db.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'atoll-lost-connection'");
    assertThrows(SQLException.class, () -> reader.pollNext(rows::add));
    reader.close();
  }
}
