package io.atoll.runtime.config;

import akka.serialization.JSerializer;

/**
 * Stands in for the cluster modules' serializers on a node without a cluster
 * ({@link LocalSerialization}): created for nothing, and never used, as no binding names it.
 * All instances are equal, so Akka takes the several names it stands for as one serializer.
 */
public final class UnusedSerializer extends JSerializer {
  /** Outside Akka's reserved 0-40 and Atoll's Kryo serializer's id. */
  static final int IDENTIFIER = 0x41746f6c;

  @Override
  public int identifier() {
    return IDENTIFIER;
  }

  @Override
  public boolean includeManifest() {
    return false;
  }

  @Override
  public byte[] toBinary(Object message) {
    throw new IllegalStateException("a node without a cluster does not serialize cluster messages, got "
        + message.getClass().getName());
  }

  @Override
  public Object fromBinaryJava(byte[] bytes, Class<?> manifest) {
    throw new IllegalStateException("a node without a cluster does not deserialize cluster messages");
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof UnusedSerializer;
  }

  @Override
  public int hashCode() {
    return IDENTIFIER;
  }
}
