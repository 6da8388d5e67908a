package io.atoll.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.FishingOutcomes;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.atoll.protocol.resource.JobId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a node restart relies on: events and snapshots written by one ActorSystem through
 * {@link PersistenceConfig} are recovered by a new ActorSystem started on the same data dir.
 */
class RecoveryAfterRestartTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  @TempDir Path tempDir;

  private final List<ActorTestKit> testKits = new ArrayList<>();

  @AfterEach
  void shutdownTestKits() {
    testKits.forEach(ActorTestKit::shutdownTestKit);
  }

  @ParameterizedTest(name = "native LevelDB = {0}")
  @ValueSource(booleans = {true, false})
  void eventsAreRecoveredByANewActorSystem(boolean nativeLevelDb) throws Exception {
    try (DataDirectory dataDir = DataDirectory.open(tempDir.resolve("node"))) {
      ActorTestKit first = start("first", dataDir, nativeLevelDb);
      addJobs(first, "tally-1", 0, 1, 5);
      terminate(first);
      assertTrue(Files.exists(dataDir.journalDir().resolve("CURRENT")),
          "the journal was written into the data dir");
      // Native LevelDB keeps an info LOG file, the pure-Java port does not: the switch took effect.
      assertEquals(nativeLevelDb, Files.exists(dataDir.journalDir().resolve("LOG")));

      ActorTestKit second = start("second", dataDir, nativeLevelDb);
      TestProbe<String> signals = second.createTestProbe();
      TestProbe<Long> replies = second.createTestProbe();
      ActorRef<JobTally.Command> tally = second.spawn(JobTally.create("tally-1", 0, signals.ref()));
      signals.expectMessage(TIMEOUT, "recovered sum=15 replayed=5");
      tally.tell(new JobTally.Get(replies.ref()));
      replies.expectMessage(TIMEOUT, 15L);
      // The journal goes on after the recovered sequence number.
      tally.tell(new JobTally.Add(JobId.of(6), replies.ref()));
      replies.expectMessage(TIMEOUT, 21L);

      ActorRef<JobTally.Command> other = second.spawn(JobTally.create("tally-2", 0, signals.ref()));
      signals.expectMessage(TIMEOUT, "recovered sum=0 replayed=0");
      other.tell(new JobTally.Get(replies.ref()));
      replies.expectMessage(TIMEOUT, 0L);
    }
  }

  /** An aarch64 user who turns leveldb-native off keeps the journal an x86_64 node wrote. */
  @Test
  void pureJavaLevelDbRecoversWhatNativeLevelDbWrote() throws Exception {
    try (DataDirectory dataDir = DataDirectory.open(tempDir.resolve("node"))) {
      ActorTestKit nativeKit = start("native", dataDir, true);
      addJobs(nativeKit, "tally-1", 0, 1, 4);
      terminate(nativeKit);

      ActorTestKit javaKit = start("java", dataDir, false);
      TestProbe<String> signals = javaKit.createTestProbe();
      javaKit.spawn(JobTally.create("tally-1", 0, signals.ref()));
      signals.expectMessage(TIMEOUT, "recovered sum=10 replayed=4");
    }
  }

  @Test
  void recoveryStartsFromTheLatestSnapshot() throws Exception {
    try (DataDirectory dataDir = DataDirectory.open(tempDir.resolve("node"))) {
      ActorTestKit first = start("first", dataDir, true);
      // Snapshots at 3 and 6; the snapshot at 6 deletes events 1-3 (one snapshot's worth is kept).
      TestProbe<String> signals = addJobs(first, "tally-s", 3, 1, 7);
      signals.fishForMessage(TIMEOUT, s -> s.contains("failed") ? FishingOutcomes.fail(s)
          : s.equals("events deleted to 3") ? FishingOutcomes.complete()
          : FishingOutcomes.continueAndIgnore());
      terminate(first);
      assertTrue(snapshotFiles(dataDir).anyMatch(name -> name.contains("tally-s-6-")),
          "snapshot 6 is in " + dataDir.snapshotDir());

      ActorTestKit second = start("second", dataDir, true);
      TestProbe<String> recovered = second.createTestProbe();
      second.spawn(JobTally.create("tally-s", 3, recovered.ref()));
      // 1+...+7 = 28 with events 1-3 gone from the journal, and only event 7 replayed: the state
      // came from snapshot 6.
      recovered.expectMessage(TIMEOUT, "recovered sum=28 replayed=1");
    }
  }

  /** Spawns a tally, tells it job ids {@code from..to} and checks each reply; returns its signals. */
  static TestProbe<String> addJobs(
      ActorTestKit kit, String persistenceId, int snapshotEvery, long from, long to) {
    TestProbe<String> signals = kit.createTestProbe();
    TestProbe<Long> replies = kit.createTestProbe();
    ActorRef<JobTally.Command> tally =
        kit.spawn(JobTally.create(persistenceId, snapshotEvery, signals.ref()));
    signals.expectMessage(TIMEOUT, "recovered sum=0 replayed=0");
    long sum = 0;
    for (long id = from; id <= to; id++) {
      sum += id;
      tally.tell(new JobTally.Add(JobId.of(id), replies.ref()));
      replies.expectMessage(TIMEOUT, sum);
    }
    return signals;
  }

  private ActorTestKit start(String name, DataDirectory dataDir, boolean nativeLevelDb) {
    Config config = testConfig().withFallback(PersistenceConfig.forDataDir(dataDir.path(), nativeLevelDb));
    ActorTestKit kit = ActorTestKit.create(name, config);
    testKits.add(kit);
    return kit;
  }

  /** Real serialization, Java serialization off, logs through SLF4J. */
  static Config testConfig() {
    return ConfigFactory.parseString(
        "akka.actor.allow-java-serialization = off\n"
            + "akka.actor.serialize-messages = on\n"
            + "akka.loggers = [\"akka.event.slf4j.Slf4jLogger\"]\n"
            + "akka.logging-filter = \"akka.event.slf4j.Slf4jLoggingFilter\"\n");
  }

  /** Stops the whole ActorSystem, as a node shutdown does, so the journal is closed. */
  static void terminate(ActorTestKit kit) throws Exception {
    kit.system().terminate();
    kit.system().getWhenTerminated().toCompletableFuture().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
  }

  private static Stream<String> snapshotFiles(DataDirectory dataDir) throws IOException {
    try (Stream<Path> files = Files.list(dataDir.snapshotDir())) {
      return files.map(p -> p.getFileName().toString()).toList().stream();
    }
  }
}
