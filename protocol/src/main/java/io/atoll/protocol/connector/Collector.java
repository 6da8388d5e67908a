package io.atoll.protocol.connector;

import io.atoll.protocol.data.Row;

/** Receives rows from a reader or a transform. */
@FunctionalInterface
public interface Collector {
  void collect(Row row);
}
