package io.atoll.persistence;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * Verifies a LevelDB directory's checksums in pure Java, reading only, before LevelDB opens it.
 *
 * <p>Why not let LevelDB check: opening a database takes its {@code LOCK}, appends to its
 * {@code LOG}, replays the log into a new table and may compact — so a journal refused by LevelDB has
 * already been changed, and a flipped byte inside a table block is not even read at open (only when a
 * query or a compaction reaches it, by which time the node runs and the journal is being rewritten).
 * This reads every file LevelDB would trust and checks what its format protects:
 *
 * <ul>
 *   <li>{@code CURRENT} names a MANIFEST that exists; every table the MANIFEST lists as live exists
 *       with the size recorded for it;
 *   <li>live table files ({@code .ldb}, {@code .sst}): the footer's magic number, the metaindex and index
 *       handles inside the file, and every block (index, metaindex, filter and each data block the
 *       index lists) against its 5-byte trailer: 1 compression-type byte + the masked CRC32C of
 *       block and type;
 *   <li>the current MANIFEST and the live log files ({@code .log}): 32 KiB blocks of records, each with a 7-byte
 *       header (masked CRC32C of type and payload, 2-byte length, type) and fragments in order.
 *       A record cut off at the very end of a file is what a writer killed mid-write leaves; LevelDB
 *       reads it as the end of the log, and so does this check.
 * </ul>
 *
 * Tables, logs and MANIFESTs that LevelDB no longer lists are not read: they are what a kill in the
 * middle of a compaction leaves, and LevelDB deletes them at open. It creates, locks and writes nothing; the cost is one sequential read of the directory (see the
 * README for what that means for a large journal). Layout: LevelDB's {@code doc/table_format.md} and
 * {@code doc/log_format.md}.
 */
final class LevelDbFiles {
  static final long TABLE_MAGIC = 0xdb4775248b80fb57L;
  static final int FOOTER_SIZE = 48;
  static final int BLOCK_TRAILER_SIZE = 5;
  static final int LOG_BLOCK_SIZE = 32 * 1024;
  static final int LOG_HEADER_SIZE = 7;
  private static final int MASK_DELTA = 0xa282ead8;
  private static final int FULL = 1;
  private static final int FIRST = 2;
  private static final int MIDDLE = 3;
  private static final int LAST = 4;

  private LevelDbFiles() {}

  /** A damaged file: where, and what is wrong there. */
  static final class Damage extends Exception {
    final Path file;
    final long offset;

    Damage(Path file, long offset, String problem) {
      super(problem);
      this.file = file;
      this.offset = offset;
    }
  }

  /**
   * Checks every LevelDB file in {@code dir}; a missing or empty directory is a new database and
   * passes.
   *
   * @throws Damage naming the first damaged file and the offset of the damage
   * @throws IOException if a file cannot be read at all
   */
  static void verify(Path dir) throws Damage, IOException {
    if (!Files.isDirectory(dir)) {
      return;
    }
    List<Path> files;
    try (Stream<Path> entries = Files.list(dir)) {
      files = entries.filter(Files::isRegularFile).sorted().toList();
    }
    if (files.isEmpty()) {
      return;
    }
    Path manifest = verifyCurrent(dir);
    Version version = verifyLiveTables(dir, manifest);
    // Only what LevelDB will read: a table or log it no longer lists (one a kill cut short in the
    // middle of a compaction, say) is garbage it deletes at open, not damage.
    for (Path table : version.tables) {
      verifyTable(table);
    }
    for (Path file : files) {
      String name = file.getFileName().toString();
      if (name.endsWith(".log") && isLive(name, version)) {
        verifyLog(file, record -> { });
      }
    }
  }

  /** The files the MANIFEST's edits leave live. */
  private record Version(List<Path> tables, long logNumber, long prevLogNumber) {}

  private static boolean isLive(String logName, Version version) {
    long number;
    try {
      number = Long.parseLong(logName.substring(0, logName.length() - ".log".length()));
    } catch (NumberFormatException e) {
      return false; // not LevelDB's
    }
    return number >= version.logNumber || number == version.prevLogNumber;
  }

  /** @return the MANIFEST that CURRENT names */
  private static Path verifyCurrent(Path dir) throws Damage, IOException {
    Path current = dir.resolve("CURRENT");
    if (!Files.exists(current)) {
      throw new Damage(current, 0, "it is missing, so LevelDB does not know which MANIFEST lists the tables");
    }
    String manifest = Files.readString(current).strip();
    if (!manifest.matches("MANIFEST-[0-9]+")) {
      throw new Damage(current, 0, "it names '" + manifest + "', not a MANIFEST file");
    }
    if (!Files.isRegularFile(dir.resolve(manifest))) {
      throw new Damage(current, 0, "it names " + manifest + ", which does not exist");
    }
    return dir.resolve(manifest);
  }

