package io.atoll.persistence;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A node's data directory (journal, snapshots), held exclusively while the node runs.
 *
 * <p>The LevelDB journal is a local file store: two nodes writing the same directory would corrupt
 * it, or one would fail deep inside Akka with an opaque LevelDB "lock" error after it has already
 * joined the cluster. So a node takes an OS file lock on {@code atoll.lock} before its ActorSystem
 * starts and fails fast with a message naming the directory and the holder's pid. The OS releases
 * the lock when the holder dies, even by {@code kill -9}, so a crashed node never leaves a stale
 * lock behind; the pid written into the file is only a hint for the error message.
 *
 * <p>A damaged LevelDB journal is refused here too, before anything is written: its checksums are
 * verified read-only ({@link LevelDbFiles}) before the pid goes into the lock file and before
 * LevelDB ever opens it (LevelDB would take its own {@code LOCK}, append to its {@code LOG} and
 * start rewriting the journal). A refused data dir is left exactly as it was, every file's bytes and
 * modification time included.
 *
 * <p>Locks held by this JVM are also tracked in {@link #HELD}. The JDK's file locks are POSIX
 * record locks, which belong to the process: on Linux with JDK 17, closing <em>any</em> channel or
 * stream on {@code atoll.lock} silently drops the lock another channel of this JVM holds, while
 * {@link FileLock#isValid()} still says true. So a second open in this JVM fails before it opens the
 * file at all, and nothing else in the JVM may open (or even read) the lock file of a held dir.
 */
public final class DataDirectory implements AutoCloseable {

  static final String LOCK_FILE = "atoll.lock";

  /** Real paths of the lock files held by this JVM. */
  private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

  private final Path path;
  private final Path lockFile;
  private final FileChannel channel;
  private final FileLock lock;
  private boolean closed;

  private DataDirectory(Path path, Path lockFile, FileChannel channel, FileLock lock) {
    this.path = path;
    this.lockFile = lockFile;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Creates {@code dir} if missing, checks it can be used and locks it until {@link #close()}.
   *
   * @throws DataDirectoryException if the directory cannot be created, is not a directory, is not
   *     readable or writable, is locked by another node, holds another version's data format, or
   *     holds a damaged journal
   */
  public static DataDirectory open(Path dir) {
    Path path = ensureDirectory(dir.toAbsolutePath().normalize());
    Path lockFile = realPath(path).resolve(LOCK_FILE);
    if (!HELD.add(lockFile)) {
      throw lockedInThisJvm(path);
    }
    DataDirectory locked;
    try {
      locked = lock(path, lockFile);
    } catch (RuntimeException | Error e) {
      HELD.remove(lockFile);
      throw e;
    }
    return locked;
  }

  /** The data directory, absolute. */
  public Path path() {
    return path;
  }

  /** Where the LevelDB journal lives. */
  public Path journalDir() {
    return path.resolve("journal");
  }

  /** Where the local snapshot store writes. */
  public Path snapshotDir() {
    return path.resolve("snapshots");
  }

  /** Releases the lock; the directory and its lock file stay. Calling it again does nothing. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try (channel) {
      lock.release();
    } catch (IOException e) {
      throw new DataDirectoryException("could not release the lock on data dir " + path, e);
    } finally {
      HELD.remove(lockFile);
    }
  }

  @Override
  public String toString() {
    return "DataDirectory[" + path + (closed ? ", closed]" : "]");
  }

  private static Path ensureDirectory(Path path) {
    if (Files.exists(path) && !Files.isDirectory(path)) {
      throw new DataDirectoryException(
          "data dir " + path + " is a file, not a directory: remove it or choose another --data-dir");
    }
    try {
      Files.createDirectories(path);
    } catch (FileAlreadyExistsException e) {
      throw new DataDirectoryException(
          "cannot create data dir " + path + ": " + e.getFile() + " exists and is not a directory;"
              + " choose another --data-dir",
          e);
    } catch (IOException e) {
      throw new DataDirectoryException("cannot create data dir " + path + " (" + describe(e)
          + "): create it or choose another --data-dir", e);
    }
    if (!Files.isReadable(path)) {
      throw new DataDirectoryException(
          "data dir " + path + " is not readable: give the user running Atoll read and write access"
              + " or choose another --data-dir");
    }
    if (!Files.isWritable(path)) {
      throw notWritable(path, null);
    }
    return path;
  }

  /**
   * Locks, checks the contents, and only then writes the pid, so a refused dir is left untouched. A
   * lock file that does not exist yet is held by nobody: the journal is checked before creating it.
   */
  private static DataDirectory lock(Path path, Path lockFile) {
    boolean lockFileExisted = Files.exists(lockFile);
    if (!lockFileExisted) {
      verifyJournal(path);
    }
    FileChannel channel = openLockFile(path, lockFile);
    try {
      FileLock lock = tryLock(path, channel);
      if (lockFileExisted) {
        verifyJournal(path); // under the lock: no node is writing the journal meanwhile
      }
      DataFormat.check(path);
      writePid(lockFile, channel);
      return new DataDirectory(path, lockFile, channel, lock);
    } catch (RuntimeException e) {
      // Closing the channel also drops the lock if it was taken before writing the pid failed.
      try {
        channel.close();
      } catch (IOException closeFailure) {
        e.addSuppressed(closeFailure);
      }
      throw e;
    }
  }

  /** The LevelDB journal in {@code path/journal}, read-only; see {@link LevelDbFiles}. */
  private static void verifyJournal(Path path) {
    Path journal = path.resolve("journal");
    try {
      LevelDbFiles.verify(journal);
    } catch (LevelDbFiles.Damage e) {
      throw new DataDirectoryException("data dir " + path + " holds a damaged journal: " + e.file + " at offset "
          + e.offset + ": " + e.getMessage() + ". Atoll does not start on it and changed nothing; restore the"
          + " data dir from a backup, or start with another --data-dir (its jobs and history are lost then).", e);
    } catch (IOException e) {
      throw new DataDirectoryException("cannot read the journal at " + journal + " (" + describe(e)
          + "): give the user running Atoll read access, or start with another --data-dir", e);
    }
  }

  private static FileChannel openLockFile(Path path, Path lockFile) {
    try {
      return FileChannel.open(lockFile,
          StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    } catch (AccessDeniedException e) {
      throw notWritable(path, e);
    } catch (IOException e) {
      throw new DataDirectoryException("cannot open lock file " + lockFile + " (" + describe(e)
          + "): check the data dir or choose another --data-dir", e);
    }
  }

  private static FileLock tryLock(Path path, FileChannel channel) {
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      // Other code of this JVM locked the file without going through open(). Closing our channel
      // below may drop that lock (see the class comment): such code must use DataDirectory.
      DataDirectoryException locked = lockedInThisJvm(path);
      locked.initCause(e);
      throw locked;
    } catch (IOException e) {
      throw new DataDirectoryException("cannot lock data dir " + path + " (" + e + ")", e);
    }
    if (lock == null) {
      String pid = "unknown";
      IOException readFailure = null;
      try {
        pid = readHolderPid(channel);
      } catch (IOException e) {
        readFailure = e;
      }
      DataDirectoryException locked = new DataDirectoryException("data dir " + path
          + " is locked by another process (pid " + pid + "): each node needs its own --data-dir");
      if (readFailure != null) {
        locked.addSuppressed(readFailure);
      }
      throw locked;
    }
    return lock;
  }

  /** The pid the holder wrote, or "unknown" if it has not written it yet. */
  private static String readHolderPid(FileChannel channel) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(32);
    channel.read(buffer, 0);
    String pid = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).trim();
    return pid.isEmpty() ? "unknown" : pid;
  }

  private static void writePid(Path lockFile, FileChannel channel) {
    byte[] pid = (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII);
    try {
      channel.truncate(0);
      channel.write(ByteBuffer.wrap(pid), 0);
      channel.force(false);
    } catch (IOException e) {
      throw new DataDirectoryException("cannot write lock file " + lockFile + " (" + e + ")", e);
    }
  }

  /** "file: reason" for the OS's errors, which say more than the exception's class name. */
  private static String describe(IOException e) {
    if (e instanceof AccessDeniedException denied && denied.getReason() == null) {
      return denied.getFile() + ": permission denied";
    }
    if (e instanceof FileSystemException fse && fse.getReason() != null) {
      return fse.getFile() + ": " + fse.getReason();
    }
    return e.toString();
  }

  private static Path realPath(Path path) {
    try {
      return path.toRealPath();
    } catch (IOException e) {
      throw new DataDirectoryException("cannot resolve data dir " + path + " (" + e + ")", e);
    }
  }

  private static DataDirectoryException lockedInThisJvm(Path path) {
    return new DataDirectoryException("data dir " + path + " is locked by another node in this JVM"
        + " (pid " + ProcessHandle.current().pid() + "): each node needs its own --data-dir");
  }

  private static DataDirectoryException notWritable(Path path, IOException cause) {
    String detail = cause == null ? "" : " (" + describe(cause) + ")";
    return new DataDirectoryException("data dir " + path + " is not writable" + detail
        + ": give the user running Atoll write access or choose another --data-dir", cause);
  }
}
