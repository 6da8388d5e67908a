package io.atoll.runtime.connector.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.atoll.protocol.connector.JobContext;
import io.atoll.protocol.connector.SinkEnd;
import io.atoll.protocol.connector.SinkWriter;
import io.atoll.protocol.data.CatalogTable;
import io.atoll.protocol.data.DataType;
import io.atoll.protocol.data.Row;
import io.atoll.protocol.data.RowType;
import io.atoll.runtime.connector.TestingWriterContext;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code is_exactly_once}: one XA branch per checkpoint interval, prepared at the checkpoint,
 * visible only once it completes; a restored writer commits what its state lists and rolls back
 * the rest; nothing is left in {@code pg_prepared_xacts}.
 */
class JdbcSinkExactlyOnceTest {
  private static final RowType INPUT = RowType.of(new RowType.Field("id", DataType.Basic.BIGINT),
      new RowType.Field("name", DataType.Basic.STRING));

  private JdbcTestDatabase db;

  @BeforeEach
  void createDatabase() throws Exception {
    db = new JdbcTestDatabase("jdbc_sink_xa");
    db.execute("CREATE TABLE events (id int8, name text)");
  }

  @AfterEach
  void dropDatabase() throws Exception {
    if (db != null) {
      try {
        for (String gid : JdbcSinkWriters.preparedXacts(db)) {
          db.execute("ROLLBACK PREPARED '" + gid + "'"); // a failed test must not block dropping the database
        }
      } finally {
        db.close();
      }
    }
  }

  private static final String OPTIONS = """
      query = "insert into events (id, name) values (?, ?)"
      is_exactly_once = true
      batch_size = 2
      """;

  private SinkWriter writer(List<String> restored) throws Exception {
    return JdbcSinkWriters.writer(db, OPTIONS, INPUT, 0, restored);
  }

  private List<String> ids() throws Exception {
    return JdbcSinkWriters.rows(db, "SELECT id FROM events ORDER BY id");
  }

  @Test
  void rowsAreInvisibleUntilTheirCheckpointCompletes() throws Exception {
    try (SinkWriter writer = writer(List.of())) {
      for (long id = 1; id <= 3; id++) {
        writer.write(Row.of(id, "r" + id)); // batch_size 2: written into the branch, not committed
      }
      assertEquals(List.of(), ids());
      List<String> state = writer.snapshotState(1);
      assertEquals(List.of(JdbcSinkWriter.STARTED, "atoll:4711:1:0:0:0:0"), state);
      assertEquals(List.of(), ids(), "prepared, not committed");
      assertEquals(1, JdbcSinkWriters.preparedXacts(db).size());

      writer.write(Row.of(4L, "r4"));
      writer.notifyCheckpointComplete(1);
      assertEquals(List.of("1", "2", "3"), ids(), "checkpoint 1's rows only");
      assertEquals(List.of(), JdbcSinkWriters.preparedXacts(db));
      writer.notifyCheckpointComplete(1); // repeated notice: nothing happens

      assertEquals(List.of(JdbcSinkWriter.STARTED, "atoll:4711:1:0:0:0:1"), writer.snapshotState(2));
      writer.notifyCheckpointComplete(2);
      assertEquals(List.of("1", "2", "3", "4"), ids());
      assertEquals(List.of(JdbcSinkWriter.STARTED), writer.snapshotState(3), "an empty interval prepares nothing");
    }
    assertEquals(List.of(), JdbcSinkWriters.preparedXacts(db));
  }

  @Test
  void aRestoredWriterCommitsItsStateAndRollsBackTheRest() throws Exception {
    List<String> atCheckpoint1;
    SinkWriter crashed = writer(List.of());
    crashed.write(Row.of(1L, "in checkpoint 1"));
    atCheckpoint1 = crashed.snapshotState(1);
    crashed.write(Row.of(2L, "in checkpoint 2, which never completes"));
    crashed.snapshotState(2);
    crashed.write(Row.of(3L, "after checkpoint 2, never prepared"));
    crashed.close(); // a crash: no notice, no abort; two branches stay prepared
    assertEquals(2, JdbcSinkWriters.preparedXacts(db).size());
    assertEquals(List.of(), ids());

    try (SinkWriter restored = writer(atCheckpoint1)) {
      assertEquals(List.of("1"), ids(), "checkpoint 1 completed: the restored writer commits it");
      assertEquals(List.of(), JdbcSinkWriters.preparedXacts(db), "checkpoint 2's branch is rolled back");
      restored.write(Row.of(2L, "again"));
      restored.notifyCheckpointComplete(2); // a late notice of a branch rolled back: nothing
      restored.snapshotState(3);
      restored.notifyCheckpointComplete(3);
    }
    assertEquals(List.of("1", "2"), ids());
    // restored again from the same state (e.g. a second failure before the next checkpoint): committed once
    writer(atCheckpoint1).close();
    assertEquals(List.of("1", "2"), ids());
    assertEquals(List.of(), JdbcSinkWriters.preparedXacts(db));
  }

