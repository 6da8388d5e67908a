package io.atoll.runtime.connector.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.atoll.runtime.testing.CliRuns;
import io.atoll.runtime.testing.Jobs;
import io.atoll.runtime.testing.plugins.TestingSink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Job files with a Jdbc sink through {@code atoll run}, the login as {@code -i} variables:
 * FakeSource into PostgreSQL exactly-once at parallelism 2, {@code examples/file_to_jdbc.conf}, and
 * a wrong column as a validation error.
 */
class JdbcSinkJobFileTest {
  @TempDir
  Path tmp;
  private JdbcTestDatabase db;

  @BeforeEach
  void createDatabase() {
    db = new JdbcTestDatabase("jdbc_sink_job");
  }

  @AfterEach
  void dropDatabase() {
    if (db != null) {
      db.close();
    }
  }

  private CliRuns.Result run(Path job, String... variables) {
    List<String> args = new ArrayList<>(List.of("run", job.toString(), "-i", "url=" + db.login().url(),
        "-i", "user=" + db.login().user(), "-i", "password=" + db.login().password(),
        "-i", "database=" + db.login().url().replaceAll(".*/", "")));
    for (String variable : variables) {
      args.add("-i");
      args.add(variable);
    }
    return CliRuns.run(args.toArray(String[]::new));
  }

  @Test
  void fakeSourceIntoPostgresExactlyOnce() throws Exception {
    Path job = Files.writeString(tmp.resolve("fake_to_jdbc.conf"), """
        env {
          job.mode = "BATCH"
          parallelism = 2
          checkpoint.interval = 200
        }
        source {
          FakeSource {
            row.num = 1500
            split.num = 4
            split.read-interval = 1
            schema = { fields { id = "bigint", name = "string", score = "double" } }
          }
        }
        sink {
          Jdbc {
            url = "${url}"
            driver = "org.postgresql.Driver"
            user = "${user}"
            password = "${password}"
            generate_sink_sql = true
            database = "${database}"
            table = "fake_rows"
            is_exactly_once = true
            batch_size = 100
          }
        }
        """);
    CliRuns.Result r = run(job);
    assertEquals(0, r.exitCode(), r.all());
    assertFalse(r.all().contains(db.login().password() + "\""), "the password is not printed");
    assertEquals(List.of("3000"), JdbcSinkWriters.rows(db, "SELECT count(*) FROM fake_rows"),
        "1500 rows per reader, 2 readers: every row once");
    assertEquals(List.of(), JdbcSinkWriters.preparedXacts(db));
  }

  @Test
  void aTaskFailureRestoresWithoutLosingOrDoublingRows() throws Exception {
    Path job = Files.writeString(tmp.resolve("fake_fail_jdbc.conf"), """
        env {
          job.mode = "BATCH"
          parallelism = 2
          checkpoint.interval = 100
          job.retry.times = 2
          job.retry.interval.seconds = 1
        }
        source {
          FakeSource {
            plugin_output = "fake"
            row.num = 1500
            split.num = 50
            split.read-interval = 20
            schema = { fields { id = "bigint", name = "string" } }
          }
        }
        transform {
          FailOnce {
            plugin_input = "fake"
            plugin_output = "failing"
            marker = "${marker}"
            after_rows = 1000
          }
        }
        sink {
          Jdbc {
            plugin_input = "failing"
            url = "${url}"
            driver = "org.postgresql.Driver"
            user = "${user}"
            password = "${password}"
            generate_sink_sql = true
            database = "${database}"
            table = "fake_rows"
            is_exactly_once = true
            batch_size = 50
          }
        }
        """);
    Path marker = tmp.resolve("failed-once");
    CliRuns.Result r = run(job, "marker=" + marker);
    assertEquals(0, r.exitCode(), r.all());
    assertTrue(Files.exists(marker), "a task failed once:\n" + r.all());
    assertEquals(List.of("3000"), JdbcSinkWriters.rows(db, "SELECT count(*) FROM fake_rows"),
        "every row once after the restore:\n" + r.all());
    assertEquals(List.of(), JdbcSinkWriters.preparedXacts(db));
  }