  /**
   * Replays the MANIFEST's version edits (checking its records on the way): every table they leave
   * live must exist with the size recorded for it. A table deleted or cut short is refused here even
   * where its footer happens to look whole.
   */
  private static Version verifyLiveTables(Path dir, Path manifest) throws Damage, IOException {
    java.util.Map<Long, Long> live = new java.util.TreeMap<>();
    long[] logNumbers = {0, 0};
    verifyLog(manifest, record -> {
      Reader r = new Reader(record, 0, record.length, manifest, 0);
      while (r.remaining() > 0) {
        int tag = r.varint32();
        switch (tag) {
          case 1 -> r.skip(r.varint32()); // comparator name
          case 2 -> logNumbers[0] = r.varint64();
          case 9 -> logNumbers[1] = r.varint64();
          case 3, 4 -> r.varint64(); // next file number, last sequence
          case 5 -> { // compaction pointer: level, key
            r.varint32();
            r.skip(r.varint32());
          }
          case 6 -> { // deleted file: level, number
            r.varint32();
            live.remove(r.varint64());
          }
          case 7 -> { // new file: level, number, size, smallest key, largest key
            r.varint32();
            long number = r.varint64();
            live.put(number, r.varint64());
            r.skip(r.varint32());
            r.skip(r.varint32());
          }
          default -> throw new Damage(manifest, 0, "a version edit has the unknown tag " + tag);
        }
      }
    });
    java.util.List<Path> tables = new java.util.ArrayList<>();
    for (java.util.Map.Entry<Long, Long> table : live.entrySet()) {
      String number = String.format("%06d", table.getKey());
      Path file = dir.resolve(number + ".ldb");
      if (!Files.exists(file)) {
        file = dir.resolve(number + ".sst");
      }
      if (!Files.exists(file)) {
        throw new Damage(dir.resolve(number + ".ldb"), 0, "the table is missing, but " + manifest.getFileName()
            + " lists it as live");
      }
      long size = Files.size(file);
      if (size != table.getValue()) {
        throw new Damage(file, Math.min(size, table.getValue()), "the table is " + size + " bytes, but "
            + manifest.getFileName() + " recorded " + table.getValue());
      }
      tables.add(file);
    }
    return new Version(List.copyOf(tables), logNumbers[0], logNumbers[1]);
  }

  /** What a log holds: one callback per complete record. */
  interface Records {
    void accept(byte[] record) throws Damage;
  }

  // ---- tables ----

