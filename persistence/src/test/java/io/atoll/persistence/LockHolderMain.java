package io.atoll.persistence;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Child process of {@link DataDirectoryOtherProcessTest}: another node on the same host. Prints
 * "LOCKED &lt;pid&gt;" once it holds the data dir and keeps it until its stdin closes or it is
 * killed; prints "FAILED &lt;message&gt;" and exits 1 if the dir is not available.
 */
public final class LockHolderMain {
  private LockHolderMain() {}

  public static void main(String[] args) throws IOException {
    DataDirectory dir;
    try {
      dir = DataDirectory.open(Path.of(args[0]));
    } catch (DataDirectoryException e) {
      System.out.println("FAILED " + e.getMessage());
      System.exit(1);
      return;
    }
    try (dir) {
      System.out.println("LOCKED " + ProcessHandle.current().pid());
      System.out.flush();
      while (System.in.read() != -1) {
        // Hold the lock until the parent closes our stdin.
      }
    }
  }
}
