package io.atoll.benchmarks;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.actor.typed.javadsl.Behaviors;
import com.typesafe.config.ConfigFactory;
import io.atoll.persistence.PersistenceConfig;
import io.atoll.protocol.connector.PluginKind;
import io.atoll.protocol.execution.JobMasterProtocol;
import io.atoll.protocol.job.JobCoordinatorProtocol;
import io.atoll.protocol.job.JobDefinition;
import io.atoll.protocol.job.JobMetrics;
import io.atoll.protocol.job.JobMode;
import io.atoll.protocol.job.JobStatus;
import io.atoll.protocol.job.OptionValue;
import io.atoll.protocol.job.PluginDefinition;
import io.atoll.runtime.config.JobSettings;
import io.atoll.runtime.config.CoordinatorSettings;
import akka.actor.typed.Behavior;
import io.atoll.protocol.resource.ResourceManagerProtocol;
import io.atoll.protocol.resource.SlotCapacity;
import io.atoll.runtime.master.job.JobCoordinator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
 * The JobCoordinator on the LevelDB JNI journal: how long it takes to recover holding 1,000 ended
 * jobs (about 3,000 events), with snapshots every 100 events or practically never. Journal write
 * throughput is {@link CoordinatorAppendBenchmark}.
 */
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgs = {"-Xmx1g"})
@State(Scope.Benchmark)
public class CoordinatorJournalBenchmark {
  static final CoordinatorSettings COORDINATOR = new CoordinatorSettings(Duration.ofSeconds(1),
      Duration.ofMinutes(3), 10, Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofSeconds(60), 3);
  static final int JOBS = 1000;
  static final JobDefinition JOB = new JobDefinition("bench", JobMode.BATCH, 1, 0, 0, 0, 1, Map.of(), 0, Map.of(),
      List.of(new PluginDefinition(PluginKind.SOURCE, "FakeSource", 0, new OptionValue.ObjectOf(List.of(
              new OptionValue.Member("row", new OptionValue.ObjectOf(List.of(
                  new OptionValue.Member("num", new OptionValue.Numeric("1", 1))), 1))), 1),
              List.of(), "t", 1, "benchmark"),
          new PluginDefinition(PluginKind.SINK, "Discard", 0, OptionValue.ObjectOf.EMPTY, List.of("t"), null, 2,
              "benchmark")), "benchmark");

  /** Snapshot every this many events; 1,000,000 means none within the benchmark. */
  @Param({"100", "1000000"})
  int snapshotEvery;

  private ActorTestKit testKit;
  private ActorRef<JobMasterProtocol> jobMasters;
  private JobSettings settings;
  private ActorRef<JobCoordinatorProtocol> appender;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    Path dir = Files.createTempDirectory("atoll-coordinator-bench");
    testKit = ActorTestKit.create("coordinator-bench", PersistenceConfig.forDataDir(dir)
        .withFallback(ConfigFactory.parseString("akka.loglevel = WARNING")));
    jobMasters = testKit.spawn(Behaviors.ignore(), "job-masters");
    settings = new JobSettings(JobSettings.ScheduleStrategy.WAIT, Duration.ofDays(1), Duration.ofSeconds(1),
        Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofSeconds(10), snapshotEvery, Duration.ofSeconds(10),
        Duration.ofSeconds(60));
    ActorRef<JobCoordinatorProtocol> coordinator = spawnCoordinator();
    TestProbe<JobCoordinatorProtocol.SubmitReply> replies = testKit.createTestProbe();
    for (int i = 0; i < JOBS; i++) {
      coordinator.tell(new JobCoordinatorProtocol.SubmitJob(JOB, 0, replies.ref()));
      long id = ((JobCoordinatorProtocol.JobAccepted) replies.receiveMessage(Duration.ofSeconds(30))).jobId();
      coordinator.tell(new JobCoordinatorProtocol.JobStatusChanged(id, JobStatus.FINISHED, null, JobMetrics.ZERO));
    }
    stop(coordinator);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    testKit.shutdownTestKit();
  }

  /**
   * A ResourceManager that has not heard from every worker yet: the coordinator then admits jobs in
   * order without a capacity check, as before there was one, so the benchmark measures the journal.
   */
  static Behavior<ResourceManagerProtocol> unknownCapacity() {
    return Behaviors.receive(ResourceManagerProtocol.class)
        .onMessage(ResourceManagerProtocol.GetSlotCapacity.class, query -> {
          query.replyTo().tell(new SlotCapacity(List.of(), false));
          return Behaviors.same();
        })
        .build();
  }

  private ActorRef<JobCoordinatorProtocol> spawnCoordinator() {
    return testKit.spawn(JobCoordinator.create(settings, COORDINATOR, jobId -> jobMasters,
        testKit.spawn(CoordinatorJournalBenchmark.unknownCapacity())));
  }

  private void stop(ActorRef<?> ref) {
    TestProbe<Object> watcher = testKit.createTestProbe();
    testKit.stop(ref, Duration.ofSeconds(30));
    watcher.expectTerminated(ref, Duration.ofSeconds(30));
  }

  /** Start a coordinator on the journal of 1,000 ended jobs and wait until it lists them all. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public int recover1000Jobs() {
    ActorRef<JobCoordinatorProtocol> coordinator = spawnCoordinator();
    TestProbe<JobCoordinatorProtocol.JobList> list = testKit.createTestProbe();
    coordinator.tell(new JobCoordinatorProtocol.ListJobs(list.ref()));
    int jobs = list.receiveMessage(Duration.ofSeconds(60)).jobs().size();
    if (jobs < JOBS) {
      throw new IllegalStateException("recovered " + jobs + " jobs, expected at least " + JOBS);
    }
    stop(coordinator);
    return jobs;
  }
}
