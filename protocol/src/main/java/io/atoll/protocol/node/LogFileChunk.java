package io.atoll.protocol.node;

import io.atoll.protocol.WireMessage;

/** A node's answer to a read of one of its log files. */
public sealed interface LogFileChunk extends WireMessage {
  String node();

  String name();

  /**
   * Text of the file from {@code offset}; the next read starts at {@code nextOffset} (a multi-byte
   * character cut by the read's end is left for the next one).
   *
   * @param end nothing follows {@code nextOffset}
   */
  record Text(String node, String name, long offset, String text, long nextOffset, boolean end) implements LogFileChunk {}

  /**
   * Not read.
   *
   * @param missing the name is acceptable but no such file is there (else the name itself was refused)
   */
  record Refused(String node, String name, String reason, boolean missing) implements LogFileChunk {}
}
