package io.atoll.runtime.connector.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.typesafe.config.ConfigFactory;
import io.atoll.protocol.connector.SinkWriter;
import io.atoll.protocol.data.DataType;
import io.atoll.protocol.data.Row;
import io.atoll.protocol.data.RowType;
import io.atoll.runtime.connector.PluginHarness;
import io.atoll.runtime.connector.TestingWriterContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SeaTunnel's {@code tmp_path}: uncommitted files staged there, only on the output's file system. */
class LocalFileTmpPathTest {
  private static final RowType TYPE = RowType.of(new RowType.Field("id", DataType.Basic.INT));

  @TempDir
  Path root;

  private SinkWriter writer(Path out, String tmpPath) throws Exception {
    return new LocalFileSinkFactory()
        .createSink(ConfigFactory.parseString("path = \"" + out + "\"\nfile_format_type = csv\n"
            + "tmp_path = \"" + tmpPath + "\""), TYPE)
        .createWriter(new TestingWriterContext(PluginHarness.JOB, 0, 1));
  }

  private static List<Path> entries(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(p -> !p.equals(dir)).sorted().toList();
    }
  }

  @Test
  void rowsAreStagedBelowTmpPathAndCommittedIntoPath() throws Exception {
    Path out = root.resolve("out");
    Path tmp = root.resolve("staging");
    try (SinkWriter w = writer(out, tmp.toString())) {
      w.write(Row.of(1));
      Path staged = StagingRoot.of(out, tmp.toString()).resolve("T_42_1_0/a0-0.tmp");
      assertTrue(staged.startsWith(tmp) && Files.exists(staged), "rows go to " + staged);
      assertEquals(List.of(), entries(out), "nothing in path before the commit, no temp directory either");
      w.snapshotState(1);
      w.notifyCheckpointComplete(1);
      assertEquals(List.of(out.resolve("T_42_1_0_1.csv")), entries(out));
      assertEquals("1\n", Files.readString(out.resolve("T_42_1_0_1.csv")));
    }
    assertEquals(List.of(), entries(tmp), "a finished writer leaves nothing below tmp_path");
  }

  @Test
  void sinksOfDifferentPathsSharingATmpPathStageApart() {
    Path tmp = root.resolve("staging");
    Path a = StagingRoot.of(root.resolve("a"), tmp.toString());
    Path b = StagingRoot.of(root.resolve("b"), tmp.toString());
    assertNotEquals(a, b);
    assertEquals(tmp, a.getParent());
    assertTrue(a.getFileName().toString().startsWith(".atoll-tmp-"), a.toString());
    assertEquals(root.resolve("a/.atoll-tmp"), StagingRoot.of(root.resolve("a"), null), "default: below path");
    assertEquals(root.resolve("a/.atoll-tmp"), StagingRoot.of(root.resolve("a"), root.resolve("a/.") + ""),
        "tmp_path = path is the default");
  }

  @Test
  void aTmpPathOnAnotherFileSystemIsRefusedNamingBothOptions() throws Exception {
    Path shm = Path.of("/dev/shm");
    assumeTrue(Files.isDirectory(shm) && Files.isWritable(shm)
        && !Files.getFileStore(shm).equals(Files.getFileStore(root)), "needs /dev/shm on another file system");
    Path tmp = Files.createTempDirectory(shm, "atoll-tmp-path-test");
    try {
      Path out = root.resolve("out");
      IOException e = assertThrows(IOException.class, () -> writer(out, tmp.toString()));
      assertTrue(e.getMessage().startsWith("LocalFile sink: option 'tmp_path' (" + tmp + ") is on another file "
          + "system than option 'path' (" + out + ")"), e.getMessage());
      assertFalse(Files.exists(StagingRoot.of(out, tmp.toString()).resolve("T_42_1_0")), "nothing staged");
      try (Stream<Path> left = Files.list(StagingRoot.of(out, tmp.toString()))) {
        assertEquals(List.of(), left.toList(), "the probe file is removed");
      }
    } finally {
      try (Stream<Path> files = Files.walk(tmp)) {
        for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  @Test
  void anEmptyTmpPathIsAValidationProblem() {
    List<String> problems = new LocalFileSinkFactory().validate(ConfigFactory.parseString(
        "path = \"" + root + "\"\ntmp_path = \"\""), TYPE);
    assertEquals(List.of("option 'tmp_path' must not be empty; leave it out to stage files below 'path'"), problems);
  }
}
