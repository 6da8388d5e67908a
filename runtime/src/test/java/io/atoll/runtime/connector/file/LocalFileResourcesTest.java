package io.atoll.runtime.connector.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.atoll.protocol.connector.JobContext;
import io.atoll.protocol.connector.ReaderContext;
import io.atoll.protocol.connector.ResourceScope;
import io.atoll.protocol.connector.SinkWriter;
import io.atoll.protocol.connector.SourceReader;
import io.atoll.protocol.connector.SourceSplit;
import io.atoll.runtime.connector.TestingWriterContext;
import io.atoll.protocol.data.DataType;
import io.atoll.protocol.data.Row;
import io.atoll.protocol.data.RowType;
import io.atoll.runtime.connector.PluginHarness;
import io.atoll.runtime.resource.LeakDetectionLevel;
import io.atoll.runtime.resource.ResourceOwner;
import io.atoll.runtime.resource.ResourceTracker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the LocalFile reader and writer hold, as the task group's resource scope sees it. */
class LocalFileResourcesTest {
  private static final RowType TYPE = RowType.of(new RowType.Field("id", DataType.Basic.INT),
      new RowType.Field("name", DataType.Basic.STRING));

  @TempDir Path dir;
  private final ResourceTracker tracker = new ResourceTracker("worker", LeakDetectionLevel.PARANOID);
  private final ResourceOwner task = ResourceOwner.task(42, 1, 1, 0);
  private final ResourceScope scope = tracker.scope(task);

  private SinkWriter writer(boolean transactional) throws Exception {
    return new LocalFileSinkFactory()
        .createSink(ConfigFactory.parseString("path = \"" + dir + "\"\nfile_format_type = csv\n"
            + "is_enable_transaction = " + transactional), TYPE)
        .createWriter(new TestingWriterContext(PluginHarness.JOB, 0, 1).withResources(scope));
  }

  private Map<String, Integer> live() {
    return tracker.report().liveByKind();
  }

  @Test
  void aTransactionalWritersStreamAndTempFileAreHeldUntilPreparedAndNotAfter() throws Exception {
    SinkWriter w = writer(true);
    w.write(Row.of(1, "a"));
    assertEquals(Map.of("file", 1, "temp-file", 1), live());
    assertTrue(tracker.live(task).get(1).description().contains(".atoll-tmp"), tracker.live(task).get(1).description());

    w.snapshotState(1);
    assertEquals(Map.of(), live(), "prepared: the checkpoint owns the temp file now, not the task");

    w.write(Row.of(2, "b"));
    assertEquals(Map.of("file", 1, "temp-file", 1), live());
    w.abort();
    assertEquals(Map.of(), live(), "an unprepared temp file is deleted on abort, and released");
    w.notifyCheckpointComplete(1);
    w.close();
    assertEquals(List.of(), tracker.ownerEnded(task, "task group FINISHED"));
    assertEquals(Map.of(), tracker.report().doubleReleasesByKind());
  }

  @Test
  void whatAWriterLeftOpenIsClosedAndItsTempFileDeletedWhenTheTaskEnds() throws Exception {
    SinkWriter w = writer(true);
    w.write(Row.of(1, "a"));
    Path temp = Path.of(tracker.live(task).get(1).description());
    assertTrue(Files.exists(temp));

    List<ResourceTracker.Leak> leaks = tracker.ownerEnded(task, "task group FAILED"); // never closed

    assertEquals(List.of("file", "temp-file"), leaks.stream().map(ResourceTracker.Leak::kind).toList());
    assertTrue(leaks.stream().allMatch(l -> l.outcome().equals("released by the runtime")), leaks.toString());
    assertFalse(Files.exists(temp), "the runtime deleted the temp file after closing its stream");
    assertTrue(leaks.get(0).site().stream().anyMatch(f -> f.contains("LocalFileWriter")), leaks.get(0).site().toString());
  }

  @Test
  void aPlainWritersOutputFileIsHeldWhileOpenAndIsNoTempFile() throws Exception {
    SinkWriter w = writer(false);
    w.write(Row.of(1, "a"));
    assertEquals(Map.of("file", 1), live());
    w.close();
    assertEquals(Map.of(), live());
  }

  @Test
  void aReadersOpenFileIsHeldUntilItIsReadOrClosed() throws Exception {
    StringBuilder csv = new StringBuilder();
    for (int i = 0; i < LocalFileReader.BATCH + 5; i++) {
      csv.append(i).append(",x\n");
    }
    Path file = Files.writeString(dir.resolve("in.csv"), csv.toString());
    SourceReader reader = new LocalFileSourceFactory().createSource(ConfigFactory.parseString(
            "path = \"" + file + "\"\nfile_format_type = csv\nschema { fields { id = int, name = string } }"))
        .createReader(new ReaderContext() {
          @Override
          public JobContext job() {
            return PluginHarness.JOB;
          }

          @Override
          public int subtaskIndex() {
            return 0;
          }

          @Override
          public int parallelism() {
            return 1;
          }

          @Override
          public void sendSplitRequest() {}

          @Override
          public void signalNoMoreElement() {}

          @Override
          public ResourceScope resources() {
            return scope;
          }
        });
    reader.addSplits(List.of(new SourceSplit(file.toString(), Map.of(LocalFileEnumerator.PATH, file.toString()))));
    List<Row> rows = new ArrayList<>();

    reader.pollNext(rows::add);
    assertEquals(Map.of("file", 1), live());
    assertEquals(file.toString(), tracker.live(task).get(0).description());
    reader.pollNext(rows::add);
    assertEquals(Map.of(), live(), "read to its end: closed and released");
    assertEquals(LocalFileReader.BATCH + 5, rows.size());

    reader.addSplits(List.of(new SourceSplit(file.toString(), Map.of(LocalFileEnumerator.PATH, file.toString()))));
    reader.pollNext(rows::add);
    reader.close();
    assertEquals(Map.of(), live(), "closed midway: released");
  }
}
