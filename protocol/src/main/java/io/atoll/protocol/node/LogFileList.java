package io.atoll.protocol.node;

import io.atoll.protocol.WireMessage;
import java.util.List;

/**
 * A node's log files, by name.
 *
 * @param node the node's cluster address
 * @param directory the log directory, or empty when the node writes no log files (console only)
 */
public record LogFileList(String node, String directory, List<File> files) implements WireMessage {
  /** @param lastModified epoch milliseconds */
  public record File(String name, long size, long lastModified) implements WireMessage {}
}
