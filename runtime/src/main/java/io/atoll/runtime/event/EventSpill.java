package io.atoll.runtime.event;

import akka.actor.typed.ActorSystem;
import akka.serialization.Serialization;
import akka.serialization.SerializationExtension;
import akka.serialization.Serializer;
import akka.serialization.Serializers;
import io.atoll.protocol.event.JobEvent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The overflow of a node's {@link EventBuffer} on disk: one append-only file,
 * {@code <data-dir>/events-spill/events.spill}, of at most {@code atoll.events.spill-max-bytes}.
 * Each record is {@code int length, int crc32, payload}, the payload being the event as the
 * ActorSystem serializes it (serializer id, manifest, bytes). Events are read back oldest first;
 * once all are read the file is truncated to zero, so disk use stays bounded by the setting.
 *
 * <p>Each append is one {@code write} of the whole record to the OS (no user-space buffer, no
 * fsync): a record survives a killed process, not a power loss. A failed write is cut off again. A
 * file left by a previous run of the node is scanned at start and its events replayed; a partial
 * record at its end (a crash while writing) is cut off and counted as one shed event, and a record
 * whose checksum or payload is wrong is skipped and counted as shed when read. Receivers may see
 * replayed events twice (the file keeps what was read until it drains); they deduplicate by id.
 *
 * <p>Not thread-safe: {@link EventBuffer} calls it under its lock.
 */
