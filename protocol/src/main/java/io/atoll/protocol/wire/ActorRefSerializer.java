package io.atoll.protocol.wire;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorRefResolver;
import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.util.function.Supplier;

/**
 * Writes a typed actor ref as its serialization format (a path with the node's address) and reads it
 * back with {@link ActorRefResolver}, so a ref sent to another node points back at this one.
 */
final class ActorRefSerializer extends Serializer<ActorRef<?>> {
  private final Supplier<ActorRefResolver> resolver;

  ActorRefSerializer(Supplier<ActorRefResolver> resolver) {
    super(false, true);
    this.resolver = resolver;
  }

  /** The class of every typed actor ref in Akka 2.6 ({@code ActorRefAdapter}). */
  static Class<?> actorRefClass() {
    try {
      return Class.forName("akka.actor.typed.internal.adapter.ActorRefAdapter");
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("Akka's typed ActorRefAdapter is not on the classpath", e);
    }
  }

  @Override
  public void write(Kryo kryo, Output output, ActorRef<?> ref) {
    output.writeString(resolver.get().toSerializationFormat(ref));
  }

  @Override
  public ActorRef<?> read(Kryo kryo, Input input, Class<? extends ActorRef<?>> type) {
    return resolver.get().resolveActorRef(input.readString());
  }
}
