package io.atoll.runtime.connector.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.atoll.protocol.connector.JobContext;
import io.atoll.protocol.connector.SinkWriter;
import io.atoll.protocol.data.DataType;
import io.atoll.protocol.data.DataTypes;
import io.atoll.protocol.data.Row;
import io.atoll.protocol.data.RowType;
import io.atoll.runtime.connector.PluginHarness;
import io.atoll.runtime.connector.TestingWriterContext;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalFileSinkTest {
  @TempDir
  Path dir;

  static final RowType TYPE = RowType.of(
      new RowType.Field("id", DataType.Basic.INT),
      new RowType.Field("name", DataType.Basic.STRING),
      new RowType.Field("price", new DataType.Decimal(10, 2)),
      new RowType.Field("born", DataType.Basic.DATE),
      new RowType.Field("seen", DataType.Basic.TIMESTAMP),
      new RowType.Field("tags", DataTypes.parse("array<string>")),
      new RowType.Field("attrs", DataTypes.parse("map<string, int>")));

  static Row ann() {
    Map<String, Integer> attrs = new LinkedHashMap<>();
    attrs.put("a", 1);
    return Row.of(1, "Smith, Ann", new BigDecimal("9.50"), LocalDate.of(2024, 1, 31),
        LocalDateTime.of(2024, 1, 31, 10, 20, 30), List.of("x", "y"), attrs);
  }

  static final Row EMPTY = Row.of(2, "", null, null, null, null, null);
  static final Row NULLS = Row.of(3, null, null, null, null, null, null);

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2030-05-06T07:08:09Z"), ZoneOffset.UTC);

  private SinkWriter writer(String hocon, int subtask, JobContext job) throws Exception {
    return new LocalFileSinkFactory(CLOCK)
        .createSink(ConfigFactory.parseString("path = \"" + dir + "\"\n" + hocon), TYPE)
        .createWriter(new TestingWriterContext(job, subtask, 2));
  }

  private SinkWriter writer(String hocon) throws Exception {
    return writer(hocon, 0, PluginHarness.JOB);
  }

  private List<Path> visibleFiles() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
    }
  }

  private List<Path> allEntries() throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(p -> !p.equals(dir)).sorted().toList();
    }
  }

  /** One checkpoint, as the runtime takes it: prepare, then commit once it is complete. */
  private static List<String> checkpoint(SinkWriter w, long id) throws Exception {
    List<String> state = w.snapshotState(id);
    w.notifyCheckpointComplete(id);
    return state;
  }

  private String writeAll(String hocon, Row... rows) throws Exception {
    try (SinkWriter w = writer(hocon)) {
      for (Row row : rows) {
        w.write(row);
      }
      w.finish();
      checkpoint(w, 1);
    }
    List<Path> files = visibleFiles();
    assertEquals(1, files.size(), "one file per writer: " + files);
    return Files.readString(files.get(0), StandardCharsets.UTF_8);
  }

  @Test
  void csvQuotesWhatNeedsItAndKeepsEmptyApartFromNull() throws Exception {
    String content = writeAll("file_format_type = csv\nenable_header_write = true", ann(), EMPTY, NULLS);
    assertEquals("""
        id,name,price,born,seen,tags,attrs
        1,"Smith, Ann",9.50,2024-01-31,2024-01-31 10:20:30,x\u0002y,a\u00031
        2,"",,,,,
        3,,,,,,
        """, content);
    assertEquals("T_42_1_0_1.csv", visibleFiles().get(0).getFileName().toString());
  }

  @Test
  void textUsesSeaTunnelsDefaultDelimiter() throws Exception {
    String content = writeAll("file_format_type = text", ann(), NULLS);
    assertEquals("1\u0001Smith, Ann\u00019.50\u00012024-01-31\u00012024-01-31 10:20:30\u0001x\u0002y\u0001a\u00031\n"
        + "3\u0001\u0001\u0001\u0001\u0001\u0001\n", content);
    assertTrue(visibleFiles().get(0).toString().endsWith(".txt"));
  }

  @Test
  void jsonWritesOneObjectPerLine() throws Exception {
    String content = writeAll("file_format_type = json\nrow_delimiter = \"\\r\\n\"", ann(), NULLS);
    assertEquals("{\"id\":1,\"name\":\"Smith, Ann\",\"price\":9.50,\"born\":\"2024-01-31\",\"seen\":\"2024-01-31 10:20:30\","
        + "\"tags\":[\"x\",\"y\"],\"attrs\":{\"a\":1}}\r\n"
        + "{\"id\":3,\"name\":null,\"price\":null,\"born\":null,\"seen\":null,\"tags\":null,\"attrs\":null}\r\n", content);
  }

  @Test
  void whatTheSinkWritesTheSourceReadsBack() throws Exception {
    writeAll("file_format_type = csv", ann(), EMPTY, NULLS);
    PluginHarness.Result back = PluginHarness.source(new LocalFileSourceFactory(), "path = \"" + dir + "\"\n" + """
        file_format_type = csv
        schema {
          fields {
            id = int
            name = string
            price = "decimal(10, 2)"
            born = date
            seen = timestamp
            tags = "array<string>"
            attrs = "map<string, int>"
          }
        }
        """).run();
    assertEquals(List.of(ann(), EMPTY, NULLS), back.rows());
  }

  @Test
  void rowsStayHiddenUntilTheirCheckpointCompletes() throws Exception {
    try (SinkWriter w = writer("file_format_type = csv")) {
      w.write(ann());
      assertEquals(List.of(), visibleFiles(), "nothing visible before a checkpoint");
      Path temp = dir.resolve(".atoll-tmp/T_42_1_0/a0-0.tmp");
      assertTrue(Files.exists(temp), "rows go to " + temp);
      assertEquals(1, w.snapshotState(1).size(), "checkpoint 1 prepares one file");
      w.write(EMPTY);
      assertEquals(2, w.snapshotState(2).size(), "the state lists every prepared, uncommitted file");
      assertEquals(List.of(), visibleFiles(), "prepared is not committed");
      w.notifyCheckpointComplete(1);
      assertEquals(List.of(dir.resolve("T_42_1_0_1.csv")), visibleFiles(), "only checkpoint 1 is committed");
      w.notifyCheckpointComplete(2);
      w.notifyCheckpointComplete(2);
      assertEquals(List.of(dir.resolve("T_42_1_0_1.csv"), dir.resolve("T_42_1_0_2.csv")), visibleFiles());
      assertEquals(List.of(), w.snapshotState(3), "nothing written since: nothing prepared, nothing left to commit");
    }
    assertEquals("1,\"Smith, Ann\",9.50,2024-01-31,2024-01-31 10:20:30,x\u0002y,a\u00031\n",
        Files.readString(dir.resolve("T_42_1_0_1.csv")));
    assertEquals(2, allEntries().size(), "temp directories removed: " + allEntries());
  }

  @Test
  void aRestoredWriterCommitsItsCheckpointOnceAndDiscardsWhatCameAfter() throws Exception {
    SinkWriter crashed = writer("file_format_type = csv");
    crashed.write(ann());
    List<String> atCheckpoint1 = crashed.snapshotState(1); // checkpoint 1 completes on the master...
    crashed.write(EMPTY);
    crashed.snapshotState(2); // ...checkpoint 2 never does
    crashed.write(NULLS);
    crashed.abort(); // the task fails before it hears of checkpoint 1

    for (int restore = 0; restore < 2; restore++) { // restoring twice changes nothing more
      SinkWriter restored = new LocalFileSinkFactory(CLOCK)
          .createSink(ConfigFactory.parseString("path = \"" + dir + "\"\nfile_format_type = csv"), TYPE)
          .createWriter(new TestingWriterContext(new JobContext(42L, "harness-job", false, 1, 1 + restore), 0, 2,
              atCheckpoint1));
      assertEquals(List.of(dir.resolve("T_42_1_0_1.csv")), visibleFiles(), "checkpoint 1 committed, once");
      Path temp = dir.resolve(".atoll-tmp/T_42_1_0");
      assertTrue(!Files.exists(temp) || Files.list(temp).toList().isEmpty(),
          "output after checkpoint 1 is discarded: the restored pipeline writes it again");
      restored.close();
    }
    assertEquals(1, Files.readAllLines(dir.resolve("T_42_1_0_1.csv")).size());
    assertEquals(List.of(dir.resolve("T_42_1_0_1.csv")), allEntries());
  }

  private SinkWriter restoredWriter(int subtask, int attempt, List<String> state) throws Exception {
    return new LocalFileSinkFactory(CLOCK)
        .createSink(ConfigFactory.parseString("path = \"" + dir + "\"\nfile_format_type = csv"), TYPE)
        .createWriter(new TestingWriterContext(new JobContext(42L, "harness-job", false, 1, attempt), subtask, 2,
            state));
  }

  private List<String> tempFiles() throws IOException {
    Path root = dir.resolve(".atoll-tmp");
    if (!Files.exists(root)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).sorted().toList();
    }
  }

  @Test
  void aRestoreAfterACrashLeavesExactlyTheCommittedFilesAndNoTempFile() throws Exception {
    // attempt 0 crashes (kill -9: no abort, no close) after checkpoint 1 completed on the master
    // but before its writer heard of it, with checkpoint 2 prepared and more rows being written
    SinkWriter crashed = writer("file_format_type = csv");
    crashed.write(ann());
    List<String> atCheckpoint1 = crashed.snapshotState(1);
    crashed.write(EMPTY);
    crashed.snapshotState(2);
    crashed.write(NULLS);
    assertEquals(List.of("T_42_1_0/a0-0.tmp", "T_42_1_0/a0-1.tmp", "T_42_1_0/a0-2.tmp"), tempFiles());

    SinkWriter restored = restoredWriter(0, 1, atCheckpoint1);
    assertEquals(List.of(), tempFiles(), "checkpoint 1 committed, everything after it discarded");
    restored.write(EMPTY); // the restored pipeline writes again what came after checkpoint 1
    checkpoint(restored, 3);
    restored.finish();
    restored.close();
    assertEquals(List.of(dir.resolve("T_42_1_0_1.csv"), dir.resolve("T_42_1_0_3.csv")), allEntries(),
        "exactly the committed files; no temp file, no temp directory");
  }

  @Test
  void aLateWriterOfAnEarlierAttemptLeavesNothingBehindOnceTheRestoredOneCommits() throws Exception {
    SinkWriter restored = restoredWriter(0, 1, List.of());
    // attempt 0 was not confirmed stopped in time and still writes after the restore cleaned up
    SinkWriter late = writer("file_format_type = csv");
    late.write(ann());
    late.snapshotState(5); // never completes: attempt 0 is over
    late.write(EMPTY);
    restored.write(NULLS);
    checkpoint(restored, 6);
    assertEquals(List.of(dir.resolve("T_42_1_0_6.csv")), visibleFiles());
    assertEquals(List.of(), tempFiles(), "the earlier attempt's files are deleted at the next commit");
    restored.close();
    late.abort(); // its open file is gone already: nothing to fail on
    late.close();
    assertEquals(List.of(dir.resolve("T_42_1_0_6.csv")), allEntries());
  }

  @Test
  void aCancelLeavesNoTempFileButKeepsWhatWasCommitted() throws Exception {
    SinkWriter w = writer("file_format_type = csv");
    w.write(ann());
    checkpoint(w, 1);
    w.write(EMPTY);
    w.snapshotState(2); // in flight when the job is cancelled: never completes
    w.write(NULLS);
    w.cancel();
    w.close();
    assertEquals(List.of(dir.resolve("T_42_1_0_1.csv")), allEntries());
  }

  @Test
  void aFailureKeepsPreparedOutputForTheRestoreToCommit() throws Exception {
    SinkWriter failed = writer("file_format_type = csv");
    failed.write(ann());
    List<String> atCheckpoint1 = failed.snapshotState(1); // completes, the notice is still on its way
    failed.write(EMPTY);
    failed.abort();
    failed.close();
    assertEquals(List.of("T_42_1_0/a0-0.tmp"), tempFiles(), "prepared output kept, open file deleted");

    restoredWriter(0, 1, atCheckpoint1).close();
    assertEquals(List.of(dir.resolve("T_42_1_0_1.csv")), allEntries());
  }

  @Test
  void cleaningUpNeverTouchesOtherSubtasksOrJobsOrCommittedFiles() throws Exception {
    SinkWriter other = writer("file_format_type = csv", 1, PluginHarness.JOB); // subtask 1, still running
    other.write(ann());
    SinkWriter otherJob = writer("file_format_type = csv", 0, new JobContext(7L, "other-job", false, 1, 0));
    otherJob.write(ann());
    otherJob.snapshotState(1);
    SinkWriter mine = writer("file_format_type = csv");
    mine.write(ann());
    checkpoint(mine, 1);
    mine.write(EMPTY);
    mine.close(); // crashes here, as far as the test is concerned
    Path stranger = Files.writeString(Files.createDirectories(dir.resolve(".atoll-tmp/T_42_1_0"))
        .resolve("notes.txt"), "left by a person");
    List<Path> committed = visibleFiles();

    SinkWriter restored = restoredWriter(0, 1, List.of());
    restored.write(NULLS);
    checkpoint(restored, 2);
    restored.cancel();
    restored.close();
    assertEquals(List.of("T_42_1_0/notes.txt", "T_42_1_1/a0-0.tmp", "T_7_1_0/a0-0.tmp"), tempFiles(),
        "only subtask 0 of job 42's own temp files are deleted; a file it did not name stays");
    assertTrue(Files.exists(stranger));
    assertTrue(visibleFiles().containsAll(committed), "committed files stay: " + visibleFiles());
    other.close();
    otherJob.close();
  }

  @Test
  void aCheckpointWhoseOutputVanishedIsNotCommittedSilently() throws Exception {
    Exception e = org.junit.jupiter.api.Assertions.assertThrows(java.nio.file.NoSuchFileException.class,
        () -> new LocalFileSinkFactory(CLOCK)
            .createSink(ConfigFactory.parseString("path = \"" + dir + "\"\nfile_format_type = csv"), TYPE)
            .createWriter(new TestingWriterContext(PluginHarness.JOB, 0, 2, List.of("4\ta0-0.tmp\tT_42_1_0_4.csv"))));
    assertTrue(e.getMessage().contains("cannot commit checkpoint 4"), e.getMessage());
  }

  @Test
  void abortLeavesNothingBehind() throws Exception {
    try (SinkWriter w = writer("file_format_type = json")) {
      w.write(ann());
      w.abort();
    }
    assertEquals(List.of(), allEntries());
  }

  @Test
  void closeWithoutFinishDiscardsTheTempFile() throws Exception {
    SinkWriter w = writer("file_format_type = json");
    w.write(ann());
    w.close();
    assertEquals(List.of(), allEntries());
  }

  @Test
  void withoutTransactionsRowsGoStraightToTheFile() throws Exception {
    try (SinkWriter w = writer("file_format_type = csv\nis_enable_transaction = false")) {
      w.write(ann());
      w.abort();
    }
    assertEquals(List.of(dir.resolve("T_42_1_0_a0.csv")), allEntries(), "not transactional: the file stays");
  }

  @Test
  void noRowsNoFile() throws Exception {
    try (SinkWriter w = writer("file_format_type = csv")) {
      w.finish();
    }
    assertEquals(List.of(), allEntries());
  }

  @Test
  void namesNeverCollideBetweenSubtasksOrAttempts() throws Exception {
    String hocon = "file_format_type = text\ncustom_filename = true\nfile_name_expression = \"out_${now}\"";
    JobContext retry = new JobContext(42L, "harness-job", false, 1, 1);
    long checkpointId = 0;
    for (SinkWriter w : List.of(writer(hocon, 0, PluginHarness.JOB), writer(hocon, 1, PluginHarness.JOB),
        writer(hocon, 0, retry))) {
      w.write(ann());
      w.finish();
      checkpoint(w, ++checkpointId); // checkpoint ids grow across attempts
      w.close();
    }
    assertEquals(List.of("T_42_1_0_1_out_2030.05.06.txt", "T_42_1_0_3_out_2030.05.06.txt",
        "T_42_1_1_2_out_2030.05.06.txt"), visibleFiles().stream().map(p -> p.getFileName().toString()).toList());
  }

  @Test
  void customNamesExpandVariables() throws Exception {
    writeAll("file_format_type = json\ncustom_filename = true\nfilename_time_format = yyyyMMdd\n"
        + "file_name_expression = \"${transactionId}-${now}-${uuid}\"", ann());
    String name = visibleFiles().get(0).getFileName().toString();
    assertTrue(name.matches("T_42_1_0_1-20300506-[0-9a-f-]{36}\\.json"), name);
    assertNotEquals(name, "T_42_1_0_1_T_42_1_0_1-20300506.json", "no second prefix when the id is there");
  }

  @Test
  void anOutputDirectoryThatCannotBeMadeIsAnErrorNamingTheOptionAndWhy() throws Exception {
    Path file = Files.writeString(dir.resolve("a-file"), "in the way");
    for (String transaction : List.of("true", "false")) {
      Exception e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class, () -> new LocalFileSinkFactory(CLOCK)
          .createSink(ConfigFactory.parseString("path = \"" + file.resolve("out") + "\"\nis_enable_transaction = "
              + transaction), TYPE)
          .createWriter(new TestingWriterContext(PluginHarness.JOB, 0, 1)));
      assertTrue(e.getMessage().startsWith("LocalFile sink: option 'path': cannot create " + file), e.getMessage());
    }
    Exception staging = org.junit.jupiter.api.Assertions.assertThrows(IOException.class, () -> new LocalFileSinkFactory(CLOCK)
        .createSink(ConfigFactory.parseString("path = \"" + dir.resolve("out") + "\"\ntmp_path = \"" + file.resolve("t")
            + "\""), TYPE)
        .createWriter(new TestingWriterContext(PluginHarness.JOB, 0, 1)));
    assertTrue(staging.getMessage().startsWith("LocalFile sink: option 'tmp_path': cannot create " + file),
        staging.getMessage());
  }

  @Test
  void validationNamesTheOption() {
    LocalFileSinkFactory f = new LocalFileSinkFactory();
    String path = "path = \"" + dir + "\"\n";
    assertTrue(f.validate(ConfigFactory.parseString(path + "file_name_expression = \"a_${job}\""), TYPE).get(0)
        .contains("option 'file_name_expression': unknown variable(s) [job]"));
    assertTrue(f.validate(ConfigFactory.parseString(path + "file_name_expression = \"../x\""), TYPE).get(0)
        .contains("must name a file inside 'path'"));
    assertTrue(f.validate(ConfigFactory.parseString(path + "filename_time_format = \"yyyy{\""), TYPE).get(0)
        .contains("option 'filename_time_format': bad pattern"));
    assertTrue(f.validate(ConfigFactory.parseString("file_format_type = csv"), TYPE).get(0)
        .contains("option 'path' is required"));
    assertEquals(List.of(), f.validate(ConfigFactory.parseString(path + "file_format = json"), TYPE),
        "SeaTunnel's older name file_format is accepted");
    assertFalse(f.options().stream().anyMatch(o -> o.name().equals("plugin_input")));
  }
}
