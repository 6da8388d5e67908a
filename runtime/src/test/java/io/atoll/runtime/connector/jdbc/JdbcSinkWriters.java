package io.atoll.runtime.connector.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.atoll.protocol.connector.JobContext;
import io.atoll.protocol.connector.SinkWriter;
import io.atoll.protocol.data.CatalogTable;
import io.atoll.protocol.data.RowType;
import io.atoll.runtime.connector.TestingWriterContext;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Jdbc sink writers over a {@link JdbcTestDatabase}, as the runtime creates them, and reading a table back. */
final class JdbcSinkWriters {
  static final JobContext JOB = new JobContext(4711L, "jdbc-sink-test", false, 1, 0);

  private JdbcSinkWriters() {}

  static Config config(JdbcTestDatabase db, String options) {
    return ConfigFactory.parseString(db.loginOptions() + options);
  }

  /** The validation problems of the block for this input. */
  static List<String> validate(JdbcTestDatabase db, String options, RowType input) {
    return new JdbcSinkFactory().validate(config(db, options), input);
  }

  /** A writer of subtask {@code subtask}, validated first (no problems allowed). */
  static SinkWriter writer(JdbcTestDatabase db, String options, RowType input, int subtask, List<String> restored)
      throws Exception {
    return writer(db, options, input, subtask, 1, restored);
  }

  /** A writer of subtask {@code subtask} of {@code parallelism}, validated first (no problems allowed). */
  static SinkWriter writer(JdbcTestDatabase db, String options, RowType input, int subtask, int parallelism,
      List<String> restored) throws Exception {
    assertEquals(List.of(), validate(db, options, input));
    return new JdbcSinkFactory().createSink(config(db, options), CatalogTable.only(input))
        .createWriter(new TestingWriterContext(JOB, subtask, parallelism, restored));
  }

  static SinkWriter writer(JdbcTestDatabase db, String options, RowType input) throws Exception {
    return writer(db, options, input, 0, List.of());
  }

  /** Each row of the query as its columns' text ({@code getString}), joined by '|'. */
  static List<String> rows(JdbcTestDatabase db, String query) throws Exception {
    List<String> rows = new ArrayList<>();
    try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> cells = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
          cells.add(rs.getString(i));
        }
        rows.add(String.join("|", cells));
      }
    }
    return rows;
  }

  /** The gids of the database's prepared transactions. */
  static List<String> preparedXacts(JdbcTestDatabase db) throws Exception {
    return rows(db, "SELECT gid FROM pg_prepared_xacts WHERE database = current_database()");
  }
}
