package io.atoll.persistence;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.iq80.leveldb.DB;
import org.iq80.leveldb.DBFactory;
import org.iq80.leveldb.Options;

/**
 * Opens the LevelDB journal once before the node starts, with paranoid checks, and closes it again.
 * Akka Persistence opens the journal lazily, the first time a persistent actor starts; a corrupt
 * journal would then show up as that actor failing over and over. Checked here, it stops the node at
 * start with an error naming the path. Nothing is repaired or deleted.
 *
 * <p>Runs after {@link DataDirectory#open} has verified the journal's checksums read-only (see
 * {@link LevelDbFiles}), so a damaged journal is refused before this opens it: opening LevelDB writes
 * its LOG and LOCK and replays the log into a new table. What is left for this second step is what
 * only LevelDB itself can tell (e.g. a journal written by another LevelDB).
 */
public final class JournalCheck {
  private JournalCheck() {}

  /** @throws DataDirectoryException if the journal exists and cannot be opened */
  public static void verify(Path journalDir, boolean nativeLevelDb) {
    if (nativeLevelDb) {
      NativeLevelDb.prepare(); // before leveldbjni loads, or it unpacks its library into /tmp again
    }
    if (!Files.isDirectory(journalDir) || isEmpty(journalDir)) {
      return; // a new journal: Akka creates it
    }
    DBFactory factory = nativeLevelDb ? org.fusesource.leveldbjni.JniDBFactory.factory
        : org.iq80.leveldb.impl.Iq80DBFactory.factory;
    Options options = new Options().createIfMissing(false).paranoidChecks(true);
    File dir = journalDir.toFile();
    try (DB db = factory.open(dir, options)) {
      db.getSnapshot().close();
    } catch (IOException | RuntimeException e) {
      throw new DataDirectoryException("the journal at " + journalDir + " cannot be opened (" + e.getMessage()
          + "): it may be corrupt or written by another LevelDB. Nothing was changed; restore it from a"
          + " backup or start with another --data-dir.", e);
    }
  }

  private static boolean isEmpty(Path dir) {
    try (var entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    } catch (IOException e) {
      throw new DataDirectoryException("cannot list the journal at " + dir + " (" + e.getMessage() + ")", e);
    }
  }
}