  @Test
  void theExampleWritesTheFileIntoPeople() throws Exception {
    db.execute("CREATE TABLE people (id int PRIMARY KEY, name text, city text)",
        "INSERT INTO people VALUES (99, 'dropped', 'first')");
    CliRuns.Result r = run(Path.of("..", "examples", "file_to_jdbc.conf"),
        "input=" + Path.of("..", "examples", "data", "people.csv").toAbsolutePath());
    assertEquals(0, r.exitCode(), r.all());
    List<String> rows = JdbcSinkWriters.rows(db, "SELECT id, name, city FROM people ORDER BY id");
    List<String> csv = Files.readAllLines(Path.of("..", "examples", "data", "people.csv"));
    assertEquals(csv.size() - 1, rows.size(), rows.toString());
    assertEquals(csv.get(1).replace(',', '|'), rows.get(0));
    assertEquals(List.of(), JdbcSinkWriters.preparedXacts(db));
  }

  @Test
  void aWrongColumnIsAValidationErrorNamingTableAndColumn() throws Exception {
    db.execute("CREATE TABLE people (id int, full_name text)");
    Path job = Files.writeString(tmp.resolve("wrong_column.conf"), """
        source {
          FakeSource {
            row.num = 1
            schema = { fields { id = "int", name = "string" } }
          }
        }
        sink {
          Jdbc {
            url = "${url}"
            driver = "org.postgresql.Driver"
            user = "${user}"
            password = "${password}"
            generate_sink_sql = true
            database = "${database}"
            table = "people"
          }
        }
        """);
    CliRuns.Result r = run(job);
    assertTrue(r.exitCode() != 0, r.all());
    assertTrue(r.all().contains("option 'table': table public.people has no column 'name'"), r.all());

    CliRuns.Result login = run(Files.writeString(tmp.resolve("wrong_login.conf"),
        Files.readString(job).replace("${password}", "${wrong}")), "wrong=Wr0ng-Pa55");
    assertTrue(login.exitCode() != 0, login.all());
    assertTrue(login.all().contains("option 'user' / 'password': cannot connect to"), login.all());
    assertFalse(login.all().contains("Wr0ng-Pa55"), login.all());
  }

  @Test
  void aJobFailingForGoodLeavesNoPreparedBranchAndKeepsItsCompletedCheckpoints() throws Exception {
    // TestingSink comes first: it commits, then fails, when checkpoint 3 completes, so the Jdbc
    // writer is never told and its branch for checkpoint 3 stays prepared; with no retries the job
    // fails, and its end must commit that branch (checkpoint 3 did complete) and roll back the rest.
    Path job = Files.writeString(tmp.resolve("fake_fail_for_good.conf"), Jobs.failingForGoodAtCheckpoint3(
        "jdbc-fail-for-good", """
          Jdbc {
            url = "${url}"
            driver = "org.postgresql.Driver"
            user = "${user}"
            password = "${password}"
            generate_sink_sql = true
            database = "${database}"
            table = "settled_rows"
            is_exactly_once = true
          }
        """));
    CliRuns.Result r = run(job);
    assertTrue(r.exitCode() != 0, r.all());
    assertTrue(r.all().contains("TestingSink fails when checkpoint 3 completes"), r.all());
    assertEquals(List.of(), JdbcSinkWriters.preparedXacts(db), "nothing left prepared");
    int committed = TestingSink.committed("jdbc-fail-for-good").size();
    assertTrue(committed > 0 && committed < 3000, "some checkpoints completed before the failure: " + committed);
    assertEquals(List.of(String.valueOf(committed)), JdbcSinkWriters.rows(db, "SELECT count(*) FROM settled_rows"),
        "the table holds exactly the rows of the completed checkpoints, as the other sink");
  }
}
