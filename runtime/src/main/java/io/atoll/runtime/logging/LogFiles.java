package io.atoll.runtime.logging;

import io.atoll.protocol.node.LogFileChunk;
import io.atoll.protocol.node.LogFileList;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * One node's log directory, read on request: the files in it (not below it) and pieces of one of
 * them. A requested name must be a plain file name of that directory — no separator, not {@code .}
 * or {@code ..}, not a link leading out of it — else it is refused before anything is opened. Every
 * read opens and closes its file (nothing stays open between requests). Rolled, gzipped files
 * ({@code .gz}) are read uncompressed. Blocking: callers run it on a blocking dispatcher.
 */
public final class LogFiles {
  private final String node;
  private final Optional<Path> directory;

  /** @param directory empty when the node writes no log files */
  public LogFiles(String node, Optional<Path> directory) {
    this.node = node;
    this.directory = directory.map(d -> d.toAbsolutePath().normalize());
  }

  public Optional<Path> directory() {
    return directory;
  }

  /** The regular files in the directory, by name; none when there is no directory (yet). */
  public LogFileList list() {
    List<LogFileList.File> files = new ArrayList<>();
    if (directory.isPresent() && Files.isDirectory(directory.get())) {
      try (Stream<Path> entries = Files.list(directory.get())) {
        for (Path p : entries.sorted(Comparator.comparing(Path::getFileName)).toList()) {
          try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (a.isRegularFile()) {
              files.add(new LogFileList.File(p.getFileName().toString(), a.size(), a.lastModifiedTime().toMillis()));
            }
          } catch (NoSuchFileException gone) {
            // rolled away between the listing and the look: not a file of the directory any more
          }
        }
      } catch (IOException e) {
        throw new IllegalStateException("cannot list the log directory " + directory.get() + ": " + e, e);
      }
    }
    return new LogFileList(node, directory.map(Path::toString).orElse(""), List.copyOf(files));
  }

  /** Why {@code name} is not a file name of a log directory, if it is not. */
  public static Optional<String> refusal(String name) {
    if (name == null || name.isBlank()) {
      return Optional.of("a log file name is required");
    }
    if (name.contains("/") || name.contains("\\") || name.contains("\0") || name.equals(".") || name.equals("..")) {
      return Optional.of("'" + name + "' is not a file name of the log directory: no paths, only names as GET /log lists them");
    }
    return Optional.empty();
  }

  /** Up to {@code maxBytes} of {@code name} from {@code offset} on (of its uncompressed text for a {@code .gz}). */
  public LogFileChunk read(String name, long offset, int maxBytes) {
    Optional<String> refused = refusal(name)
        .or(() -> offset < 0 || maxBytes <= 0 ? Optional.of("offset " + offset + " / length " + maxBytes) : Optional.empty());
    if (refused.isPresent()) {
      return new LogFileChunk.Refused(node, String.valueOf(name), refused.get(), false);
    }
    if (directory.isEmpty()) {
      return new LogFileChunk.Refused(node, name, "this node writes no log files (no file appender is configured)", true);
    }
    Path file = directory.get().resolve(name);
    try {
      if (!file.toRealPath().getParent().equals(directory.get().toRealPath())) {
        return new LogFileChunk.Refused(node, name, "'" + name + "' leads out of the log directory", false);
      }
      if (!Files.isRegularFile(file)) {
        return new LogFileChunk.Refused(node, name, "'" + name + "' is not a file", false);
      }
      byte[] bytes = name.endsWith(".gz") ? readCompressed(file, offset, maxBytes) : readPlain(file, offset, maxBytes);
      int whole = wholeCharacters(bytes);
      String text = new String(bytes, 0, whole, StandardCharsets.UTF_8);
      boolean end = bytes.length < maxBytes;
      return new LogFileChunk.Text(node, name, offset, text, offset + (end ? bytes.length : whole), end);
    } catch (NoSuchFileException e) {
      return new LogFileChunk.Refused(node, name, "no log file '" + name + "' in " + directory.get(), true);
    } catch (IOException e) {
      return new LogFileChunk.Refused(node, name, "cannot read " + file + ": " + e, true);
    }
  }

  private static byte[] readPlain(Path file, long offset, int maxBytes) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer buffer = ByteBuffer.allocate((int) Math.max(0, Math.min(maxBytes, channel.size() - offset)));
      while (buffer.hasRemaining() && channel.read(buffer, offset + buffer.position()) > 0) {
        // reads until the buffer is full or the file ends
      }
      return java.util.Arrays.copyOf(buffer.array(), buffer.position());
    }
  }

  private static byte[] readCompressed(Path file, long offset, int maxBytes) throws IOException {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      in.skipNBytes(offset);
      return in.readNBytes(maxBytes);
    } catch (java.io.EOFException e) {
      return new byte[0];
    }
  }

  /** How many of {@code bytes} end on a whole UTF-8 character: a sequence cut at the end is left out. */
  static int wholeCharacters(byte[] bytes) {
    int n = bytes.length;
    for (int back = 1; back <= Math.min(3, n); back++) {
      int b = bytes[n - back] & 0xFF;
      if ((b & 0xC0) == 0x80) {
        continue; // a continuation byte: look further back for its lead
      }
      int length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
      return length > back ? n - back : n;
    }
    return n;
  }
}
