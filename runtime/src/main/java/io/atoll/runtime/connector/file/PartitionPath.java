package io.atoll.runtime.connector.file;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The partition columns a file's path carries, as SeaTunnel 2.3.4 reads them: every directory of
 * the path named {@code key=value} gives column {@code key} the string {@code value}, outermost
 * first ({@code /data/name=a/hobby=b/part.txt} gives name = a, hobby = b). Only directories count,
 * not the file's own name. The LocalFile sink's {@code partition_by} writes such directories.
 */
final class PartitionPath {
  private PartitionPath() {}

  static Map<String, String> of(Path file) {
    Map<String, String> partitions = new LinkedHashMap<>();
    Path dir = file.toAbsolutePath().getParent();
    if (dir == null) {
      return partitions;
    }
    for (Path part : dir) {
      String name = part.toString();
      int at = name.indexOf('=');
      if (at >= 0) {
        partitions.put(name.substring(0, at), name.substring(at + 1));
      }
    }
    return partitions;
  }
}
