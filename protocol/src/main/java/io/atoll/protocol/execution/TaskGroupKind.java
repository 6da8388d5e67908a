package io.atoll.protocol.execution;

import io.atoll.protocol.WireMessage;

/** A pipeline runs one ENUMERATOR task group and {@code parallelism} READER task groups. */
public enum TaskGroupKind implements WireMessage {
  /** The source's split enumerator. */
  ENUMERATOR,
  /** Source reader → transforms → sink writers, fused in one thread. */
  READER
}
