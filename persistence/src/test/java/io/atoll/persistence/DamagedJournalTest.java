package io.atoll.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.fusesource.leveldbjni.JniDBFactory;
import org.iq80.leveldb.CompressionType;
import org.iq80.leveldb.DB;
import org.iq80.leveldb.Options;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A damaged LevelDB journal is refused at start with the file and offset named, and nothing in the
 * data dir changes: not LevelDB's LOG or LOCK, not Atoll's lock file, not a byte nor a modification
 * time anywhere.
 */
class DamagedJournalTest {
  @TempDir Path tmp;
  Path dataDir;
  Path journal;

  @BeforeEach
  void healthyJournal() throws IOException {
    dataDir = tmp.resolve("node");
    DataDirectory.open(dataDir).close();
    journal = dataDir.resolve("journal");
    Random random = new Random(7);
    // Compressible and incompressible values, so tables hold both snappy and plain blocks.
    try (DB db = JniDBFactory.factory.open(journal.toFile(), new Options().createIfMissing(true))) {
      for (int i = 0; i < 3000; i++) {
        byte[] value = new byte[200];
        if (i % 2 == 0) {
          random.nextBytes(value);
        } else {
          Arrays.fill(value, (byte) ('a' + i % 26));
        }
        db.put(key(i), value);
      }
      db.compactRange(null, null); // into table files
      for (int i = 3000; i < 3100; i++) {
        db.put(key(i), ("in the log only " + i).getBytes(StandardCharsets.UTF_8));
      }
    }
    try (DB db = JniDBFactory.factory.open(tmp.resolve("plain").toFile(),
        new Options().createIfMissing(true).compressionType(CompressionType.NONE))) {
      for (int i = 0; i < 500; i++) {
        db.put(key(i), key(i));
      }
      db.compactRange(null, null); // a table of uncompressed blocks
    }
    assertFalse(tables().isEmpty(), "the journal has tables: " + list());
    assertFalse(files(".log").isEmpty(), "the journal has a log: " + list());
  }

  private static byte[] key(int i) {
    return ("persistence-id-" + i).getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aHealthyJournalPassesAndOpensAgain() throws Exception {
    LevelDbFiles.verify(journal);
    LevelDbFiles.verify(tmp.resolve("plain"));
    DataDirectory.open(dataDir).close();
    DataDirectory.open(tmp.resolve("no-journal-yet")).close();
    JournalCheck.verify(journal, true); // and LevelDB agrees
  }

  @Test
  void aFlippedByteInATableIsRefusedAndNothingChanges() throws Exception {
    Path table = largest(tables());
    flip(table, Files.size(table) / 3);
    assertRefused(table);
  }

  @Test
  void aFlippedByteInATablesFooterIsRefused() throws Exception {
    Path table = largest(tables());
    flip(table, Files.size(table) - 3); // the magic number
    assertRefused(table);
  }

  @Test
  void aTruncatedTableIsRefusedAndNothingChanges() throws Exception {
    Path table = largest(tables());
    try (RandomAccessFile f = new RandomAccessFile(table.toFile(), "rw")) {
      f.setLength(f.length() - 100);
    }
    assertRefused(table);
  }

  @Test
  void aFlippedByteInTheLogIsRefusedAndNothingChanges() throws Exception {
    Path log = largest(files(".log"));
    flip(log, Files.size(log) / 2);
    assertRefused(log);
  }

  @Test
  void aFlippedByteInTheManifestIsRefused() throws Exception {
    Path manifest = largest(files("MANIFEST-"));
    flip(manifest, 10);
    assertRefused(manifest);
  }

  @Test
  void aMissingTableIsRefused() throws Exception {
    Path table = largest(tables());
    Files.move(table, tmp.resolve("elsewhere"));
    assertRefused(table.resolveSibling(table.getFileName().toString().replaceAll("\\.sst$", ".ldb")));
  }

  @Test
  void aCurrentFileNamingAMissingManifestIsRefused() throws Exception {
    Files.writeString(journal.resolve("CURRENT"), "MANIFEST-999999\n", StandardCharsets.UTF_8);
    assertRefused(journal.resolve("CURRENT"));
  }

  @Test
  void aRecordCutOffAtTheEndOfTheLogIsWhatAKilledWriterLeavesAndPasses() throws Exception {
    Path log = largest(files(".log"));
    try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "rw")) {
      f.setLength(f.length() - 5);
    }
    DataDirectory.open(dataDir).close();
  }

  @Test
  void aHalfWrittenTableLevelDbDoesNotListIsGarbageNotDamage() throws Exception {
    // what a kill in the middle of a compaction leaves: LevelDB deletes such a file at open
    Path table = largest(tables());
    byte[] half = Arrays.copyOf(Files.readAllBytes(table), (int) (Files.size(table) / 2));
    Files.write(journal.resolve("999999.ldb"), half);
    Files.write(journal.resolve("MANIFEST-999998"), half); // a MANIFEST that CURRENT does not name
    DataDirectory.open(dataDir).close();
  }

  private void assertRefused(Path damaged) throws IOException {
    Map<Path, String> before = state();
    DataDirectoryException e = assertThrows(DataDirectoryException.class, () -> DataDirectory.open(dataDir));
    assertTrue(e.getMessage().contains(damaged.toString()) && e.getMessage().contains("at offset ")
        && e.getMessage().contains("changed nothing"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), "one line for `atoll: ...`: " + e.getMessage());
    assertEquals(before, state(), "nothing in the data dir changed");
    assertTrue(Files.exists(journal.resolve("LOG")) && Files.exists(journal.resolve("LOCK")));
    // refused again, the same way: the refusal released its lock
    assertThrows(DataDirectoryException.class, () -> DataDirectory.open(dataDir));
    assertEquals(before, state());
  }

  /** Every file under the data dir: its bytes (as a hash) and modification time. */
  private Map<Path, String> state() throws IOException {
    Map<Path, String> state = new TreeMap<>();
    try (Stream<Path> all = Files.walk(dataDir)) {
      for (Path p : all.toList()) {
        FileTime mtime = Files.getLastModifiedTime(p);
        String content = Files.isRegularFile(p) ? Integer.toString(Arrays.hashCode(Files.readAllBytes(p))) : "dir";
        state.put(p, content + "@" + mtime + "/" + Files.size(p));
      }
    }
    return state;
  }

  /** leveldbjni names tables .sst, newer LevelDBs .ldb. */
  private List<Path> tables() throws IOException {
    try (Stream<Path> entries = Files.list(journal)) {
      return entries.filter(p -> p.toString().endsWith(".sst") || p.toString().endsWith(".ldb")).toList();
    }
  }

  private List<Path> files(String namePart) throws IOException {
    try (Stream<Path> entries = Files.list(journal)) {
      return entries.filter(p -> p.getFileName().toString().contains(namePart)).toList();
    }
  }

  private List<String> list() throws IOException {
    try (Stream<Path> entries = Files.list(journal)) {
      return entries.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static Path largest(List<Path> files) throws IOException {
    Path best = files.get(0);
    for (Path p : files) {
      if (Files.size(p) > Files.size(best)) {
        best = p;
      }
    }
    return best;
  }

  private static void flip(Path file, long offset) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.seek(offset);
      int b = f.read();
      f.seek(offset);
      f.write(b ^ 0x10);
    }
  }
}
