package io.atoll.runtime.connector.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.atoll.runtime.testing.CliRuns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Job files with a Jdbc source run through {@code atoll run}, the login passed as {@code -i}
 * variables: PostgreSQL into Assert with exact row counts, and {@code examples/jdbc_to_file.conf}.
 */
class JdbcJobFileTest {
  @TempDir
  Path tmp;
  private JdbcTestDatabase db;

  @BeforeEach
  void createDatabase() {
    db = new JdbcTestDatabase("jdbc_job");
  }

  @AfterEach
  void dropDatabase() {
    if (db != null) {
      db.close();
    }
  }

  private CliRuns.Result run(Path job, String... variables) {
    List<String> args = new ArrayList<>(List.of("run", job.toString(), "-i", "url=" + db.login().url(),
        "-i", "user=" + db.login().user(), "-i", "password=" + db.login().password()));
    for (String variable : variables) {
      args.add("-i");
      args.add(variable);
    }
    return CliRuns.run(args.toArray(String[]::new));
  }

  @Test
  void postgresIntoAssertWithExactRowCounts() throws Exception {
    db.execute("CREATE TABLE orders (id int8 PRIMARY KEY, amount numeric(8, 2), placed date)",
        "INSERT INTO orders SELECT g, g * 0.5, DATE '2024-01-01' + (g % 30) FROM generate_series(1, 1200) g");
    Path job = Files.writeString(tmp.resolve("jdbc_to_assert.conf"), """
        env {
          job.mode = "BATCH"
          parallelism = 1
        }
        source {
          Jdbc {
            url = "${url}"
            driver = "org.postgresql.Driver"
            user = "${user}"
            password = "${password}"
            table_path = "public.orders"
            where_condition = "where id <= 1000"
            partition_column = "placed"
            partition_num = 3
          }
        }
        sink {
          Assert {
            rules {
              row_rules = [
                { rule_type = MIN_ROW, rule_value = 1000 },
                { rule_type = MAX_ROW, rule_value = 1000 }
              ]
              field_rules = [
                { field_name = id, field_type = bigint, field_value = [ { rule_type = NOT_NULL },
                  { rule_type = MIN, rule_value = 1 }, { rule_type = MAX, rule_value = 1000 } ] }
              ]
            }
          }
        }
        """);
    CliRuns.Result r = run(job);
    assertEquals(0, r.exitCode(), r.all());
    assertFalse(r.all().contains(db.login().password() + "\""), "the password is not printed");

    CliRuns.Result wrong = run(Files.writeString(tmp.resolve("too_many.conf"),
        Files.readString(job).replace("where id <= 1000", "where id <= 1001")));
    assertTrue(wrong.exitCode() != 0, "1001 rows break MAX_ROW = 1000:\n" + wrong.all());
  }

  @Test
  void theExampleWritesEveryGeneratedRow() throws Exception {
    Path out = tmp.resolve("out");
    CliRuns.Result r = run(Path.of("..", "examples", "jdbc_to_file.conf"), "output=" + out);
    assertEquals(0, r.exitCode(), r.all());
    List<String> lines = new ArrayList<>();
    try (Stream<Path> files = Files.walk(out)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        lines.addAll(Files.readAllLines(file));
      }
    }
    assertEquals(1000, lines.size());
    assertTrue(lines.contains("{\"id\":7,\"name\":\"name-7\",\"price\":8.75,\"day\":\"2024-01-08\"}"), lines.get(0));
  }

  @Test
  void aWrongPasswordIsAValidationErrorThatDoesNotShowIt() throws Exception {
    Path job = Files.writeString(tmp.resolve("wrong_login.conf"), """
        source {
          Jdbc {
            url = "${url}"
            driver = "org.postgresql.Driver"
            user = "${user}"
            password = "${wrong}"
            query = "select 1 as one"
          }
        }
        sink {
          Console {}
        }
        """);
    CliRuns.Result r = run(job, "wrong=Wr0ng-Pa55");
    assertTrue(r.exitCode() != 0, r.all());
    assertTrue(r.all().contains("option 'user' / 'password': cannot connect to"), r.all());
    assertFalse(r.all().contains("Wr0ng-Pa55"), r.all());
  }
}
