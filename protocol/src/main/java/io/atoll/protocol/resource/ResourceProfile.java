package io.atoll.protocol.resource;

import io.atoll.protocol.WireMessage;

/**
 * Resources of a worker or a slot: CPU in thousandths of a core, heap in bytes.
 */
public record ResourceProfile(long cpuMillis, long heapBytes) implements WireMessage {
  public static final ResourceProfile ZERO = new ResourceProfile(0, 0);

  public ResourceProfile {
    if (cpuMillis < 0 || heapBytes < 0) {
      throw new IllegalArgumentException(
          "resources cannot be negative: cpuMillis=" + cpuMillis + ", heapBytes=" + heapBytes);
    }
  }

  public ResourceProfile plus(ResourceProfile other) {
    return new ResourceProfile(cpuMillis + other.cpuMillis, heapBytes + other.heapBytes);
  }

  public ResourceProfile minus(ResourceProfile other) {
    return new ResourceProfile(
        Math.max(0, cpuMillis - other.cpuMillis), Math.max(0, heapBytes - other.heapBytes));
  }

  public ResourceProfile times(int n) {
    return new ResourceProfile(cpuMillis * n, heapBytes * n);
  }
}
