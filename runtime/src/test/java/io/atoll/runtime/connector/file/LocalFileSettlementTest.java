package io.atoll.runtime.connector.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.atoll.protocol.connector.JobContext;
import io.atoll.protocol.connector.SinkEnd;
import io.atoll.protocol.connector.SinkWriter;
import io.atoll.protocol.data.CatalogTable;
import io.atoll.protocol.data.DataType;
import io.atoll.protocol.data.Row;
import io.atoll.protocol.data.RowKind;
import io.atoll.protocol.data.RowType;
import io.atoll.runtime.connector.PluginHarness;
import io.atoll.runtime.connector.TestingWriterContext;
import io.atoll.runtime.testing.CliRuns;
import io.atoll.runtime.testing.Jobs;
import io.atoll.runtime.testing.plugins.TestingSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A transactional LocalFile sink whose pipeline ended without finishing: what its last completed
 * checkpoint lists is committed, every other staged file of the job's pipeline deleted, and nothing
 * else touched ({@link LocalFileSettlement}, run by {@code settleAfterEnd} on the master).
 */
class LocalFileSettlementTest {
  @TempDir Path dir;
  private static final RowType TYPE = RowType.of(new RowType.Field("id", DataType.Basic.INT));
  private final LocalFileSinkFactory factory = new LocalFileSinkFactory();

  private Config sink(String path, String more) {
    return ConfigFactory.parseString("path = \"" + path + "\"\nfile_format_type = csv\n" + more);
  }

  private SinkWriter writer(Config config, CatalogTable table, int subtask, JobContext job) throws Exception {
    return factory.createSink(config, table).createWriter(new TestingWriterContext(job, subtask, 2));
  }

  private static Row row(int id, String table) {
    return new Row(RowKind.INSERT, new Object[] {id}, table);
  }

