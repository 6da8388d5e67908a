package io.atoll.runtime.connector.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.atoll.protocol.connector.SinkWriter;
import io.atoll.protocol.data.DataType;
import io.atoll.protocol.data.Row;
import io.atoll.protocol.data.RowKind;
import io.atoll.protocol.data.RowType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Row kinds through the generated statements: +I upserts (or inserts), +U updates by key, -U is
 * skipped, -D deletes by key, in row order within a batch; the save modes before the first row.
 */
class JdbcSinkRowKindTest {
  private static final RowType INPUT = RowType.of(new RowType.Field("id", DataType.Basic.INT),
      new RowType.Field("name", DataType.Basic.STRING));

  private JdbcTestDatabase db;

  @BeforeEach
  void createDatabase() {
    db = new JdbcTestDatabase("jdbc_sink_kinds");
  }

  @AfterEach
  void dropDatabase() {
    if (db != null) {
      db.close();
    }
  }

  private String options(String extra) {
    return """
        generate_sink_sql = true
        database = "%s"
        table = "people"
        primary_keys = ["id"]
        batch_size = 100
        """.formatted(db.login().url().replaceAll(".*/", "")) + extra;
  }

  private static Row row(RowKind kind, int id, String name) {
    return new Row(kind, new Object[] {id, name});
  }

  /** Writes the rows as one batch (flushed at the checkpoint), then returns the table. */
  private List<String> writeAndRead(String extra, Row... rows) throws Exception {
    try (SinkWriter writer = JdbcSinkWriters.writer(db, options(extra), INPUT)) {
      for (Row row : rows) {
        writer.write(row);
      }
      assertEquals(List.of(), JdbcSinkWriters.rows(db, "SELECT * FROM people WHERE id > 100"),
          "nothing is written before batch_size rows or a checkpoint");
      writer.snapshotState(1);
      writer.notifyCheckpointComplete(1);
    }
    return JdbcSinkWriters.rows(db, "SELECT id, name FROM people ORDER BY id");
  }

  private static final Row[] CHANGES = {
      row(RowKind.INSERT, 1, "ann"), row(RowKind.INSERT, 2, "bob"), row(RowKind.INSERT, 3, "cy"),
      row(RowKind.UPDATE_BEFORE, 2, "bob"), row(RowKind.UPDATE_AFTER, 2, "bobby"),
      row(RowKind.DELETE, 3, "cy"), row(RowKind.INSERT, 3, "cyd"), row(RowKind.DELETE, 1, "ann"),
      row(RowKind.INSERT, 4, "dee")};
  private static final List<String> AFTER_CHANGES = List.of("2|bobby", "3|cyd", "4|dee");

  @Test
  void upsertUpdateAndDeleteFollowTheRowKindsInOrder() throws Exception {
    db.execute("CREATE TABLE people (id int PRIMARY KEY, name text)", "INSERT INTO people VALUES (4, 'old')");
    assertEquals(AFTER_CHANGES, writeAndRead("", CHANGES));
    // the same rows again (a restore replaying them): the upserts make it idempotent
    assertEquals(AFTER_CHANGES, writeAndRead("", CHANGES));
  }

  @Test
  void withoutUpsertInsertsAndUpdates() throws Exception {
    db.execute("CREATE TABLE people (id int PRIMARY KEY, name text)");
    assertEquals(AFTER_CHANGES, writeAndRead("enable_upsert = false\n", CHANGES));
    Exception e = assertThrows(Exception.class, () -> writeAndRead("enable_upsert = false\n", CHANGES));
    assertTrue(e.getMessage().contains("duplicate key") && e.getMessage().contains("people"), e.getMessage());
  }

  @Test
  void upsertByQueryLooksTheKeyUp() throws Exception {
    db.execute("CREATE TABLE people (id int PRIMARY KEY, name text)", "INSERT INTO people VALUES (4, 'old')");
    String byQuery = "support_upsert_by_query_primary_key_exist = true\n";
    assertEquals(AFTER_CHANGES, writeAndRead(byQuery, CHANGES));
    assertEquals(AFTER_CHANGES, writeAndRead(byQuery, CHANGES));
  }

  @Test
  void batchesAreWrittenAtBatchSize() throws Exception {
    db.execute("CREATE TABLE people (id int PRIMARY KEY, name text)");
    try (SinkWriter writer = JdbcSinkWriters.writer(db, options("batch_size = 2\n"), INPUT)) {
      writer.write(row(RowKind.INSERT, 1, "a"));
      assertEquals(List.of(), JdbcSinkWriters.rows(db, "SELECT id FROM people"));
      writer.write(row(RowKind.INSERT, 2, "b"));
      assertEquals(List.of("1", "2"), JdbcSinkWriters.rows(db, "SELECT id FROM people ORDER BY id"));
      writer.write(row(RowKind.INSERT, 3, "c"));
      writer.finish();
      assertEquals(List.of("1", "2", "3"), JdbcSinkWriters.rows(db, "SELECT id FROM people ORDER BY id"));
    }
  }

  @Test
  void anExplicitQueryInsertsEveryRowAndRefusesDeletes() throws Exception {
    db.execute("CREATE TABLE people (id int, name text)");
    String query = "query = \"insert into people (id, name) values (?, ?)\"\n";
    try (SinkWriter writer = JdbcSinkWriters.writer(db, query, INPUT)) {
      writer.write(row(RowKind.INSERT, 1, "a"));
      writer.write(row(RowKind.UPDATE_BEFORE, 1, "a"));
      writer.write(row(RowKind.UPDATE_AFTER, 1, "b"));
      Exception e = assertThrows(IllegalStateException.class, () -> writer.write(row(RowKind.DELETE, 1, "b")));
      assertTrue(e.getMessage().contains("-D"), e.getMessage());
      writer.snapshotState(1);
    }
    assertEquals(List.of("1|a", "1|b"), JdbcSinkWriters.rows(db, "SELECT id, name FROM people ORDER BY name"));
  }

