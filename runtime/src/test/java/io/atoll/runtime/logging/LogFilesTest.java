package io.atoll.runtime.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.atoll.protocol.node.LogFileChunk;
import io.atoll.protocol.node.LogFileList;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A node's log directory: what is listed, what is read, and which names are refused before anything is opened. */
class LogFilesTest {
  private static final String NODE = "akka://atoll@127.0.0.1:25520";
  @TempDir Path tmp;

  @Test
  void listsRegularFilesOnlyAndReadsPlainAndGzippedTextInWholeCharacters() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("logs"));
    Files.writeString(dir.resolve("b.log"), "é✓");
    try (OutputStream gz = new GZIPOutputStream(Files.newOutputStream(dir.resolve("a.2026-12-01.0.log.gz")))) {
      gz.write("rolled line\n".getBytes(StandardCharsets.UTF_8));
    }
    Files.createDirectories(dir.resolve("sub"));
    Files.writeString(tmp.resolve("outside.txt"), "secret");
    Files.createSymbolicLink(dir.resolve("c.log"), tmp.resolve("outside.txt"));
    LogFiles files = new LogFiles(NODE, Optional.of(dir));

    LogFileList list = files.list();
    assertEquals(List.of("a.2026-12-01.0.log.gz", "b.log"), list.files().stream().map(LogFileList.File::name).toList());
    assertEquals(5, list.files().get(1).size());

    // "é✓" is 2 + 3 bytes: a 3-byte read stops after é and the next starts at the ✓
    LogFileChunk.Text first = assertInstanceOf(LogFileChunk.Text.class, files.read("b.log", 0, 3));
    assertEquals("é", first.text());
    assertEquals(2, first.nextOffset());
    LogFileChunk.Text second = assertInstanceOf(LogFileChunk.Text.class, files.read("b.log", 2, 3));
    assertEquals("✓", second.text());
    LogFileChunk.Text last = assertInstanceOf(LogFileChunk.Text.class, files.read("b.log", 5, 3));
    assertTrue(last.end() && last.text().isEmpty());

    assertEquals("rolled line\n",
        assertInstanceOf(LogFileChunk.Text.class, files.read("a.2026-12-01.0.log.gz", 0, 1024)).text());
    assertEquals("line\n",
        assertInstanceOf(LogFileChunk.Text.class, files.read("a.2026-12-01.0.log.gz", 7, 1024)).text());
  }

  @Test
  void namesOutsideTheDirectoryAreRefusedAndAMissingFileIsSaidToBe() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("logs"));
    Files.writeString(tmp.resolve("outside.txt"), "secret");
    Files.createSymbolicLink(dir.resolve("c.log"), tmp.resolve("outside.txt"));
    LogFiles files = new LogFiles(NODE, Optional.of(dir));
    for (String name : List.of("../outside.txt", "..", ".", "sub/x.log", "..\\outside.txt", "", "c.log")) {
      LogFileChunk.Refused refused = assertInstanceOf(LogFileChunk.Refused.class, files.read(name, 0, 10), name);
      assertTrue(!refused.missing() && !refused.reason().contains("secret"), refused::toString);
    }
    LogFileChunk.Refused missing = assertInstanceOf(LogFileChunk.Refused.class, files.read("none.log", 0, 10));
    assertTrue(missing.missing() && missing.reason().contains("no log file 'none.log'"), missing::toString);
    assertTrue(assertInstanceOf(LogFileChunk.Refused.class,
        new LogFiles(NODE, Optional.empty()).read("a.log", 0, 10)).reason().contains("writes no log files"));
    assertEquals(List.of(), new LogFiles(NODE, Optional.empty()).list().files());
  }
}
