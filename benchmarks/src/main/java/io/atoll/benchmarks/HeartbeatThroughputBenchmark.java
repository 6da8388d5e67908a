package io.atoll.benchmarks;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.actor.typed.javadsl.Behaviors;
import com.typesafe.config.ConfigFactory;
import io.atoll.protocol.resource.ClusterResources;
import io.atoll.protocol.resource.ResourceManagerProtocol;
import io.atoll.protocol.resource.SlotServiceProtocol;
import io.atoll.runtime.config.ResourceManagerSettings;
import io.atoll.runtime.master.resource.ResourceManager;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How many heartbeats per second one ResourceManager absorbs in-process: a batch of heartbeats from
 * {@code workers} simulated workers (16 slots each) is told to the actor, then a query that queues
 * behind them returns; the score is heartbeats per second. Each heartbeat restarts that worker's
 * timeout timer and replaces its profile, as in a real cluster. Messages stay in-process (no
 * serialization): this is the actor's own ceiling, not the network's.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
@State(Scope.Benchmark)
public class HeartbeatThroughputBenchmark {
  private static final int BATCH = 10_000;

  @Param({"10", "1000"})
  int workers;

  private ActorTestKit testKit;
  private ActorRef<ResourceManagerProtocol> resourceManager;
  private ResourceManagerProtocol.Heartbeat[] heartbeats;
  private TestProbe<ClusterResources> probe;

  @Setup(Level.Trial)
  public void setUp() {
    testKit = ActorTestKit.create("heartbeat-benchmark", ConfigFactory.parseString("akka.loglevel = WARNING"));
    ActorRef<SlotServiceProtocol> slotService = testKit.spawn(Behaviors.ignore(), "slot-service");
    resourceManager = testKit.spawn(ResourceManager.create(
        new ResourceManagerSettings(Duration.ofMinutes(5), Duration.ofSeconds(5)),
        notice -> {}, false), "resource-manager");
    probe = testKit.createTestProbe();
    heartbeats = new ResourceManagerProtocol.Heartbeat[workers];
    for (int i = 0; i < workers; i++) {
      heartbeats[i] = Heartbeats.of("akka://atoll@10.0." + (i / 250) + "." + (i % 250) + ":25521", 1, 16, slotService);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    testKit.shutdownTestKit();
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public int absorbHeartbeats() {
    for (int i = 0; i < BATCH; i++) {
      resourceManager.tell(heartbeats[i % workers]);
    }
    resourceManager.tell(new ResourceManagerProtocol.GetClusterResources(probe.ref()));
    ClusterResources seen = probe.receiveMessage(Duration.ofSeconds(30));
    if (seen.workers().size() != workers) {
      throw new IllegalStateException("expected " + workers + " workers, saw " + seen.workers().size());
    }
    return seen.workers().size();
  }
}