  @Test
  void createSchemaWhenNotExistThenDropDataEmptiesTheTable() throws Exception {
    assertEquals(List.of("1|ann"), writeAndRead("", row(RowKind.INSERT, 1, "ann")));
    assertEquals(List.of("id"), JdbcSinkWriters.rows(db, "SELECT k.column_name FROM information_schema.table_constraints c"
        + " JOIN information_schema.key_column_usage k USING (constraint_name)"
        + " WHERE c.table_name = 'people' AND c.constraint_type = 'PRIMARY KEY'"), "primary_keys make the key");
    assertEquals(List.of("1|ann", "2|bob"), writeAndRead("data_save_mode = APPEND_DATA\n", row(RowKind.INSERT, 2, "bob")));
    assertEquals(List.of("3|cy"), writeAndRead("data_save_mode = DROP_DATA\n", row(RowKind.INSERT, 3, "cy")));
  }

  @Test
  void dropDataRunsOnlyOnAFreshStartOfSubtaskZero() throws Exception {
    db.execute("CREATE TABLE people (id int PRIMARY KEY, name text)", "INSERT INTO people VALUES (1, 'kept')");
    String drop = options("data_save_mode = DROP_DATA\n");
    JdbcSinkWriters.writer(db, drop, INPUT, 1, List.of()).close();
    JdbcSinkWriters.writer(db, drop, INPUT, 0, List.of(JdbcSinkWriter.STARTED)).close();
    assertEquals(List.of("1|kept"), JdbcSinkWriters.rows(db, "SELECT id, name FROM people"));
    JdbcSinkWriters.writer(db, drop, INPUT, 0, List.of()).close();
    assertEquals(List.of(), JdbcSinkWriters.rows(db, "SELECT id, name FROM people"));
  }

  @Test
  void dropDataAtParallelismTwoNeedsExactlyOnceAndTouchesNothingWithoutIt() throws Exception {
    db.execute("CREATE TABLE people (id int PRIMARY KEY, name text)", "INSERT INTO people VALUES (1, 'kept')");
    String drop = options("data_save_mode = DROP_DATA\n");
    for (int subtask = 0; subtask < 2; subtask++) {
      int s = subtask;
      Exception e = assertThrows(Exception.class, () -> JdbcSinkWriters.writer(db, drop, INPUT, s, 2, List.of()));
      assertTrue(e.getMessage().contains("data_save_mode = DROP_DATA at parallelism 2 needs is_exactly_once = true"),
          e.getMessage());
    }
    assertEquals(List.of("1|kept"), JdbcSinkWriters.rows(db, "SELECT id, name FROM people"),
        "refused before subtask 0 emptied the table");
  }

  @Test
  void recreateSchemaReplacesTheTableAndErrorWhenDataExistsRefusesRows() throws Exception {
    db.execute("CREATE TABLE people (id int, old_column text)", "INSERT INTO people VALUES (9, 'old')");
    assertEquals(List.of("1|ann"), writeAndRead("schema_save_mode = RECREATE_SCHEMA\n", row(RowKind.INSERT, 1, "ann")));
    assertEquals(List.of("id", "name"), JdbcSinkWriters.rows(db, "SELECT column_name FROM information_schema.columns"
        + " WHERE table_name = 'people' ORDER BY ordinal_position"));
    Exception e = assertThrows(Exception.class,
        () -> writeAndRead("data_save_mode = ERROR_WHEN_DATA_EXISTS\n", row(RowKind.INSERT, 2, "bob")));
    assertTrue(e.getMessage().contains("table public.people has rows (data_save_mode = ERROR_WHEN_DATA_EXISTS)"),
        e.getMessage());
    assertEquals(List.of("1|ann"), JdbcSinkWriters.rows(db, "SELECT id, name FROM people"));
  }

  @Test
  void errorWhenSchemaNotExistIsAValidationError() {
    List<String> problems = JdbcSinkWriters.validate(db, options("schema_save_mode = ERROR_WHEN_SCHEMA_NOT_EXIST\n"),
        INPUT);
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).startsWith("option 'table': table public.people does not exist"), problems.get(0));
  }

  @Test
  void writersCreatingTheMissingTableAtTheSameMomentAllStart() throws Exception {
    for (int round = 0; round < 5; round++) {
      String options = options("").replace("table = \"people\"", "table = \"together_" + round + "\"");
      CyclicBarrier start = new CyclicBarrier(3);
      ExecutorService pool = Executors.newFixedThreadPool(3);
      try {
        List<Future<SinkWriter>> writers = new ArrayList<>();
        for (int subtask = 0; subtask < 3; subtask++) {
          int index = subtask;
          writers.add(pool.submit(() -> {
            start.await(10, TimeUnit.SECONDS);
            return JdbcSinkWriters.writer(db, options, INPUT, index, 3, List.of());
          }));
        }
        for (Future<SinkWriter> writer : writers) {
          writer.get(30, TimeUnit.SECONDS).close(); // a writer that lost the CREATE race would throw here
        }
      } finally {
        pool.shutdownNow();
      }
      assertEquals(List.of("0"), JdbcSinkWriters.rows(db, "SELECT count(*) FROM together_" + round));
    }
  }
}
