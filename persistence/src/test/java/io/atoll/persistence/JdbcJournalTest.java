package io.atoll.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.FishingOutcomes;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import io.atoll.persistence.PersistenceSettings.JdbcSettings;
import io.atoll.protocol.resource.JobId;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The shared JDBC journal on PostgreSQL: tables created at start (idempotently, also by two masters
 * at once), events and snapshots written by one ActorSystem recovered by a new one, and the errors
 * a master shows when the database is unreachable or refuses the login. Each test gets a database of
 * its own ({@link TestDatabase}); without {@code ATOLL_TEST_JDBC_URL} those tests are skipped.
 */
class JdbcJournalTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  private final List<ActorTestKit> testKits = new ArrayList<>();
  private final List<TestDatabase> databases = new ArrayList<>();

  @AfterEach
  void cleanUp() {
    testKits.forEach(ActorTestKit::shutdownTestKit);
    databases.forEach(TestDatabase::close);
  }

  private TestDatabase database() {
    TestDatabase db = TestDatabase.create("journal_test");
    databases.add(db);
    return db;
  }

  @Test
  void eventsAndSnapshotsAreRecoveredByANewActorSystem() throws Exception {
    JdbcSettings jdbc = database().settings();
    JournalDatabase.prepare(jdbc);
    ActorTestKit first = start("first", jdbc);
    RecoveryAfterRestartTest.addJobs(first, "tally-1", 0, 1, 5);
    // Snapshots at 3 and 6; the one at 6 deletes events 1-3.
    TestProbe<String> signals = RecoveryAfterRestartTest.addJobs(first, "tally-s", 3, 1, 7);
    signals.fishForMessage(TIMEOUT, s -> s.contains("failed") ? FishingOutcomes.fail(s)
        : s.equals("events deleted to 3") ? FishingOutcomes.complete()
        : FishingOutcomes.continueAndIgnore());
    RecoveryAfterRestartTest.terminate(first);

    ActorTestKit second = start("second", jdbc);
    TestProbe<String> recovered = second.createTestProbe();
    TestProbe<Long> replies = second.createTestProbe();
    ActorRef<JobTally.Command> tally = second.spawn(JobTally.create("tally-1", 0, recovered.ref()));
    recovered.expectMessage(TIMEOUT, "recovered sum=15 replayed=5");
    tally.tell(new JobTally.Add(JobId.of(6), replies.ref()));
    replies.expectMessage(TIMEOUT, 21L);
    second.spawn(JobTally.create("tally-s", 3, recovered.ref()));
    recovered.expectMessage(TIMEOUT, "recovered sum=28 replayed=1"); // from snapshot 6, then event 7
    assertEquals(6, count(jdbc, "SELECT count(*) FROM event_journal WHERE persistence_id = 'tally-1'"),
        "the events are rows of the shared database");
  }

  @Test
  void tablesAreCreatedOnceEvenByTwoMastersStartingTogether() throws Exception {
    JdbcSettings jdbc = database().settings();
    CompletableFuture<Void> a = CompletableFuture.runAsync(() -> JournalDatabase.prepare(jdbc));
    CompletableFuture<Void> b = CompletableFuture.runAsync(() -> JournalDatabase.prepare(jdbc));
    CompletableFuture.allOf(a, b).get();
    JournalDatabase.prepare(jdbc); // and again, on existing tables
    for (String table : JournalDatabase.TABLES) {
      assertEquals(1, count(jdbc, "SELECT count(*) FROM pg_tables WHERE tablename = '" + table + "'"), table);
    }
  }

  @Test
  void withoutCreateTablesMissingTablesAreNamed() {
    JdbcSettings db = database().settings();
    JdbcSettings noCreate = new JdbcSettings(db.url(), db.user(), db.password(), 2, Duration.ofSeconds(5), false);
    JournalDatabaseException e = assertThrows(JournalDatabaseException.class, () -> JournalDatabase.prepare(noCreate));
    assertTrue(e.getMessage().contains("[event_journal, event_tag, snapshot] are missing"), e.getMessage());
    JournalDatabase.prepare(db);
    JournalDatabase.prepare(noCreate); // now they exist
  }

  @Test
  void aWrongPasswordIsReportedWithTheUrlAndNotThePassword() {
    JdbcSettings db = database().settings();
    JdbcSettings wrong = new JdbcSettings(db.url(), db.user(), "not-the-Password-42", 2, Duration.ofSeconds(5), true);
    JournalDatabaseException e = assertThrows(JournalDatabaseException.class, () -> JournalDatabase.prepare(wrong));
    assertTrue(e.getMessage().startsWith("cannot use the journal database " + db.url() + " as user '" + db.user() + "'"),
        e.getMessage());
    assertTrue(e.getMessage().contains("password authentication failed"), e.getMessage());
    assertFalse(e.getMessage().contains("not-the-Password-42"), e.getMessage());
  }

  /** Needs no database: nothing listens on port 1. */
  @Test
  void anUnreachableDatabaseIsNamedOnOneLine() {
    JdbcSettings nowhere = new JdbcSettings("jdbc:postgresql://127.0.0.1:1/atoll?password=inUrl", "atoll",
        "s3cret", 2, Duration.ofSeconds(2), true);
    JournalDatabaseException e = assertThrows(JournalDatabaseException.class, () -> JournalDatabase.prepare(nowhere));
    assertTrue(e.getMessage().startsWith(
        "cannot use the journal database jdbc:postgresql://127.0.0.1:1/atoll?password=*** as user 'atoll' ("),
        e.getMessage());
    assertTrue(e.getMessage().contains("refused"), e.getMessage());
    assertFalse(e.getMessage().contains("s3cret") || e.getMessage().contains("inUrl"), e.getMessage());
    assertEquals(1, e.getMessage().lines().count(), e.getMessage());
  }

  private ActorTestKit start(String name, JdbcSettings jdbc) {
    ActorTestKit kit = ActorTestKit.create(name,
        RecoveryAfterRestartTest.testConfig().withFallback(PersistenceConfig.forJdbc(jdbc)));
    testKits.add(kit);
    return kit;
  }

  private static long count(JdbcSettings jdbc, String sql) throws Exception {
    try (Connection c = JournalDatabase.connect(jdbc); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }
}