  static void verifyTable(Path file) throws Damage, IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      if (size < FOOTER_SIZE) {
        throw new Damage(file, 0, "the table is " + size + " bytes, shorter than its footer");
      }
      long footerAt = size - FOOTER_SIZE;
      ByteBuffer footer = read(channel, file, footerAt, FOOTER_SIZE);
      long magic = footer.order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong(FOOTER_SIZE - 8);
      if (magic != TABLE_MAGIC) {
        throw new Damage(file, size - 8, "the footer has no table magic number (the file is cut short or overwritten)");
      }
      Reader footerReader = new Reader(footer.array(), 0, FOOTER_SIZE - 8, file, footerAt);
      Handle metaindex = Handle.read(footerReader);
      Handle index = Handle.read(footerReader);
      byte[] metaindexBlock = readBlock(channel, file, metaindex, footerAt, "metaindex");
      byte[] indexBlock = readBlock(channel, file, index, footerAt, "index");
      for (Handle filter : blockHandles(metaindexBlock, file, metaindex.offset)) {
        readBlock(channel, file, filter, footerAt, "filter");
      }
      for (Handle data : blockHandles(indexBlock, file, index.offset)) {
        readBlock(channel, file, data, footerAt, "data");
      }
    }
  }

  private record Handle(long offset, long size) {
    static Handle read(Reader r) throws Damage {
      return new Handle(r.varint64(), r.varint64());
    }
  }

  /** Reads a block and checks its trailer; returns its contents, uncompressed. */
  private static byte[] readBlock(FileChannel channel, Path file, Handle handle, long limit, String kind)
      throws Damage, IOException {
    if (handle.offset < 0 || handle.size < 0 || handle.size > Integer.MAX_VALUE - BLOCK_TRAILER_SIZE
        || handle.offset + handle.size + BLOCK_TRAILER_SIZE > limit) {
      throw new Damage(file, handle.offset, "a " + kind + " block handle (offset " + handle.offset + ", size "
          + handle.size + ") points outside the table's " + limit + " bytes of blocks");
    }
    int size = (int) handle.size;
    byte[] block = read(channel, file, handle.offset, size + BLOCK_TRAILER_SIZE).array();
    CRC32C crc = new CRC32C();
    crc.update(block, 0, size + 1); // contents and the type byte
    int stored = ByteBuffer.wrap(block, size + 1, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt();
    if (mask((int) crc.getValue()) != stored) {
      throw new Damage(file, handle.offset, "the checksum of the " + kind + " block of " + size + " bytes there does not match");
    }
    byte type = block[size];
    return switch (type) {
      case 0 -> java.util.Arrays.copyOf(block, size);
      case 1 -> Snappy.uncompress(block, size, file, handle.offset);
      default -> throw new Damage(file, handle.offset + size, "unknown block compression type " + type);
    };
  }

  /** The block handles stored as the values of a block's entries (index and metaindex blocks). */
  private static List<Handle> blockHandles(byte[] block, Path file, long blockOffset) throws Damage {
    if (block.length < 4) {
      throw new Damage(file, blockOffset, "a block of " + block.length + " bytes has no restart array");
    }
    int restarts = ByteBuffer.wrap(block, block.length - 4, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt();
    long entriesEnd = block.length - 4 - 4L * restarts;
    if (restarts < 0 || entriesEnd < 0) {
      throw new Damage(file, blockOffset, "a block's restart count " + restarts + " does not fit its size");
    }
    Reader r = new Reader(block, 0, (int) entriesEnd, file, blockOffset);
    java.util.ArrayList<Handle> handles = new java.util.ArrayList<>();
    while (r.remaining() > 0) {
      r.varint32(); // bytes shared with the previous key
      int keyDelta = r.varint32();
      int valueLength = r.varint32();
      r.skip(keyDelta);
      Reader value = r.slice(valueLength);
      handles.add(Handle.read(value));
    }
    return handles;
  }

  // ---- logs and manifests ----

  static void verifyLog(Path file, Records records) throws Damage, IOException {
    java.io.ByteArrayOutputStream record = new java.io.ByteArrayOutputStream();
    try (InputStream in = Files.newInputStream(file)) {
      long size = Files.size(file);
      byte[] block = new byte[LOG_BLOCK_SIZE];
      boolean inRecord = false;
      long blockStart = 0;
      while (blockStart < size) {
        int length = in.readNBytes(block, 0, LOG_BLOCK_SIZE);
        boolean lastBlock = blockStart + length >= size;
        int pos = 0;
        while (length - pos >= LOG_HEADER_SIZE) {
          long at = blockStart + pos;
          ByteBuffer header = ByteBuffer.wrap(block, pos, LOG_HEADER_SIZE).order(java.nio.ByteOrder.LITTLE_ENDIAN);
          int stored = header.getInt();
          int payload = header.getShort() & 0xffff;
          int type = block[pos + 6] & 0xff;
          if (type == 0 && payload == 0) {
            break; // preallocated, zero-filled rest of the block: LevelDB skips it
          }
          if (pos + LOG_HEADER_SIZE + payload > length) {
            if (lastBlock) {
              return; // the writer died in this record: LevelDB reads it as the end of the log
            }
            throw new Damage(file, at, "a record of " + payload + " bytes overruns its 32 KiB block");
          }
          CRC32C crc = new CRC32C();
          crc.update(block, pos + 6, 1 + payload); // the type byte and the payload
          if (mask((int) crc.getValue()) != stored) {
            throw new Damage(file, at, "the checksum of the log record of " + payload + " bytes there does not match");
          }
          inRecord = switch (type) {
            case FULL, FIRST -> {
              if (inRecord) {
                throw new Damage(file, at, "a record starts before the previous one ended");
              }
              yield type == FIRST;
            }
            case MIDDLE, LAST -> {
              if (!inRecord) {
                throw new Damage(file, at, "a record continues one that never started");
              }
              yield type == MIDDLE;
            }
            default -> throw new Damage(file, at, "unknown log record type " + type);
          };
          record.write(block, pos + LOG_HEADER_SIZE, payload);
          if (!inRecord) {
            records.accept(record.toByteArray());
            record.reset();
          }
          pos += LOG_HEADER_SIZE + payload;
        }
        blockStart += length;
      }
    }
  }

  // ---- helpers ----

  /** LevelDB's masked CRC: a CRC of data that holds CRCs is not itself a plain CRC. */
  static int mask(int crc) {
    return ((crc >>> 15) | (crc << 17)) + MASK_DELTA;
  }

  private static ByteBuffer read(FileChannel channel, Path file, long offset, int length) throws IOException, Damage {
    ByteBuffer buffer = ByteBuffer.allocate(length);
    while (buffer.hasRemaining()) {
      if (channel.read(buffer, offset + buffer.position()) < 0) {
        throw new Damage(file, offset + buffer.position(), "the file ends inside a block");
      }
    }
    return buffer;
  }

  /** Varints and slices over a byte range, reporting damage at file offsets. */
  private static final class Reader {
    private final byte[] bytes;
    private int pos;
    private final int end;
    private final Path file;
    private final long fileOffset;

    Reader(byte[] bytes, int from, int end, Path file, long fileOffset) {
      this.bytes = bytes;
      this.pos = from;
      this.end = end;
      this.file = file;
      this.fileOffset = fileOffset;
    }

    int remaining() {
      return end - pos;
    }

    long varint64() throws Damage {
      long value = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        if (pos >= end) {
          throw damage("a number runs past its block");
        }
        byte b = bytes[pos++];
        value |= (long) (b & 0x7f) << shift;
        if (b >= 0) {
          return value;
        }
      }
      throw damage("a number is longer than 10 bytes");
    }

    int varint32() throws Damage {
      long value = varint64();
      if (value < 0 || value > Integer.MAX_VALUE) {
        throw damage("a length of " + value + " is out of range");
      }
      return (int) value;
    }

    void skip(int n) throws Damage {
      if (n > remaining()) {
        throw damage("an entry of " + n + " bytes runs past its block");
      }
      pos += n;
    }

    Reader slice(int n) throws Damage {
      int from = pos;
      skip(n);
      return new Reader(bytes, from, from + n, file, fileOffset);
    }

    private Damage damage(String problem) {
      return new Damage(file, fileOffset, problem);
    }
  }

  /** Snappy's block format, uncompress only: LevelDB compresses table blocks with it by default. */
  static final class Snappy {
    private Snappy() {}

    static byte[] uncompress(byte[] in, int length, Path file, long offset) throws Damage {
      Reader r = new Reader(in, 0, length, file, offset);
      int size = r.varint32();
      byte[] out = new byte[size];
      int o = 0;
      int i = length - r.remaining();
      while (i < length) {
        int tag = in[i++] & 0xff;
        int n;
        int back;
        switch (tag & 3) {
          case 0 -> {
            n = tag >>> 2;
            if (n >= 60) {
              int bytes = n - 59;
              if (i + bytes > length) {
                throw bad(file, offset);
              }
              n = 0;
              for (int k = 0; k < bytes; k++) {
                n |= (in[i++] & 0xff) << (8 * k);
              }
            }
            n += 1;
            if (n <= 0 || i + n > length || o + n > size) {
              throw bad(file, offset);
            }
            System.arraycopy(in, i, out, o, n);
            i += n;
            o += n;
            continue;
          }
          case 1 -> {
            if (i >= length) {
              throw bad(file, offset);
            }
            n = 4 + ((tag >>> 2) & 7);
            back = ((tag & 0xe0) << 3) | (in[i++] & 0xff);
          }
          case 2 -> {
            if (i + 2 > length) {
              throw bad(file, offset);
            }
            n = 1 + (tag >>> 2);
            back = (in[i] & 0xff) | (in[i + 1] & 0xff) << 8;
            i += 2;
          }
          default -> {
            if (i + 4 > length) {
              throw bad(file, offset);
            }
            n = 1 + (tag >>> 2);
            back = (in[i] & 0xff) | (in[i + 1] & 0xff) << 8 | (in[i + 2] & 0xff) << 16 | (in[i + 3] & 0xff) << 24;
            i += 4;
          }
        }
        if (back <= 0 || back > o || o + n > size) {
          throw bad(file, offset);
        }
        for (int k = 0; k < n; k++) { // byte by byte: a copy may overlap what it writes
          out[o] = out[o - back];
          o++;
        }
      }
      if (o != size) {
        throw bad(file, offset);
      }
      return out;
    }

    private static Damage bad(Path file, long offset) {
      return new Damage(file, offset, "a compressed block does not uncompress (its checksum matched, so it was written wrong)");
    }
  }
}
