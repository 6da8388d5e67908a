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
 * had not emitted, in a table ordered by its primary key and in one without a key. A connection
 * lost mid-read fails the reader.
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
