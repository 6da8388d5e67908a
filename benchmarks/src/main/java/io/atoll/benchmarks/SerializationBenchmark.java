package io.atoll.benchmarks;

import akka.actor.ExtendedActorSystem;
import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.typed.ActorRef;
import akka.actor.typed.javadsl.Adapter;
import akka.actor.typed.javadsl.Behaviors;
import akka.serialization.JavaSerializer;
import com.typesafe.config.ConfigFactory;
import io.atoll.protocol.resource.ResourceManagerProtocol;
import io.atoll.protocol.resource.SlotServiceProtocol;
import io.atoll.protocol.wire.KryoWireSerializer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Kryo (Atoll's wire format) against Java serialization for one worker heartbeat carrying 16 slots:
 * time to serialize, to read back, and both. The size on the wire of each is printed once at setup
 * ("heartbeat with 16 slots: kryo N bytes, java M bytes").
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class SerializationBenchmark {

  @Param({"16"})
  int slots;

  private ActorTestKit testKit;
  private KryoWireSerializer kryo;
  private JavaSerializer java;
  private ResourceManagerProtocol.Heartbeat heartbeat;
  private byte[] kryoBytes;
  private byte[] javaBytes;

  @Setup(Level.Trial)
  public void setUp() {
    testKit = ActorTestKit.create("serialization-benchmark",
        ConfigFactory.parseString("akka.actor.allow-java-serialization = on\nakka.loglevel = WARNING"));
    ActorRef<SlotServiceProtocol> slotService = testKit.spawn(Behaviors.ignore(), "slot-service");
    ExtendedActorSystem classic = (ExtendedActorSystem) Adapter.toClassic(testKit.system());
    kryo = new KryoWireSerializer(classic);
    java = new JavaSerializer(classic);
    heartbeat = Heartbeats.of("akka://atoll@10.0.0.17:25521", 42, slots, slotService);
    kryoBytes = kryo.toBinary(heartbeat);
    javaBytes = java.toBinary(heartbeat);
    if (!heartbeat.equals(kryo.fromBinary(kryoBytes)) || !heartbeat.equals(java.fromBinary(javaBytes))) {
      throw new IllegalStateException("a serializer does not round-trip the heartbeat");
    }
    System.out.printf("%nheartbeat with %d slots: kryo %d bytes, java %d bytes (%.1fx)%n",
        slots, kryoBytes.length, javaBytes.length, (double) javaBytes.length / kryoBytes.length);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    testKit.shutdownTestKit();
  }

  @Benchmark
  public byte[] kryoSerialize() {
    return kryo.toBinary(heartbeat);
  }

  @Benchmark
  public byte[] javaSerialize() {
    return java.toBinary(heartbeat);
  }

  @Benchmark
  public Object kryoRoundTrip() {
    return kryo.fromBinary(kryo.toBinary(heartbeat));
  }

  @Benchmark
  public Object javaRoundTrip() {
    return java.fromBinary(java.toBinary(heartbeat));
  }

  @Benchmark
  public Object kryoDeserialize() {
    return kryo.fromBinary(kryoBytes);
  }

  @Benchmark
  public Object javaDeserialize() {
    return java.fromBinary(javaBytes);
  }
}