final class EventSpill implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EventSpill.class);
  static final String FILE = "events.spill";
  private static final int HEADER = 8;

  /** How events become bytes and back; {@link #akka} in a node. */
  interface Codec {
    byte[] encode(JobEvent event) throws IOException;

    JobEvent decode(byte[] bytes) throws IOException;
  }

  private final Path file;
  private final long maxBytes;
  private final Codec codec;
  private final EventCounters counters;
  private RandomAccessFile out;
  private long readPos;
  private long writePos;
  private boolean warnedWrite;
  private boolean closed;

  /**
   * Opens the spill in {@code dir}, replaying what a previous run left there (whatever
   * {@code maxBytes} is now).
   */
  EventSpill(Path dir, long maxBytes, Codec codec, EventCounters counters) {
    this.file = dir.resolve(FILE);
    this.maxBytes = maxBytes;
    this.codec = codec;
    this.counters = counters;
    if (Files.isRegularFile(file)) {
      recover();
    }
  }

  /** Serializes events with the system's serializer for them (Kryo for {@link JobEvent}). */
  static Codec akka(ActorSystem<?> system) {
    Serialization serialization = SerializationExtension.get(system.classicSystem());
    return new Codec() {
      @Override
      public byte[] encode(JobEvent event) throws IOException {
        Serializer serializer = serialization.findSerializerFor(event);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        DataOutputStream data = new DataOutputStream(bytes);
        data.writeInt(serializer.identifier());
        data.writeUTF(Serializers.manifestFor(serializer, event));
        data.write(serializer.toBinary(event));
        return bytes.toByteArray();
      }

      @Override
      public JobEvent decode(byte[] bytes) throws IOException {
        DataInputStream data = new DataInputStream(new ByteArrayInputStream(bytes));
        int serializerId = data.readInt();
        String manifest = data.readUTF();
        byte[] payload = data.readAllBytes();
        try {
          return (JobEvent) serialization.deserialize(payload, serializerId, manifest).get();
        } catch (RuntimeException e) {
          throw new IOException("cannot deserialize a spilled event: " + e, e);
        }
      }
    };
  }

  /** Events written and not yet read. */
  long size() {
    return counters.inSpill.get();
  }

  boolean isEmpty() {
    return readPos == writePos;
  }

  /** Appends the event, or answers false (and logs why once) if it does not fit or cannot be written. */
  boolean append(JobEvent event) {
    if (closed) {
      return false;
    }
    byte[] record;
    try {
      record = record(codec.encode(event));
    } catch (IOException | RuntimeException e) {
      warnWrite("cannot serialize event " + event.eventId() + " for the spill: " + e);
      return false;
    }
    if (writePos + record.length > maxBytes) {
      return false;
    }
    try {
      if (out == null) {
        Files.createDirectories(file.getParent());
        out = new RandomAccessFile(file.toFile(), "rw");
        out.setLength(writePos);
      }
      out.seek(writePos);
      out.write(record);
    } catch (IOException e) {
      warnWrite("cannot write to the event spill " + file + ": " + e);
      cutAt(writePos);
      return false;
    }
    writePos += record.length;
    counters.inSpill.incrementAndGet();
    counters.spilled.increment();
    return true;
  }

  /** Reads up to {@code max} events, oldest first; truncates the file once it is drained. */
  List<JobEvent> read(int max) {
    List<JobEvent> events = new ArrayList<>(Math.min(max, 1024));
    try {
      while (events.size() < max && readPos < writePos) {
        out.seek(readPos);
        int length = out.readInt();
        int crc = out.readInt();
        if (length < 0 || readPos + HEADER + length > writePos) {
          LOG.error("event spill {}: a record length of {} at byte {} does not fit the file", file, length, readPos);
          readPos = writePos;
          break;
        }
        byte[] payload = new byte[length];
        out.readFully(payload);
        long at = readPos;
        readPos += HEADER + length;
        counters.inSpill.decrementAndGet();
        if (crc != crc(payload)) {
          corrupt("the record at byte " + at + " fails its checksum");
          continue;
        }
        try {
          events.add(codec.decode(payload));
        } catch (IOException | RuntimeException e) {
          corrupt("the record at byte " + at + " cannot be read: " + e);
        }
      }
    } catch (IOException e) {
      LOG.error("event spill {}: reading failed at byte {}: {}", file, readPos, e.toString());
      readPos = writePos;
    }
    if (readPos >= writePos) {
      long lost = counters.inSpill.getAndSet(0);
      if (lost > 0) {
        counters.shed.add(lost);
        LOG.error("event spill {}: the {} event(s) from there on are lost (counted as shed)", file, lost);
      }
      cutAt(0);
      readPos = 0;
      writePos = 0;
    }
    return events;
  }

  /** Keeps the file (events still in it are delivered at the next start); removes an empty one. */
  @Override
  public void close() {
    closed = true;
    if (out == null) {
      return;
    }
    try {
      out.close();
      if (isEmpty()) {
        Files.deleteIfExists(file);
      } else {
        LOG.info("event spill {} keeps {} undelivered event(s) for the next start of this node", file, size());
      }
    } catch (IOException e) {
      LOG.warn("closing the event spill {} failed: {}", file, e.toString());
    }
    out = null;
  }

  /** Scans a file left by a previous run: counts its records and cuts off a partial last one. */
  private void recover() {
    try {
      out = new RandomAccessFile(file.toFile(), "rw");
      long length = out.length();
      long pos = 0;
      long records = 0;
      while (pos + HEADER <= length) {
        out.seek(pos);
        int size = out.readInt();
        if (size < 0 || pos + HEADER + size > length) {
          break;
        }
        pos += HEADER + size;
        records++;
      }
      if (pos < length) {
        counters.shed.increment();
        LOG.warn("event spill {} ends with a partial record ({} bytes at byte {}: the node stopped while writing it); "
            + "cut off and counted as 1 shed event", file, length - pos, pos);
        out.setLength(pos);
      }
      writePos = pos;
      counters.inSpill.set(records);
      counters.buffered.add(records);
      if (records > 0) {
        LOG.info("event spill {}: replaying {} event(s) left by a previous run of this node", file, records);
      }
    } catch (IOException e) {
      LOG.error("cannot read the event spill {} left by a previous run; its events are not replayed and it "
          + "will be overwritten: {}", file, e.toString());
      cutAt(0);
      writePos = 0;
    }
  }

  private void corrupt(String what) {
    counters.shed.increment();
    LOG.error("event spill {}: {}; 1 event counted as shed", file, what);
  }

  private void cutAt(long length) {
    if (out == null) {
      return;
    }
    try {
      out.setLength(length);
    } catch (IOException e) {
      LOG.warn("cannot truncate the event spill {} to {} bytes: {}", file, length, e.toString());
    }
  }

  private void warnWrite(String message) {
    if (!warnedWrite) {
      warnedWrite = true;
      LOG.error("{}; such events are shed (counted), this is logged once", message);
    }
  }

  private static byte[] record(byte[] payload) {
    byte[] record = new byte[HEADER + payload.length];
    java.nio.ByteBuffer.wrap(record).putInt(payload.length).putInt(crc(payload)).put(payload);
    return record;
  }

  private static int crc(byte[] payload) {
    CRC32 crc = new CRC32();
    crc.update(payload);
    return (int) crc.getValue();
  }
}
