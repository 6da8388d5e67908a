package io.atoll.protocol.connector;

import io.atoll.protocol.data.Row;
import io.atoll.protocol.data.RowType;

/** Turns each row into zero or more rows, possibly of a different schema. */
public interface Transform extends AutoCloseable {
  RowType producedType();

  default void open() throws Exception {}

  void process(Row row, Collector out) throws Exception;

  @Override
  default void close() throws Exception {}
}
