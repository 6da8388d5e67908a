package io.atoll.protocol.resource;

import io.atoll.protocol.WireMessage;

/** A job's identity: a positive number, as in SeaTunnel's REST API. */
public record JobId(long value) implements WireMessage {
  public JobId {
    if (value <= 0) {
      throw new IllegalArgumentException("job id must be positive, got " + value);
    }
  }

  public static JobId of(long value) {
    return new JobId(value);
  }

  @Override
  public String toString() {
    return Long.toString(value);
  }
}
