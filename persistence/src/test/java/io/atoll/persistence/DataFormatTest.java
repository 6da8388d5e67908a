package io.atoll.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fusesource.leveldbjni.JniDBFactory;
import org.iq80.leveldb.DB;
import org.iq80.leveldb.Options;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A data dir of another format version, or a corrupt journal, stops the node at start and changes nothing. */
class DataFormatTest {
  @TempDir Path tmp;

  @Test
  void aNewDataDirIsMarkedWithTheCurrentFormat() throws Exception {
    try (DataDirectory dir = DataDirectory.open(tmp.resolve("d"))) {
      assertEquals(Integer.toString(DataFormat.CURRENT), Files.readString(dir.path().resolve(DataFormat.FILE)).trim());
    }
    DataDirectory.open(tmp.resolve("d")).close(); // the same format opens again
  }

  @Test
  void anotherFormatIsRefusedNamingPathAndVersionsAndNothingChanges() throws Exception {
    Path d = tmp.resolve("d");
    Files.createDirectories(d);
    Files.writeString(d.resolve(DataFormat.FILE), "7\n", StandardCharsets.UTF_8);
    DataDirectoryException e = assertThrows(DataDirectoryException.class, () -> DataDirectory.open(d));
    assertTrue(e.getMessage().contains(d.toString()) && e.getMessage().contains("format 7")
        && e.getMessage().contains("reads format " + DataFormat.CURRENT), e.getMessage());
    assertEquals("7", Files.readString(d.resolve(DataFormat.FILE)).trim(), "the marker is left as it was");

    Files.writeString(d.resolve(DataFormat.FILE), DataFormat.CURRENT + "\n", StandardCharsets.UTF_8);
    DataDirectory.open(d).close(); // the refused open released its lock
  }

  @Test
  void aFormat2DirIsRefusedItsSlotsLackTheirExecutorRef() throws Exception {
    Path d = tmp.resolve("format-2");
    Files.createDirectories(d);
    Files.writeString(d.resolve(DataFormat.FILE), "2\n", StandardCharsets.UTF_8);
    DataDirectoryException e = assertThrows(DataDirectoryException.class, () -> DataDirectory.open(d));
    assertTrue(e.getMessage().contains(d.toString()) && e.getMessage().contains("format 2"), e.getMessage());
    assertEquals("2", Files.readString(d.resolve(DataFormat.FILE)).trim(), "the marker is left as it was");
  }

  @Test
  void aFormat3DirIsRefusedItsJobsCarryOptionsAsJsonText() throws Exception {
    Path d = tmp.resolve("format-3");
    Files.createDirectories(d);
    Files.writeString(d.resolve(DataFormat.FILE), "3\n", StandardCharsets.UTF_8);
    DataDirectoryException e = assertThrows(DataDirectoryException.class, () -> DataDirectory.open(d));
    assertEquals("data dir " + d + " holds Atoll data format 3, but this runtime reads format 4: run the Atoll"
        + " version that wrote it, or use another --data-dir. Nothing was changed.", e.getMessage());
    assertEquals("3", Files.readString(d.resolve(DataFormat.FILE)).trim(), "the marker is left as it was");
  }

  @Test
  void anUnreadableMarkerIsRefused() throws Exception {
    Path d = tmp.resolve("d");
    Files.createDirectories(d);
    Files.writeString(d.resolve(DataFormat.FILE), "not a number", StandardCharsets.UTF_8);
    DataDirectoryException e = assertThrows(DataDirectoryException.class, () -> DataDirectory.open(d));
    assertTrue(e.getMessage().contains("unreadable format marker"), e.getMessage());
  }

  @Test
  void aHealthyJournalPassesAndACorruptOneIsNamedAndLeftAlone() throws Exception {
    Path journal = tmp.resolve("journal");
    try (DB db = JniDBFactory.factory.open(journal.toFile(), new Options().createIfMissing(true))) {
      db.put("k".getBytes(StandardCharsets.UTF_8), "v".getBytes(StandardCharsets.UTF_8));
    }
    JournalCheck.verify(journal, true);
    JournalCheck.verify(journal, false);
    JournalCheck.verify(tmp.resolve("no-journal-yet"), true);

    Files.writeString(journal.resolve("CURRENT"), "MANIFEST-999999\n", StandardCharsets.UTF_8);
    for (boolean nativeLevelDb : new boolean[] {true, false}) {
      DataDirectoryException e = assertThrows(DataDirectoryException.class, () -> JournalCheck.verify(journal, nativeLevelDb));
      assertTrue(e.getMessage().contains(journal.toString()) && e.getMessage().contains("Nothing was changed"), e.getMessage());
    }
    assertEquals("MANIFEST-999999", Files.readString(journal.resolve("CURRENT")).trim());
  }
}
