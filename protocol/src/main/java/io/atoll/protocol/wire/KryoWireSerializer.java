package io.atoll.protocol.wire;

import akka.actor.ExtendedActorSystem;
import akka.actor.typed.ActorRefResolver;
import akka.actor.typed.javadsl.Adapter;
import akka.serialization.JSerializer;
import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.util.Pool;

/**
 * Akka serializer for every {@link io.atoll.protocol.WireMessage}: Kryo 5 with registration required
 * and the ids of {@link WireRegistry}. Kryo instances and buffers are not thread-safe, so both come
 * from pools. No manifest is needed: Kryo writes the registered class id first.
 */
public final class KryoWireSerializer extends JSerializer {
  /** Akka serializer id; must stay stable, it is stored with every journal event. */
  public static final int IDENTIFIER = 4_201;

  private static final int INITIAL_BUFFER = 256;
  private static final int MAX_BUFFER = 16 * 1024 * 1024;

  private final Pool<Kryo> kryos;
  private final Pool<Output> outputs;

  public KryoWireSerializer(ExtendedActorSystem system) {
    Lazy<ActorRefResolver> resolver = new Lazy<>(() -> ActorRefResolver.get(Adapter.toTyped(system)));
    int pooled = Math.max(4, Runtime.getRuntime().availableProcessors() * 2);
    this.kryos =
        new Pool<>(true, false, pooled) {
          @Override
          protected Kryo create() {
            return WireRegistry.newKryo(resolver);
          }
        };
    this.outputs =
        new Pool<>(true, false, pooled) {
          @Override
          protected Output create() {
            return new Output(INITIAL_BUFFER, MAX_BUFFER);
          }
        };
    // The first Kryo (every wire class registered, ~50 ms on a cold JVM) is made beside the node's
    // start rather than on the path of its first message: a job's submission, a first heartbeat.
    java.util.concurrent.CompletableFuture.runAsync(() -> kryos.free(kryos.obtain()));
  }

  @Override
  public int identifier() {
    return IDENTIFIER;
  }

  @Override
  public boolean includeManifest() {
    return false;
  }

  @Override
  public byte[] toBinary(Object o) {
    Kryo kryo = kryos.obtain();
    Output output = outputs.obtain();
    try {
      output.reset();
      kryo.writeClassAndObject(output, o);
      return output.toBytes();
    } finally {
      outputs.free(output);
      kryos.free(kryo);
    }
  }

  @Override
  public Object fromBinaryJava(byte[] bytes, Class<?> manifest) {
    Kryo kryo = kryos.obtain();
    try {
      return kryo.readClassAndObject(new Input(bytes));
    } finally {
      kryos.free(kryo);
    }
  }

  /** A thread-safe, compute-once supplier. */
  private static final class Lazy<T> implements java.util.function.Supplier<T> {
    private final java.util.function.Supplier<T> compute;
    private volatile T value;

    Lazy(java.util.function.Supplier<T> compute) {
      this.compute = compute;
    }

    @Override
    public T get() {
      T v = value;
      if (v == null) {
        synchronized (this) {
          v = value;
          if (v == null) {
            v = compute.get();
            value = v;
          }
        }
      }
      return v;
    }
  }
}
