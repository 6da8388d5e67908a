package io.atoll.benchmarks;

import com.sun.net.httpserver.HttpServer;
import com.typesafe.config.ConfigFactory;
import io.atoll.protocol.event.EventType;
import io.atoll.protocol.event.JobEvent;
import io.atoll.runtime.event.Events;
import io.atoll.runtime.node.AtollNode;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.Semaphore;
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
 * Events per second end to end on an embedded hybrid node: {@code Events.publish} → EventForwarder
 * → reliable delivery → EventProcessor (LevelDB journal) → POST to a local HTTP receiver → deleted.
 * One operation is one event; an invocation publishes 10,000 and waits until the receiver has them
 * all. {@code batchSize} is {@code atoll.event-report-http.batch-size} (events per POST).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgs = {"-Xmx512m"})
@State(Scope.Benchmark)
public class EventReportBenchmark {
  private static final int EVENTS = 10_000;

  @Param({"50", "500", "5000"})
  public int batchSize;

  private HttpServer receiver;
  private AtollNode node;
  private Events events;
  private final Semaphore received = new Semaphore(0);

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    receiver.createContext("/events", exchange -> {
      String body;
      try (InputStream in = exchange.getRequestBody()) {
        body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      int count = 0;
      for (int at = body.indexOf("\"eventId\""); at >= 0; at = body.indexOf("\"eventId\"", at + 9)) {
        count++;
      }
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
      received.release(count);
    });
    receiver.start();
    node = AtollNode.start(ConfigFactory.parseMap(Map.of(
        "atoll.data-dir", Files.createTempDirectory("atoll-event-bench").toString(),
        "atoll.http.enabled", false,
        "atoll.events.buffer-size", 2 * EVENTS,
        "atoll.event-report-http.url", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/events",
        "atoll.event-report-http.batch-size", batchSize,
        "atoll.event-report-http.batch-interval", "20ms",
        "akka.loglevel", "WARNING",
        "akka.remote.artery.canonical.port", 0)));
    node.ready().toCompletableFuture().get(60, TimeUnit.SECONDS);
    events = Events.get(node.system());
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    System.out.println("\n" + events.counters());
    node.stop().toCompletableFuture().get(30, TimeUnit.SECONDS);
    receiver.stop(0);
  }

  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public boolean endToEnd() throws InterruptedException {
    for (int i = 0; i < EVENTS; i++) {
      events.publish(JobEvent.pipeline(EventType.PIPELINE_RUNNING, i, 1, null)).orElseThrow();
    }
    if (!received.tryAcquire(EVENTS, 60, TimeUnit.SECONDS)) {
      throw new IllegalStateException("events did not arrive within 60 s: " + events.counters());
    }
    return true;
  }
}
