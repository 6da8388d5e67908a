package io.atoll.runtime.connector.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.atoll.protocol.data.RowType;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bad Jdbc blocks are refused at validation, naming the option, never showing the password. */
class JdbcSourceValidationTest {
  private JdbcTestDatabase db;

  @BeforeEach
  void createDatabase() throws Exception {
    db = new JdbcTestDatabase("jdbc_validation");
    db.execute("CREATE TABLE people (id int4, name text, spot point)");
  }

  @AfterEach
  void dropDatabase() {
    if (db != null) {
      db.close();
    }
  }

  private List<String> problems(String block) {
    return new JdbcSourceFactory().validate(ConfigFactory.parseString(block), RowType.of());
  }

  private String only(String block) {
    List<String> problems = problems(block);
    assertEquals(1, problems.size(), problems.toString());
    return problems.get(0);
  }

  @Test
  void aGoodBlockHasNoProblem() {
    assertEquals(List.of(), problems(db.loginOptions() + "query = \"select id, name from people\""));
  }

  @Test
  void aWrongPasswordNamesTheLoginAndNeverShowsThePassword() {
    String block = db.loginOptions().replace("password = \"" + db.login().password() + "\"",
        "password = \"Wr0ng-s3cret\"");
    String problem = only(block + "table_path = \"people\"");
    assertTrue(problem.startsWith("option 'user' / 'password': cannot connect to jdbc:postgresql://"), problem);
    assertTrue(problem.contains("password authentication failed"), problem);
    assertFalse(problem.contains("Wr0ng-s3cret"), problem);
  }

  @Test
  void aWrongUrlNamesTheUrlAndMasksAPasswordInIt() {
    String problem = only("""
        url = "jdbc:postgresql://127.0.0.1:1/none?password=in-url-secret"
        driver = "org.postgresql.Driver"
        table_path = "people"
        connection_check_timeout_sec = 2
        """);
    assertTrue(problem.startsWith("option 'url': cannot connect to jdbc:postgresql://127.0.0.1:1/none?password=******"),
        problem);
    assertFalse(problem.contains("in-url-secret"), problem);
  }

  @Test
  void anUnknownDriverClassNamesTheDriver() {
    String problem = only(db.loginOptions().replace("org.postgresql.Driver", "com.example.NoDriver")
        + "table_path = \"people\"");
    assertTrue(problem.startsWith("option 'driver': "), problem);
    assertTrue(problem.contains("com.example.NoDriver is not on the classpath"), problem);
  }

  @Test
  void aMissingTableNamesTableWherePath() {
    String problem = only(db.loginOptions() + "table_path = \"public.nope\"");
    assertTrue(problem.startsWith("option 'table_path': ERROR: relation \"public.nope\" does not exist"), problem);
  }

  @Test
  void anUnknownPartitionColumnListsTheColumns() {
    assertEquals("option 'partition_column': the query has no column 'nope'; it has [id, name]",
        only(db.loginOptions() + "query = \"select id, name from people\"\npartition_column = nope"));
    assertEquals("option 'partition_column': column 'name' has type text; partition by an integer, decimal, date"
        + " or timestamp column", only(db.loginOptions() + "query = \"select id, name from people\"\npartition_column = name"));
  }

  @Test
  void anUnsupportedColumnTypeNamesTheColumn() {
    assertEquals("option 'table_path': column 'spot' has type point, which the Jdbc source cannot read; cast it in"
        + " the query (e.g. spot::text) or leave it out", only(db.loginOptions() + "table_path = people"));
  }

  @Test
  void optionsAreCheckedBeforeConnecting() {
    assertEquals("one of the options 'query' or 'table_path' is required", only(db.loginOptions()));
    assertEquals("option 'where_condition' must start with 'where', e.g. \"where id > 100\"; got 'id > 1'",
        only(db.loginOptions() + "table_path = people\nwhere_condition = \"id > 1\""));
    assertEquals("option 'partition_lower_bound': 'x' is not a whole number", only(db.loginOptions()
        + "query = \"select id from people\"\npartition_column = id\npartition_lower_bound = x"));
    assertEquals("option 'partition_num' must be 1 or more, got 0",
        only(db.loginOptions() + "table_path = people\npartition_num = 0"));
  }

  @Test
  void seaTunnelsSamplingOptionsAreWarnings() {
    assertEquals("warning: option 'split.inverse-sampling.rate' has no effect: Atoll cuts even ranges",
        only(db.loginOptions() + "query = \"select id from people\"\nsplit.inverse-sampling.rate = 100"));
  }
}
