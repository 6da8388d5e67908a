package io.atoll.persistence;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.fusesource.hawtjni.runtime.Library;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts leveldbjni's native library where hawtjni loads it from, once per user instead of once per JVM.
 *
 * <p>Left alone, hawtjni's {@code Library} unpacks {@code libleveldbjni.so} (750 KB) into
 * {@code java.io.tmpdir} under a new random name at every JVM start and only asks {@code deleteOnExit}
 * to remove it, which never runs for a node that is killed or halted: a few dozen {@code atoll run}s
 * left 21 copies in /tmp. Before it extracts anything, hawtjni first tries
 * {@code ${library.leveldbjni.path}/libleveldbjni.so}. So this unpacks the library into a per-user cache,
 * {@code ~/.cache/atoll/native/<sha-256 prefix>/} ({@code $XDG_CACHE_HOME} if set, or the
 * {@code atoll.native-dir} system property), and sets that property.
 *
 * <p>Why a stable cache rather than delete-on-exit: delete-on-exit cannot cover {@code kill -9}, a
 * JVM crash or {@code Runtime.halt}, which are exactly the ends a cluster node meets; a cache bounds the
 * disk used to one file per leveldbjni build, whatever happens to the process, and saves the copy at
 * every start. The cache is checked, because the JVM executes what it finds there: the directory must
 * belong to this user and be writable by nobody else, and the file's SHA-256 must equal the jar's
 * resource, or it is replaced (atomically: JVMs starting at once may share it; one that has the old
 * file mapped keeps its copy). The directory is named by content, so an upgraded jar gets a directory
 * of its own and an older build still running keeps its file.
 *
 * <p>Where the cache cannot be used (no writable home, as for some service users, or a directory that
 * fails the checks), the library is unpacked into a private temporary directory, loaded at once, and
 * the file deleted straight after: on Linux and macOS a loaded library stays mapped without its file.
 * A warning names the reason. A {@code library.leveldbjni.path} set by the user is left alone.
 */
public final class NativeLevelDb {
  /** hawtjni's library name: its system property is {@code library.<name>.path}. */
  static final String LIBRARY_NAME = "leveldbjni";
  static final String PATH_PROPERTY = "library." + LIBRARY_NAME + ".path";
  /** Overrides the cache directory (the parent of the per-build directories). */
  public static final String CACHE_PROPERTY = "atoll.native-dir";
  private static final String TEMP_SUFFIX = ".tmp";
  private static final Logger LOG = LoggerFactory.getLogger(NativeLevelDb.class);

  /**
   * The library file hawtjni will load.
   *
   * @param file where it is (or was, for a file deleted after loading)
   * @param kept false for the fallback: the file was deleted once loaded
   */
  public record Unpacked(Path file, long size, String sha256, boolean kept) {}

  private static Optional<Unpacked> prepared;

  private NativeLevelDb() {}

  /**
   * Makes leveldbjni load from the per-user cache; idempotent, call before anything opens a native
   * LevelDB in this JVM. Empty when the user set {@code library.leveldbjni.path} or the jar has no
   * library for this platform (hawtjni then fails as before, naming the platform, when LevelDB opens).
   */
  public static synchronized Optional<Unpacked> prepare() {
    if (prepared == null) {
      prepared = prepareOnce();
    }
    return prepared;
  }

  /** What {@link #prepare} did in this JVM, if it ran. */
  public static synchronized Optional<Unpacked> prepared() {
    return prepared == null ? Optional.empty() : prepared;
  }

  private static Optional<Unpacked> prepareOnce() {
    if (System.getProperty(PATH_PROPERTY) != null) {
      return Optional.empty();
    }
    Optional<URL> resource = resource();
    if (resource.isEmpty()) {
      return Optional.empty();
    }
    Path root = cacheRoot();
    Unpacked unpacked;
    try {
      unpacked = unpack(resource.get(), root);
    } catch (IOException | UnusableCacheException e) {
      LOG.warn("cannot keep the native LevelDB library in {} ({}); it is unpacked into a temporary directory"
          + " and deleted once loaded instead. Set -D{}=DIR to a directory of your own to keep it.",
          root, e.getMessage(), CACHE_PROPERTY);
      return loadAndDelete(resource.get());
    }
    System.setProperty(PATH_PROPERTY, unpacked.file().getParent().toString());
    return Optional.of(unpacked);
  }

  /** leveldbjni's library for this platform, as hawtjni looks for it (most specific first). */
  static Optional<URL> resource() {
    ClassLoader loader = NativeLevelDb.class.getClassLoader();
    Library library = new Library(LIBRARY_NAME, (String) null, loader); // describes only; loads nothing
    for (String path : List.of(library.getPlatformSpecifcResourcePath(),
        library.getOperatingSystemSpecifcResourcePath(), library.getResorucePath())) {
      URL url = loader.getResource(path);
      if (url != null) {
        return Optional.of(url);
      }
    }
    return Optional.empty();
  }

  static Path cacheRoot() {
    String configured = System.getProperty(CACHE_PROPERTY);
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path cache = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
    return cache.resolve("atoll").resolve("native");
  }

  /** The cache cannot be trusted or written; the message says why. */
  static final class UnusableCacheException extends Exception {
    UnusableCacheException(String message) {
      super(message);
    }
  }