  private List<String> files(Path root) throws IOException {
    if (!Files.exists(root)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).sorted().toList();
    }
  }

  @Test
  void aFailedPipelineGetsItsCompletedCheckpointCommittedAndEveryOtherStagedFileDeleted() throws Exception {
    Config config = sink(dir.toString(), "");
    CatalogTable table = CatalogTable.only(TYPE);
    List<String> completed = new ArrayList<>(List.of("atoll:another-sink's-entry"));
    for (int subtask = 0; subtask < 2; subtask++) {
      SinkWriter w = writer(config, table, subtask, PluginHarness.JOB);
      w.write(row(subtask, null));
      completed.addAll(w.snapshotState(1)); // completes on the master; the writers never hear of it
      w.write(row(10 + subtask, null));
      w.snapshotState(2); // never completes
      w.write(row(20 + subtask, null));
      w.abort(); // the task failed: the open file goes, prepared ones stay for a restore
      w.close();
    }
    SinkWriter otherJob = writer(config, table, 0, new JobContext(7L, "other-job", false, 1, 0));
    otherJob.write(row(99, null));
    otherJob.snapshotState(1);
    Path note = Files.writeString(dir.resolve(".atoll-tmp/T_42_1_0/notes.txt"), "left by a person");
    assertEquals(List.of(".atoll-tmp/T_42_1_0/a0-0.tmp", ".atoll-tmp/T_42_1_0/a0-1.tmp",
        ".atoll-tmp/T_42_1_0/notes.txt", ".atoll-tmp/T_42_1_1/a0-0.tmp", ".atoll-tmp/T_42_1_1/a0-1.tmp",
        ".atoll-tmp/T_7_1_0/a0-0.tmp"), files(dir));

    SinkEnd end = new SinkEnd(42L, 1, "FAILED", completed);
    factory.settleAfterEnd(config, end);
    assertEquals(List.of(".atoll-tmp/T_42_1_0/notes.txt", ".atoll-tmp/T_7_1_0/a0-0.tmp",
        "T_42_1_0_1.csv", "T_42_1_1_1.csv"), files(dir),
        "checkpoint 1 committed, checkpoint 2 discarded; another job's and a person's files untouched");
    assertEquals(List.of("0"), Files.readAllLines(dir.resolve("T_42_1_0_1.csv")));
    assertEquals(List.of("1"), Files.readAllLines(dir.resolve("T_42_1_1_1.csv")));
    assertFalse(Files.exists(dir.resolve(".atoll-tmp/T_42_1_1")), "an emptied subtask directory is removed");

    assertEquals(new LocalFileSettlement.Outcome(0, 0, 0),
        LocalFileSettlement.settle(dir.toString(), null, end), "settling again changes nothing");
    assertTrue(Files.exists(note));
  }

  @Test
  void aPipelineWithoutACompletedCheckpointLeavesNothingAndItsStagingRootGoes() throws Exception {
    Config config = sink(dir.toString(), "");
    SinkWriter w = writer(config, CatalogTable.only(TYPE), 0, PluginHarness.JOB);
    w.write(row(1, null));
    w.snapshotState(1);
    w.abort();
    assertEquals(new LocalFileSettlement.Outcome(0, 1, 0),
        LocalFileSettlement.settle(dir.toString(), null, new SinkEnd(42L, 1, "CANCELED", List.of())));
    assertEquals(List.of(), files(dir));
    assertFalse(Files.exists(dir.resolve(".atoll-tmp")));
  }

  @Test
  void aSinkOfSeveralTablesIsSettledInEachTablesDirectoryAndItsTmpPath() throws Exception {
    Path out = dir.resolve("out");
    Path staging = dir.resolve("staging");
    String path = out + "/${table_name}";
    Config config = sink(path, "tmp_path = \"" + staging + "/${table_name}\"");
    CatalogTable orders = new CatalogTable("shop.orders", TYPE);
    CatalogTable customers = new CatalogTable("shop.customers", TYPE);
    SinkWriter o = writer(config, orders, 0, PluginHarness.JOB);
    SinkWriter c = writer(config, customers, 0, PluginHarness.JOB);
    o.write(row(1, "shop.orders"));
    c.write(row(2, "shop.customers"));
    List<String> completed = new ArrayList<>(o.snapshotState(3));
    completed.addAll(c.snapshotState(3));
    o.write(row(3, "shop.orders"));
    o.snapshotState(4);
    o.abort();
    c.abort();
    assertEquals(2, files(staging.resolve("orders")).size(), files(staging).toString());

    factory.settleAfterEnd(config, new SinkEnd(42L, 1, "FAILED", completed));
    assertEquals(List.of("customers/T_42_1_0_3.csv", "orders/T_42_1_0_3.csv"), files(out));
    assertEquals(List.of(), files(staging), "both tables' staged files are settled");
  }

  @Test
  void stateWrittenBeforeEntriesNamedTheirDirectoriesKeepsEveryStagedFile() throws Exception {
    Config config = sink(dir.toString(), "");
    SinkWriter w = writer(config, CatalogTable.only(TYPE), 0, PluginHarness.JOB);
    w.write(row(1, null));
    w.snapshotState(1);
    w.abort();
    LocalFileSettlement.Outcome outcome = LocalFileSettlement.settle(dir.toString(), null,
        new SinkEnd(42L, 1, "FAILED", List.of("1\ta0-0.tmp\tT_42_1_0_1.csv")));
    assertEquals(new LocalFileSettlement.Outcome(0, 0, 1), outcome);
    assertEquals(List.of(".atoll-tmp/T_42_1_0/a0-0.tmp"), files(dir), "kept: it may be the checkpoint's output");
  }

  @Test
  void aRestoredWriterStillReadsStateInTheEarlierForm() throws Exception {
    Config config = sink(dir.toString(), "");
    SinkWriter w = writer(config, CatalogTable.only(TYPE), 0, PluginHarness.JOB);
    w.write(row(1, null));
    String entry = w.snapshotState(1).get(0);
    assertTrue(entry.startsWith(PreparedEntry.MARK), entry);
    w.abort();
    String older = "1\ta0-0.tmp\tT_42_1_0_1.csv";
    factory.createSink(config, CatalogTable.only(TYPE)).createWriter(new TestingWriterContext(
        new JobContext(42L, "harness-job", false, 1, 1), 0, 2, List.of(older))).close();
    assertEquals(List.of("T_42_1_0_1.csv"), files(dir));
  }

  @Test
  void withoutTransactionsThereIsNothingToSettle() throws Exception {
    Config config = sink(dir.toString(), "is_enable_transaction = false");
    SinkWriter w = writer(config, CatalogTable.only(TYPE), 0, PluginHarness.JOB);
    w.write(row(1, null));
    w.abort();
    List<String> before = files(dir);
    factory.settleAfterEnd(config, new SinkEnd(42L, 1, "FAILED", List.of()));
    assertEquals(before, files(dir));
    assertEquals(1, before.size(), "the attempt's file is the output (at-least-once)");
  }

  @Test
  void aJobFailingForGoodKeepsItsCompletedCheckpointsAndLeavesNoStagedFile() throws Exception {
    // the LocalFile writer never hears that checkpoint 3 completed: its files stay staged until the end
    Path out = dir.resolve("out");
    Path job = Files.writeString(dir.resolve("fail_for_good.conf"), Jobs.failingForGoodAtCheckpoint3(
        "localfile-fail-for-good", "LocalFile { path = \"" + out + "\", file_format_type = \"csv\" }"));
    CliRuns.Result r = CliRuns.run("run", job.toString());
    assertTrue(r.exitCode() != 0, r.all());
    assertTrue(r.all().contains("TestingSink fails when checkpoint 3 completes"), r.all());
    List<String> files = files(out);
    assertTrue(files.stream().noneMatch(f -> f.startsWith(".atoll-tmp")), "nothing staged is left: " + files);
    assertFalse(Files.exists(out.resolve(".atoll-tmp")));
    assertTrue(files.stream().anyMatch(f -> f.endsWith("_3.csv")), "checkpoint 3's file is committed: " + files);
    long lines = 0;
    for (String f : files) {
      lines += Files.readAllLines(out.resolve(f)).size();
    }
    int committed = TestingSink.committed("localfile-fail-for-good").size();
    assertTrue(committed > 0 && committed < 3000, "some checkpoints completed before the failure: " + committed);
    assertEquals(committed, lines, "the files hold exactly the rows of the completed checkpoints, as the other sink");
  }
}
