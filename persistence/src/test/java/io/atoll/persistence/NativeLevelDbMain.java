package io.atoll.persistence;

import java.io.File;
import java.nio.charset.StandardCharsets;
import org.fusesource.leveldbjni.JniDBFactory;
import org.iq80.leveldb.DB;
import org.iq80.leveldb.Options;

/**
 * Child process of {@link NativeLevelDbTest}: a node's start as far as LevelDB goes. Prepares the
 * native library, opens a native LevelDB in {@code args[0]}, writes and reads one key, prints
 * "OPENED &lt;library file&gt; &lt;kept&gt;" and halts: no shutdown hook or delete-on-exit runs, as
 * for a node that is killed.
 */
public final class NativeLevelDbMain {
  private NativeLevelDbMain() {}

  public static void main(String[] args) throws Exception {
    NativeLevelDb.Unpacked unpacked = NativeLevelDb.prepare().orElseThrow();
    byte[] key = "k".getBytes(StandardCharsets.UTF_8);
    try (DB db = JniDBFactory.factory.open(new File(args[0]), new Options().createIfMissing(true))) {
      db.put(key, key);
      if (db.get(key) == null) {
        throw new IllegalStateException("the key just written is missing");
      }
    }
    System.out.println("OPENED " + unpacked.file() + " " + unpacked.kept());
    System.out.flush();
    Runtime.getRuntime().halt(0);
  }
}