  /**
   * Unpacks {@code resource} into {@code root/<sha-256 prefix>/}, unless an identical file is there;
   * a file with other content is replaced. Leftovers of a JVM killed while unpacking are removed.
   */
  static Unpacked unpack(URL resource, Path root) throws IOException, UnusableCacheException {
    byte[] content;
    try (InputStream in = resource.openStream()) {
      content = in.readAllBytes();
    }
    String sha = sha256(content);
    Path dir = root.resolve(sha.substring(0, 16));
    createPrivateDirectories(dir);
    checkPrivate(root);
    checkPrivate(dir);
    String fileName = System.mapLibraryName(LIBRARY_NAME);
    Path file = dir.resolve(fileName);
    removeStaleTemporaries(dir, fileName);
    if (!Files.isRegularFile(file) || !sha.equals(sha256(Files.readAllBytes(file)))) {
      if (Files.exists(file)) {
        LOG.warn("the cached native LevelDB library {} differs from the one in the jar; replacing it", file);
      }
      Path temp = dir.resolve("." + fileName + "." + ProcessHandle.current().pid() + TEMP_SUFFIX);
      Files.write(temp, content);
      setPermissions(temp, "rwx------");
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
    return new Unpacked(file, content.length, sha, true);
  }

  /**
   * The fallback: a private temporary directory, loaded at once, then nothing left on disk. Empty when
   * the library does not load on this machine: hawtjni is then left to fail as before, when a
   * LevelDB opens, with its own account of what it tried.
   */
  private static Optional<Unpacked> loadAndDelete(URL resource) {
    Path dir = null;
    try {
      dir = Files.createTempDirectory("atoll-native-");
      setPermissions(dir, "rwx------");
      try (InputStream in = resource.openStream()) {
        byte[] content = in.readAllBytes();
        Path file = dir.resolve(System.mapLibraryName(LIBRARY_NAME));
        Files.write(file, content);
        System.setProperty(PATH_PROPERTY, dir.toString());
        try {
          org.fusesource.leveldbjni.internal.NativeDB.LIBRARY.load();
        } catch (UnsatisfiedLinkError e) {
          System.clearProperty(PATH_PROPERTY);
          LOG.warn("the native LevelDB library does not load here ({}); set atoll.persistence.leveldb-native = off"
              + " to use the pure-Java LevelDB", e.getMessage());
          return Optional.empty();
        }
        return Optional.of(new Unpacked(file, content.length, sha256(content), false));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot unpack the native LevelDB library into " + dir + " ("
          + e.getMessage() + "); free some space there, or set atoll.persistence.leveldb-native = off", e);
    } finally {
      if (dir != null) {
        deleteTree(dir);
      }
    }
  }

  private static void createPrivateDirectories(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    Path parent = dir.getParent();
    if (parent != null) {
      createPrivateDirectories(parent);
    }
    try {
      Files.createDirectory(dir);
      setPermissions(dir, "rwx------");
    } catch (java.nio.file.FileAlreadyExistsException raced) {
      // another JVM created it first: checked like any existing directory
    }
  }

  /** Refuses a directory another user owns or may write to: whoever can write there runs code in every node. */
  private static void checkPrivate(Path dir) throws IOException, UnusableCacheException {
    PosixFileAttributeView posix = Files.getFileAttributeView(dir, PosixFileAttributeView.class);
    if (posix == null) {
      return; // not a POSIX file system: the OS's own ACLs apply
    }
    var attributes = posix.readAttributes();
    String user = System.getProperty("user.name");
    if (!"?".equals(user) && !attributes.owner().getName().equals(user)) {
      throw new UnusableCacheException(dir + " belongs to " + attributes.owner().getName() + ", not to " + user);
    }
    Set<PosixFilePermission> permissions = attributes.permissions();
    if (permissions.contains(PosixFilePermission.GROUP_WRITE) || permissions.contains(PosixFilePermission.OTHERS_WRITE)) {
      throw new UnusableCacheException(dir + " is writable by others (" + PosixFilePermissions.toString(permissions)
          + "); chmod go-w it");
    }
  }

  /** A temporary file of a JVM that is gone (killed while unpacking); a live one's is left to it. */
  private static void removeStaleTemporaries(Path dir, String fileName) throws IOException {
    try (DirectoryStream<Path> temps = Files.newDirectoryStream(dir, "." + fileName + ".*" + TEMP_SUFFIX)) {
      for (Path temp : temps) {
        String name = temp.getFileName().toString();
        String pid = name.substring(fileName.length() + 2, name.length() - TEMP_SUFFIX.length());
        boolean alive;
        try {
          alive = ProcessHandle.of(Long.parseLong(pid)).isPresent();
        } catch (NumberFormatException notOurs) {
          continue;
        }
        if (!alive) {
          Files.deleteIfExists(temp);
        }
      }
    }
  }

  private static void setPermissions(Path path, String permissions) throws IOException {
    if (Files.getFileAttributeView(path, PosixFileAttributeView.class) != null) {
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
    }
  }

  private static void deleteTree(Path dir) {
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path file : files) {
        Files.deleteIfExists(file);
      }
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      LOG.warn("could not remove the temporary native library directory {}: {}", dir, e.getMessage());
    }
  }

  static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no SHA-256", e); // every Java SE has it
    }
  }
}