  @Test
  void abortRollsBackTheOpenBranchAndCancelThePreparedOnes() throws Exception {
    try (SinkWriter writer = writer(List.of())) {
      writer.write(Row.of(1L, "prepared"));
      writer.snapshotState(1);
      writer.write(Row.of(2L, "open"));
      writer.abort();
      assertEquals(1, JdbcSinkWriters.preparedXacts(db).size(), "abort keeps what a checkpoint may cover");
      writer.cancel();
      assertEquals(List.of(), JdbcSinkWriters.preparedXacts(db));
    }
    assertEquals(List.of(), ids());
  }

  @Test
  void anotherSubtasksBranchesAreLeftAlone() throws Exception {
    SinkWriter other = JdbcSinkWriters.writer(db, OPTIONS, INPUT, 1, List.of());
    other.write(Row.of(7L, "subtask 1"));
    List<String> state = other.snapshotState(1);
    other.close();
    writer(List.of(JdbcSinkWriter.STARTED)).close();
    assertEquals(1, JdbcSinkWriters.preparedXacts(db).size(), "subtask 0's restore leaves subtask 1's branch");
    try (SinkWriter restored = JdbcSinkWriters.writer(db, OPTIONS, INPUT, 1, state)) {
      assertEquals(List.of("7"), ids());
    }
    assertTrue(JdbcSinkWriters.preparedXacts(db).isEmpty());
  }

  @Test
  void settlingAFailedPipelineCommitsItsLastCheckpointAndRollsBackTheRestOfItsBranchesOnly() throws Exception {
    SinkWriter crashed = writer(List.of());
    crashed.write(Row.of(1L, "in checkpoint 1"));
    List<String> atCheckpoint1 = crashed.snapshotState(1);
    crashed.write(Row.of(2L, "in checkpoint 2, which never completes"));
    crashed.snapshotState(2);
    crashed.close(); // the job then fails for good: no writer of this pipeline runs again
    JobContext otherPipeline = new JobContext(JdbcSinkWriters.JOB.jobId(), "jdbc-sink-test", false, 2, 0);
    SinkWriter other = new JdbcSinkFactory().createSink(JdbcSinkWriters.config(db, OPTIONS), CatalogTable.only(INPUT))
        .createWriter(new TestingWriterContext(otherPipeline, 0, 1, List.of()));
    other.write(Row.of(9L, "pipeline 2, still running"));
    other.snapshotState(1);
    assertEquals(3, JdbcSinkWriters.preparedXacts(db).size());

    SinkEnd end = new SinkEnd(JdbcSinkWriters.JOB.jobId(), 1, "FAILED", atCheckpoint1);
    new JdbcSinkFactory().settleAfterEnd(JdbcSinkWriters.config(db, OPTIONS), end);
    assertEquals(List.of("1"), ids(), "checkpoint 1 completed: committed");
    assertEquals(1, JdbcSinkWriters.preparedXacts(db).size(), "checkpoint 2's branch rolled back; pipeline 2's kept");
    new JdbcSinkFactory().settleAfterEnd(JdbcSinkWriters.config(db, OPTIONS), end); // idempotent
    assertEquals(List.of("1"), ids());
    other.notifyCheckpointComplete(1);
    other.close();
    assertEquals(List.of("1", "9"), ids());
    assertEquals(List.of(), JdbcSinkWriters.preparedXacts(db));
  }

  @Test
  void twoWritersOfOneSubtaskPrepareBranchesOfTheirOwn() throws Exception {
    List<SinkWriter> writers = new ArrayList<>();
    for (int index = 0; index < 2; index++) {
      int writerIndex = index;
      writers.add(new JdbcSinkFactory().createSink(JdbcSinkWriters.config(db, OPTIONS), CatalogTable.only(INPUT))
          .createWriter(new TestingWriterContext(JdbcSinkWriters.JOB, 0, 1).withWriterIndex(writerIndex)));
    }
    writers.get(0).write(Row.of(1L, "writer 0"));
    writers.get(1).write(Row.of(2L, "writer 1"));
    assertEquals(List.of(JdbcSinkWriter.STARTED, "atoll:4711:1:0:0:0:0"), writers.get(0).snapshotState(1));
    assertEquals(List.of(JdbcSinkWriter.STARTED, "atoll:4711:1:1:0:0:0"), writers.get(1).snapshotState(1));
    for (SinkWriter w : writers) {
      w.notifyCheckpointComplete(1);
      w.close();
    }
    assertEquals(List.of("1", "2"), ids());
  }
}
