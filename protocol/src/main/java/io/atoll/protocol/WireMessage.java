package io.atoll.protocol;

/**
 * Marker for every message that may cross the network or enter the journal. Akka binds this
 * interface to {@link io.atoll.protocol.wire.KryoWireSerializer} (see this module's
 * {@code reference.conf}); Java serialization is switched off for the whole system.
 *
 * <p>It extends {@link java.io.Serializable} only so that the JMH benchmark can compare Kryo with
 * plain Java serialization of the same messages. Akka never uses Java serialization for them: the
 * binding to this, more specific, interface wins and {@code allow-java-serialization} is off.
 *
 * <p>Every implementing class, and every class a message carries, must be registered with a stable
 * id in {@link io.atoll.protocol.wire.WireRegistry}.
 */
public interface WireMessage extends java.io.Serializable {}
