package io.atoll.benchmarks;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import com.typesafe.config.ConfigFactory;
import io.atoll.runtime.logging.JobLogs;
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
 * What the job id in the MDC costs per message: the JobMaster and every task group run wrapped in
 * {@link JobLogs#around} (Akka's {@code Behaviors.withMdc}, which sets the MDC before each message
 * and clears it after). A batch of messages is told to an actor that only counts them, then a query
 * queued behind them returns; the score is messages per second, {@code plain} against
 * {@code jobMdc}. The counting actor does next to nothing, so this is the wrapper's cost at its most
 * visible; a task group's real messages (row batches, checkpoint barriers) do far more work each.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
@State(Scope.Benchmark)
public class JobMdcBenchmark {
  private static final int BATCH = 10_000;

  /** A counter: {@code Tick} adds one, {@code Count} answers the total. */
  sealed interface Command {}

  record Tick() implements Command {}

  record Count(ActorRef<Long> replyTo) implements Command {}

  private static final Tick TICK = new Tick();

  @Param({"plain", "jobMdc"})
  String wrapping;

  private ActorTestKit testKit;
  private ActorRef<Command> counter;
  private TestProbe<Long> probe;

  @Setup(Level.Trial)
  public void setUp() {
    testKit = ActorTestKit.create("mdc-benchmark", ConfigFactory.parseString("akka.loglevel = WARNING"));
    Behavior<Command> counting = counter(0);
    counter = testKit.spawn(wrapping.equals("jobMdc") ? JobLogs.around(1796189869241L, Command.class, counting) : counting, "counter");
    probe = testKit.createTestProbe();
  }

  private static Behavior<Command> counter(long start) {
    long[] count = {start};
    return Behaviors.receive(Command.class)
        .onMessage(Tick.class, t -> {
          count[0]++;
          return Behaviors.same();
        })
        .onMessage(Count.class, c -> {
          c.replyTo().tell(count[0]);
          return Behaviors.same();
        })
        .build();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    testKit.shutdownTestKit();
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public long messages() {
    for (int i = 0; i < BATCH; i++) {
      counter.tell(TICK);
    }
    counter.tell(new Count(probe.ref()));
    return probe.receiveMessage(Duration.ofSeconds(30));
  }
}
