package io.atoll.benchmarks;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.actor.typed.javadsl.Behaviors;
import com.typesafe.config.ConfigFactory;
import io.atoll.persistence.PersistenceConfig;
import io.atoll.protocol.execution.JobMasterProtocol;
import io.atoll.protocol.job.JobCoordinatorProtocol;
import io.atoll.runtime.config.JobSettings;
import io.atoll.runtime.config.CoordinatorSettings;
import io.atoll.runtime.master.job.JobCoordinator;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Journal appends per second on LevelDB JNI, as the JobCoordinator makes them: 200 submissions
 * sent at once, each acknowledged only after its event is written (Akka batches concurrent writes).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgs = {"-Xmx1g"})
@State(Scope.Benchmark)
public class CoordinatorAppendBenchmark {
  static final CoordinatorSettings COORDINATOR = new CoordinatorSettings(Duration.ofSeconds(1),
      Duration.ofMinutes(3), 10, Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofSeconds(60), 3);
  private ActorTestKit testKit;
  private ActorRef<JobCoordinatorProtocol> coordinator;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    Path dir = Files.createTempDirectory("atoll-append-bench");
    testKit = ActorTestKit.create("append-bench", PersistenceConfig.forDataDir(dir)
        .withFallback(ConfigFactory.parseString("akka.loglevel = WARNING")));
    ActorRef<JobMasterProtocol> jobMasters = testKit.spawn(Behaviors.ignore(), "job-masters");
    JobSettings settings = new JobSettings(JobSettings.ScheduleStrategy.WAIT, Duration.ofDays(1), Duration.ofSeconds(1),
        Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofSeconds(10), 100, Duration.ofSeconds(10),
        Duration.ofSeconds(60));
    coordinator = testKit.spawn(JobCoordinator.create(settings, COORDINATOR, jobId -> jobMasters,
        testKit.spawn(CoordinatorJournalBenchmark.unknownCapacity())));
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    testKit.shutdownTestKit();
  }

  @Benchmark
  @OperationsPerInvocation(200)
  public int journalledSubmissions() {
    TestProbe<JobCoordinatorProtocol.SubmitReply> replies = testKit.createTestProbe();
    for (int i = 0; i < 200; i++) {
      coordinator.tell(new JobCoordinatorProtocol.SubmitJob(CoordinatorJournalBenchmark.JOB, 0, replies.ref()));
    }
    return replies.receiveSeveralMessages(200, Duration.ofSeconds(60)).size();
  }
}
