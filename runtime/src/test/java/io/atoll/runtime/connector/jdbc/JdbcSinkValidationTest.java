package io.atoll.runtime.connector.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.atoll.protocol.data.DataType;
import io.atoll.protocol.data.RowType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Jdbc sink's option checks that need no database: each problem names its option. */
class JdbcSinkValidationTest {
  private static final RowType INPUT = RowType.of(new RowType.Field("id", DataType.Basic.INT),
      new RowType.Field("name", DataType.Basic.STRING));
  private static final String LOGIN = """
      url = "jdbc:postgresql://127.0.0.1:1/nowhere"
      driver = "org.postgresql.Driver"
      user = "u"
      password = "S3cret-pw"
      """;

  private static List<String> problems(String options, RowType input) {
    return new JdbcSinkFactory().validate(ConfigFactory.parseString(LOGIN + options), input);
  }

  @Test
  void queryOrGeneratedSqlIsRequired() {
    assertEquals(List.of("option 'query' is required, or generate_sink_sql = true with 'database' and 'table'"),
        problems("", INPUT));
    assertEquals(List.of("option 'table' is required with generate_sink_sql = true (and 'database')",
        "option 'database' is required with generate_sink_sql = true"), problems("generate_sink_sql = true", INPUT));
  }

  @Test
  void theQueryNeedsOnePlaceholderPerField() {
    assertEquals(List.of("option 'query' has 3 '?' placeholder(s) but the input has 2 field(s) [id, name],"
        + " bound in that order"), problems("query = \"insert into t values (?, ?, '?', ?)\"", INPUT));
  }

  @Test
  void primaryKeysAreInputFields() {
    List<String> p = problems("query = \"insert into t values (?, ?)\"\nprimary_keys = [\"key\"]", INPUT);
    assertEquals(List.of("option 'primary_keys': 'key' is not an input field; the fields are [id, name]"), p);
  }

  @Test
  void exactlyOnceRefusesRetriesAndNeedsAnXaDataSourceOffPostgres() {
    assertEquals(List.of("option 'max_retries' must be 0 with is_exactly_once = true: a retried XA branch could"
        + " write its rows twice (a failure restores the pipeline from its last checkpoint instead)"),
        problems("query = \"insert into t values (?, ?)\"\nis_exactly_once = true\nmax_retries = 2", INPUT));
    List<String> mysql = new JdbcSinkFactory().validate(ConfigFactory.parseString(
        LOGIN.replace("jdbc:postgresql:", "jdbc:mysql:") + "query = \"insert into t values (?, ?)\"\n"
            + "is_exactly_once = true"), INPUT);
    assertTrue(mysql.get(0).startsWith("option 'xa_data_source_class_name' is required"), mysql.toString());
  }

  @Test
  void mapFieldsCannotBeWritten() {
    RowType withMap = RowType.of(new RowType.Field("m", new DataType.MapOf(DataType.Basic.STRING,
        DataType.Basic.INT)));
    List<String> p = problems("query = \"insert into t values (?)\"", withMap);
    assertTrue(p.get(0).startsWith("field 'm' has type map<string, int>, which the Jdbc sink cannot write"), p.toString());
  }

  @Test
  void anUnreachableDatabaseNamesTheUrlWithoutThePassword() {
    List<String> p = problems("query = \"insert into t values (?, ?)\"\nproperties { password = \"S3cret-pw\" }",
        INPUT);
    assertEquals(1, p.size(), p.toString());
    assertTrue(p.get(0).startsWith("option 'url': cannot connect to jdbc:postgresql://127.0.0.1:1/nowhere"), p.get(0));
    assertFalse(p.get(0).contains("S3cret-pw"), p.get(0));
  }
}
