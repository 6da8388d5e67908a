package io.atoll.runtime.connector.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.atoll.runtime.testing.CliRuns;
import io.atoll.runtime.testing.Jobs;
import io.atoll.runtime.testing.plugins.TestingSink;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Jdbc connector on a MySQL-compatible server, as a user runs it: MySQL's driver is not on the
 * classpath but in a plugins/ directory ({@code target/test-plugins}, copied there by the build),
 * named by {@code driver} and {@code xa_data_source_class_name}. CI runs Debian's MariaDB
 * ({@code .ci/test-mysql.sh}); without {@code ATOLL_TEST_MYSQL_URL} these are skipped with the
 * reason, and under {@code CI=true} they fail instead.
 */
class JdbcMySqlTest {
  private static String url;
  private static String user;
  private static String password;
  private static Driver driver;

  @TempDir
  Path tmp;
  private final String table = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

  @BeforeAll
  static void server() {
    url = System.getenv("ATOLL_TEST_MYSQL_URL");
    user = System.getenv("ATOLL_TEST_MYSQL_USER");
    password = System.getenv("ATOLL_TEST_MYSQL_PASSWORD");
    if (url == null) {
      String reason = "ATOLL_TEST_MYSQL_URL is not set (.ci/test-mysql.sh starts a MariaDB and sets it)";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail(reason + "; CI=true, so this fails instead of being skipped");
      }
      assumeTrue(false, reason + "; skipped");
    }
  }

  @AfterEach
  void dropTable() throws SQLException {
    if (url != null) {
      execute("DROP TABLE IF EXISTS " + table);
    }
  }

  /** The test's own connection, through the driver in target/test-plugins (it is not on the classpath). */
  private static Connection connect() throws SQLException {
    try {
      if (driver == null) {
        Path jar;
        try (var jars = Files.list(Path.of("target/test-plugins"))) {
          jar = jars.filter(p -> p.getFileName().toString().startsWith("mysql-connector-j-")).findFirst().orElseThrow();
        }
        URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, JdbcMySqlTest.class.getClassLoader());
        driver = (Driver) Class.forName("com.mysql.cj.jdbc.Driver", true, loader).getDeclaredConstructor().newInstance();
      }
    } catch (ReflectiveOperationException | java.io.IOException | java.util.NoSuchElementException e) {
      throw new SQLException("MySQL's driver is not in target/test-plugins (the build copies it there)", e);
    }
    Properties login = new Properties();
    login.setProperty("user", user);
    login.setProperty("password", password);
    return driver.connect(url, login);
  }

  private static void execute(String sql) throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static List<String> column(String query) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Connection c = connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(query)) {
      while (rs.next()) {
        values.add(rs.getString(1));
      }
    }
    return values;
  }

  /** This database's prepared XA transactions that are Atoll's. */
  private static List<String> preparedBranches() throws SQLException {
    List<String> ours = new ArrayList<>();
    try (Connection c = connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("XA RECOVER")) {
      while (rs.next()) {
        String data = rs.getString("data");
        if (data.startsWith("atoll:")) {
          ours.add(data);
        }
      }
    }
    return ours;
  }

  private CliRuns.Result run(String jobText) throws Exception {
    Path job = Files.writeString(tmp.resolve("job.conf"), jobText);
    Path node = Files.writeString(tmp.resolve("node.conf"),
        "atoll.plugins-dir = \"" + Path.of("target/test-plugins").toAbsolutePath() + "\"\n");
    return CliRuns.run("run", job.toString(), "--config", node.toString(), "-i", "url=" + url, "-i", "user=" + user,
        "-i", "password=" + password, "-i", "table=" + table);
  }

  private static final String LOGIN = """
        url = "${url}"
        driver = "com.mysql.cj.jdbc.Driver"
        user = "${user}"
        password = "${password}"
      """;

  @Test
  void fakeSourceIntoMySqlExactlyOnceThenReadBackInPartitions() throws Exception {
    CliRuns.Result write = run("""
        env { job.mode = "BATCH", parallelism = 2, checkpoint.interval = 200 }
        source {
          FakeSource {
            row.num = 1500
            split.num = 6
            split.read-interval = 50
            schema = { fields { id = "bigint", name = "string", amount = "decimal(12, 2)", day = "date", at = "timestamp" } }
          }
        }
        sink {
          Jdbc {
        %s
            generate_sink_sql = true
            database = "atoll_test"
            table = "${table}"
            is_exactly_once = true
            xa_data_source_class_name = "com.mysql.cj.jdbc.MysqlXADataSource"
            batch_size = 100
          }
        }
        """.formatted(LOGIN));
    assertEquals(0, write.exitCode(), write.all());
    assertTrue(!write.all().contains(password + "\""), "the password is not printed");
    assertEquals(List.of("3000"), column("SELECT count(*) FROM " + table), "1500 rows per reader, 2 readers, once");
    assertEquals(List.of(), preparedBranches(), "every branch committed (several checkpoints, one connection each)");

    CliRuns.Result read = run("""
        env { job.mode = "BATCH", parallelism = 2 }
        source {
          Jdbc {
        %s
            table_path = "atoll_test.${table}"
            partition_column = "id"
            partition_num = 4
            fetch_size = 500
          }
        }
        sink { TestingSink { collect_to = "mysql-read-back" } }
        """.formatted(LOGIN));
    assertEquals(0, read.exitCode(), read.all());
    assertEquals(3000, TestingSink.committed("mysql-read-back").size(), "the partitions cover the table, once");
  }

  @Test
  void aJobFailingForGoodCommitsItsCompletedCheckpointsAndLeavesNoPreparedBranch() throws Exception {
    // As JdbcSinkJobFileTest's PostgreSQL case: the Jdbc writer never hears that checkpoint 3
    // completed, so its branch stays prepared (and detached: its connection was closed after the
    // prepare) until the job's end settles it from the master.
    CliRuns.Result r = run(Jobs.failingForGoodAtCheckpoint3("mysql-fail-for-good", """
          Jdbc {
        %s
            generate_sink_sql = true
            database = "atoll_test"
            table = "${table}"
            is_exactly_once = true
            xa_data_source_class_name = "com.mysql.cj.jdbc.MysqlXADataSource"
          }
        """.formatted(LOGIN)));
    assertTrue(r.exitCode() != 0, r.all());
    assertTrue(r.all().contains("TestingSink fails when checkpoint 3 completes"), r.all());
    assertEquals(List.of(), preparedBranches());
    int committed = TestingSink.committed("mysql-fail-for-good").size();
    assertTrue(committed > 0 && committed < 3000, "some checkpoints completed before the failure: " + committed);
    assertEquals(List.of(String.valueOf(committed)), column("SELECT count(*) FROM " + table));
  }
}
